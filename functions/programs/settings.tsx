import { parseRupiah, parseWholeNumber } from '../../shared/domain/money.js';
import { programInputSchema } from '../../shared/domain/program.js';
import { DomainError, type FieldProblem, validationFailed } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import { parseWith } from '../../shared/schema-problems.js';
import { programSettings, saveProgram } from '../../shared/services/programs.js';
import { budgetReport } from '../../shared/services/reports.js';
import type { GkbContext, OperationHandler } from '../http/app.js';
import { ConfirmStep } from '../web/confirm.js';
import { Field, type Problems } from '../web/forms.js';
import { PageTitle } from '../web/help.js';
import { page, pageYear, postedForm, tOf, viewer } from '../web/shell.js';
import { rupiah } from '../web/ui.js';
import { yearOfPage } from '../web/year-switch.js';

/** Money fields of the settings form, read as rupiah; the others as whole numbers. */
const MONEY_FIELDS = new Set(['apbdesPerPerson', 'apbdCeiling']);

/**
 * The settings form's strings as the API's input, with a problem for every field that is no
 * number: money as people type it (`1.500.000`, `Rp 500.000.000`), counts with or without
 * thousands dots. Empty fields keep their value.
 */
function programValues(values: Record<string, string>): {
  input: Record<string, unknown>;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const n = (key: string): number | undefined => {
    const text = values[key]?.trim();
    if (!text) return undefined;
    const read = MONEY_FIELDS.has(key) ? parseRupiah(text) : parseWholeNumber(text);
    if ('amount' in read) return read.amount;
    problems.push({ field: key, key: read.problem });
    return undefined;
  };
  const range = (track: string): [number, number] | undefined => {
    const [min, max] = [n(`${track}.min`), n(`${track}.max`)];
    return min === undefined || max === undefined ? undefined : [min, max];
  };
  const ats = range('ATS');
  const dts = range('DTS');
  const input = {
    villageQuota: n('villageQuota'),
    apbdesPerPerson: n('apbdesPerPerson'),
    apbdCeiling: n('apbdCeiling'),
    apbdPlaces: n('apbdPlaces'),
    referenceDate: values.referenceDate?.trim() || undefined,
    ageRanges: { ...(ats ? { ATS: ats } : {}), ...(dts ? { DTS: dts } : {}) },
    retentionYears: n('retentionYears'),
  };
  return { input, problems };
}

async function programForm(
  c: GkbContext,
  year: number,
  problems: Problems = {},
  saved = false,
  status = 200,
  typed: Record<string, string> = {},
) {
  const t = tOf(c);
  const [program, { yearSwitch }] = await Promise.all([programSettings(year), yearOfPage(c, { next: true })]);
  const people = t('Angka bulat, paling kecil 1.', 'A whole number, at least 1.');
  const money = t('Rupiah utuh, misalnya 1.500.000.', 'Whole rupiah, e.g. 1.500.000.');
  const age = t('Umur dalam tahun, 0–100.', 'Age in years, 0–100.');
  const fields: [string, string, string | number | undefined, string][] = [
    ['villageQuota', t('Kuota per desa (orang)', 'Places per village'), program?.villageQuota, people],
    [
      'apbdesPerPerson',
      t('APBDes per orang (Rp)', 'APBDes per person (Rp)'),
      program?.apbdesPerPerson,
      money,
    ],
    ['apbdCeiling', t('Pagu APBD (Rp)', 'APBD ceiling (Rp)'), program?.apbdCeiling, money],
    ['apbdPlaces', t('Tempat APBD (orang)', 'APBD places'), program?.apbdPlaces, people],
    [
      'referenceDate',
      t('Tanggal acuan umur', 'Reference date for ages'),
      program?.referenceDate,
      t(`Tanggal di tahun ${year}, misalnya 1 Juli.`, `A date in ${year}, e.g. 1 July.`),
    ],
    ['ATS.min', t('ATS umur terendah', 'ATS youngest age'), program?.ageRanges.ATS[0], age],
    ['ATS.max', t('ATS umur tertinggi', 'ATS oldest age'), program?.ageRanges.ATS[1], age],
    ['DTS.min', t('DTS umur terendah', 'DTS youngest age'), program?.ageRanges.DTS[0], age],
    ['DTS.max', t('DTS umur tertinggi', 'DTS oldest age'), program?.ageRanges.DTS[1], age],
    [
      'retentionYears',
      t('Data pribadi disimpan (tahun setelah tahun program)', 'Keep personal data (years after the year)'),
      program?.retentionYears,
      t('Angka bulat 1–50.', 'A whole number, 1–50.'),
    ],
  ];
  const fieldProblems = { ...problems };
  for (const track of ['ATS', 'DTS']) {
    const problem = problems[`ageRanges.${track}`];
    if (problem) fieldProblems[`${track}.min`] = problem;
  }
  return page(
    c,
    t('Pengaturan program', 'Programme settings'),
    <>
      <PageTitle help="program">{t(`Pengaturan program ${year}`, `Programme settings ${year}`)}</PageTitle>
      {yearSwitch}
      {program ? (
        <p>
          <a href={`/program/bawa?year=${year}`}>
            {t(
              `Bawa calon yang belum masuk sekolah dari tahun sebelumnya ke ${year} →`,
              `Carry candidates who never enrolled over from an earlier year to ${year} →`,
            )}
          </a>
        </p>
      ) : null}
      {program ? null : (
        <p class="notice" role="status">
          {t(
            `Tahun ${year} belum diatur. Isi lalu simpan untuk membukanya; kolom kosong memakai nilai baku.`,
            `Year ${year} is not configured yet. Fill in and save to open it; empty fields take the defaults.`,
          )}
        </p>
      )}
      {saved ? (
        <p class="done" role="status">
          {t(`Pengaturan ${year} disimpan.`, `Settings of ${year} saved.`)}
        </p>
      ) : null}
      {Object.keys(problems).length > 0 ? (
        <div class="alert" role="alert">
          {Object.values(problems).join(' ')}
        </div>
      ) : null}
      <form method="post" action={`/program?year=${year}`} class="card">
        <input type="hidden" name="csrf" value={c.get('csrf') ?? ''} />
        {fields.map(([name, label, value, hint]) => (
          <Field name={name} label={label} hint={hint} problems={fieldProblems}>
            {(a) => (
              <input
                type={name === 'referenceDate' ? 'date' : 'text'}
                inputmode={name === 'referenceDate' ? undefined : 'numeric'}
                value={typed[name] ?? (value === undefined ? '' : String(value))}
                {...a}
              />
            )}
          </Field>
        ))}
        <button type="submit">{t('Simpan', 'Save')}</button>
      </form>
    </>,
    status,
  );
}

