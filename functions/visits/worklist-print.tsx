import { formatIsoDate, todayInBrebes } from '../../shared/domain/dates.js';
import { followUpOf } from '../../shared/domain/follow-up.js';
import { districts } from '../../shared/domain/regions.js';
import { DomainError } from '../../shared/errors.js';
import { type DueWindow, listDue } from '../../shared/services/follow-up.js';
import type { GkbContext } from '../http/app.js';
import { addressText, nameOf } from '../web/follow-up-parts.js';
import { dateText, districtName, villageName } from '../web/format.js';
import { PageTitle } from '../web/help.js';
import { page, tOf, viewer } from '../web/shell.js';
import { statusLabel } from '../web/ui.js';

/** Rows on one printed worklist (a day in the field; the rest follows on the next part). */
const PRINT_ROWS = 200;

/** Only this page's rules: room to write by hand, a row never split, the heading on every page. */
const CSS = `.wl td{height:2.6rem}.wl .w{min-width:7rem}
@media print{body{font-size:9pt;line-height:1.25}.wl-screen{display:none}h1{font-size:13pt;margin:0 0 .3rem}
.wl th,.wl td{border:1px solid #1a1a1a;padding:.15rem .25rem}.wl thead{display:table-header-group}.wl .w{min-width:0;width:16%}}`;

/**
 * The worklist as a table to print for a day in the field: the volunteer's kecamatan (Bappeda
 * names one with `?district=`), village by village and in due order within a village, with
 * empty columns for the visit's date and result. Names but never a NIK; officials have none.
 */
export async function worklistPrintPage(c: GkbContext) {
  const p = viewer(c);
  const t = tOf(c);
  const lang = c.get('lang');
  if (p.role === 'village_official') throw new DomainError('FORBIDDEN');
  const asked = c.req.query('district') || undefined;
  if (p.role === 'bappeda_staff' && !asked) return choose(c);
  const district = asked ?? (p.role === 'fmpp_volunteer' ? p.districtCode : '');
  const dueAsked = c.req.query('due');
  const due: DueWindow = dueAsked === 'overdue' || dueAsked === 'week' ? dueAsked : 'open';
  const cursor = c.req.query('cursor') || undefined;
  // listDue refuses another kecamatan for a volunteer, and an unknown one (404).
  const result = await listDue(p, { due, district, limit: PRINT_ROWS, ...(cursor ? { cursor } : {}) });
  const today = todayInBrebes();
  const rows = result.items
    .map(({ candidate: x }) => ({ x, village: villageName(x.villageCode), f: followUpOf(x, today) }))
    .sort(
      (a, b) =>
        a.village.localeCompare(b.village, 'id') ||
        (a.f?.nextDue ?? '').localeCompare(b.f?.nextDue ?? '') ||
        a.x.fullName.localeCompare(b.x.fullName, 'id'),
    );
  const title = t(
    `Daftar kerja Kecamatan ${districtName(district)}`,
    `Worklist, Kecamatan ${districtName(district)}`,
  );
  const next = result.nextCursor
    ? `/kerja/cetak?${new URLSearchParams({
        ...(asked ? { district } : {}),
        ...(due === 'open' ? {} : { due }),
        cursor: result.nextCursor,
      })}`
    : undefined;
  return page(
    c,
    title,
    <div class="wl">
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
      <PageTitle help="kertas" id="judul-cetak">
        {title}
      </PageTitle>
      <p>
        {t(
          `Dicetak ${dateText(formatIsoDate(today), lang)}. ${rows.length} orang, urut desa lalu jatuh tempo kunjungan.`,
          `Printed ${dateText(formatIsoDate(today), lang)}. ${rows.length} people, by village, then by visit due.`,
        )}
      </p>
      <p class="notice wl-screen">
        {t(
          'Tekan Cetak di menu peramban, pilih A4 (tegak atau mendatar). Isi tanggal dan hasil kunjungan dengan tangan, lalu catat di aplikasi.',
          'Choose Print in the browser menu, pick A4 (portrait or landscape). Write the date and result of each visit by hand, then record them in the app.',
        )}{' '}
        <a href="/kerja">{t('Kembali ke daftar kerja', 'Back to the worklist')}</a>
      </p>
      {next ? (
        <p class="warn">
          {t(
            `Hanya ${PRINT_ROWS} kunjungan yang paling dulu jatuh tempo. `,
            `Only the ${PRINT_ROWS} visits due first. `,
          )}
          <a href={next}>{t('Bagian berikutnya', 'The next part')}</a>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>{t('Tidak ada calon yang perlu dikunjungi.', 'No one to visit.')}</p>
      ) : (
        <section class="scroll" tabindex={0} aria-labelledby="judul-cetak">
          <table>
            <thead>
              <tr>
                <th>{t('Nama', 'Name')}</th>
                <th>{t('Desa', 'Village')}</th>
                <th>{t('Dusun / RT / RW', 'Dusun / RT / RW')}</th>
                <th>Status</th>
                <th>{t('Tahun', 'Year')}</th>
                <th>{t('Jatuh tempo', 'Visit due')}</th>
                <th class="w">{t('Tanggal kunjungan', 'Date of visit')}</th>
                <th class="w">{t('Hasil / catatan', 'Result / notes')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ x, village, f }) => (
                <tr>
                  <td>{nameOf(t, x)}</td>
                  <td>{village}</td>
                  <td>{addressText(t, x.address)}</td>
                  <td>{statusLabel(t, x.status)}</td>
                  <td>{x.year}</td>
                  <td>
                    {f ? dateText(f.nextDue, lang) : ''}
                    {f?.overdue ? (
                      <strong class="late">
                        {' '}
                        {t(`(terlambat ${f.daysOverdue} hari)`, `(${f.daysOverdue} days overdue)`)}
                      </strong>
                    ) : null}
                  </td>
                  <td class="w" />
                  <td class="w" />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>,
  );
}

/** Bappeda asked for no kecamatan: which one (400, as a missing parameter is). */
function choose(c: GkbContext) {
  const t = tOf(c);
  const title = t('Pilih kecamatan', 'Choose a kecamatan');
  return page(
    c,
    title,
    <>
      <PageTitle help="kertas">{title}</PageTitle>
      <p class="alert" role="alert">
        {t(
          'Daftar kerja dicetak per kecamatan: pilih kecamatannya.',
          'A worklist is printed a kecamatan at a time: choose one.',
        )}
      </p>
      <ul class="plain">
        {districts.map((d) => (
          <li>
            <a href={`/kerja/cetak?district=${d.code}`}>{d.name}</a>
          </li>
        ))}
      </ul>
    </>,
    400,
  );
}
