import { findVillage } from '../../shared/domain/regions.js';
import { PAYMENT_SHEET_COLUMNS } from '../../shared/imports/payment-sheet.js';
import { registration } from './candidates.js';

/** What registers and moves candidates: the test system's gateway, or the bench's. */
export interface Caller {
  request(
    method: string,
    url: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown }>;
  token(role: 'village_official' | 'fmpp_volunteer', scope: string): Promise<string>;
}

export interface Enrolled {
  id: string;
  nik: string;
  villageCode: string;
  version: number;
}

const SCHOOL = { npsn: '20325671', name: 'SMP Negeri 1 Salem', level: 'SMP' };

/**
 * A learner of `year` in `villageCode` holding a village place, enrolled: Rp 1,500,000 of
 * APBDes committed to them (the village's quota must still have a place).
 */
export async function enrolledLearner(
  caller: Caller,
  year: number,
  villageCode: string,
  serial: number,
): Promise<Enrolled> {
  const body = registration(serial, { year, villageCode });
  const registered = await caller.request('POST', '/candidates', {
    token: await caller.token('village_official', villageCode),
    body,
  });
  if (registered.status !== 201) throw new Error(`registration: ${registered.status}`);
  let c = registered.body as { id: string; version: number };
  const volunteer = await caller.token('fmpp_volunteer', findVillage(villageCode)?.districtCode ?? '');
  for (const [to, extra] of [
    ['VERIFIED', {}],
    ['ENROLLED', { school: SCHOOL }],
  ] as const) {
    const moved = await caller.request('POST', `/candidates/${c.id}/transitions`, {
      token: volunteer,
      body: { to, ...extra },
      headers: { 'if-match': `"${c.version}"` },
    });
    if (moved.status !== 200) throw new Error(`${to}: ${moved.status}`);
    c = moved.body as { id: string; version: number };
  }
  return { id: c.id, nik: body.nik, villageCode, version: c.version };
}

/** A payment sheet's row: any of its columns (`ID Calon` or `NIK`, `Sumber`, …). */
export type SheetRow = Partial<Record<(typeof PAYMENT_SHEET_COLUMNS)[number]['header'], string>>;

/** The rows as a CSV payment sheet with the template's header, quoted where needed. */
export function paymentCsv(rows: SheetRow[], separator: ',' | ';' = ','): string {
  const cell = (text: string) => (/[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const headers = PAYMENT_SHEET_COLUMNS.map((c) => c.header);
  return [
    headers.map(cell).join(separator),
    ...rows.map((r) => headers.map((h) => cell(r[h as keyof SheetRow] ?? '')).join(separator)),
  ].join('\r\n');
}