/**
 * Before a quota change is saved: what it does to places in every village (raising it gives
 * waiting people places at once; lowering it takes no place away but closes full villages).
 * Undefined when the year is new or the quota unchanged.
 */
async function quotaChangeStep(c: GkbContext, year: number, quota: number, values: Record<string, string>) {
  const t = tOf(c);
  const program = await programSettings(year);
  if (!program || program.villageQuota === quota) return undefined;
  const report = await budgetReport(viewer(c), year, 'village');
  const from = program.villageQuota;
  const consequence =
    quota > from
      ? (() => {
          const moving = report.rows.reduce(
            (sum, v) => sum + Math.min(v.waitlisted, Math.max(0, quota - v.funded)),
            0,
          );
          const villagesMoving = report.rows.filter((v) => v.waitlisted > 0 && v.funded < quota).length;
          return t(
            `Kuota per desa naik dari ${from} menjadi ${quota}: ${moving} orang dari daftar tunggu di ${villagesMoving} desa langsung mendapat tempat desa (APBDes ${rupiah(moving * program.apbdesPerPerson)}).`,
            `Places per village rise from ${from} to ${quota}: ${moving} waiting people in ${villagesMoving} villages take a village place at once (APBDes ${rupiah(moving * program.apbdesPerPerson)}).`,
          );
        })()
      : (() => {
          const over = report.rows.filter((v) => v.funded >= quota).length;
          return t(
            `Kuota per desa turun dari ${from} menjadi ${quota}: tidak ada tempat yang dicabut, tetapi ${over} desa yang sudah terisi ${quota} orang atau lebih tidak memberi tempat baru sampai ada yang keluar.`,
            `Places per village fall from ${from} to ${quota}: no place is taken away, but ${over} villages holding ${quota} or more give no new place until someone leaves.`,
          );
        })();
  return page(
    c,
    t('Pengaturan program', 'Programme settings'),
    <ConfirmStep
      t={t}
      help="program"
      title={t(`Ubah kuota ${year}?`, `Change the ${year} quota?`)}
      action={`/program?year=${year}`}
      csrf={c.get('csrf') ?? ''}
      hidden={Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'csrf' && k !== 'confirmed'))}
      consequences={[consequence]}
      problems={{}}
      submit={t('Ya, simpan pengaturan', 'Yes, save the settings')}
      destructive={false}
      back={`/program?year=${year}`}
    />,
  );
}

/** Bappeda's programme settings page, one programme year at a time. */
export const settingsRoutes = {
  programPage: async (c) => {
    if (viewer(c).role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    return programForm(c, await pageYear(c));
  },
  programSubmit: async (c) => {
    if (viewer(c).role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const year = await pageYear(c);
    const values = await postedForm(c);
    try {
      const { input, problems } = programValues(values);
      const parsed = parseWith(programInputSchema, input);
      if (problems.length > 0 || !parsed.data) throw validationFailed([...problems, ...parsed.problems]);
      const quota = parsed.data.villageQuota;
      if (values.confirmed !== '1' && quota !== undefined) {
        const step = await quotaChangeStep(c, year, quota, values);
        if (step) return step;
      }
      await saveProgram(viewer(c), year, parsed.data);
      return programForm(c, year, {}, true);
    } catch (error) {
      if (!(error instanceof DomainError) || !['VALIDATION_FAILED', 'CEILING_EXCEEDED'].includes(error.code))
        throw error;
      const problems = Object.fromEntries(error.details.map((d) => [d.field, render(d, c.get('lang'))]));
      return programForm(c, year, problems, false, error.code === 'VALIDATION_FAILED' ? 400 : 409, values);
    }
  },
} satisfies Record<string, OperationHandler>;
