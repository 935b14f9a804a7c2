import { type FollowUpRow, followUpByDistrict, followUpReport } from '../../shared/services/follow-up.js';
import type { GkbContext } from '../http/app.js';
import { FollowUpTable } from '../web/follow-up-table.js';
import { dateText, districtName } from '../web/format.js';
import { Empty, PageTitle } from '../web/help.js';
import { page, tOf, viewer } from '../web/shell.js';
import { yearOfPage } from '../web/year-switch.js';

/**
 * The follow-up report as a page: a volunteer's kecamatan by village; for Bappeda the
 * regency by kecamatan, each a link to its villages.
 */
export async function followUpPage(c: GkbContext) {
  const p = viewer(c);
  const t = tOf(c);
  const lang = c.get('lang');
  const { year, yearSwitch } = await yearOfPage(c);
  const asked = c.req.query('district') || undefined;
  const report = await followUpReport(p, { year, ...(asked ? { district: asked } : {}) });
  const regency = report.district === null;
  const rows = regency ? followUpByDistrict(report.rows) : report.rows;
  const where = regency
    ? t('Kabupaten Brebes', 'Brebes regency')
    : `Kecamatan ${districtName(report.district ?? '')}`;
  return page(
    c,
    t('Pendampingan', 'Follow-up'),
    <>
      <PageTitle help="pendampingan">
        {t('Pendampingan', 'Follow-up')} · {where}
      </PageTitle>
      {yearSwitch}
      <p>
        {t(
          `Keadaan ${dateText(report.asOf, lang)}, tahun program ${year}. Peserta belajar: masuk sekolah atau aktif belajar. Dipantau: dikunjungi dalam 30 hari terakhir. Terlambat: calon yang masih didampingi dan kunjungannya lewat jatuh tempo.`,
          `As of ${dateText(report.asOf, lang)}, programme year ${year}. Learners: enrolled or attending. Monitored: visited in the last 30 days. Overdue: open records whose visit is past due.`,
        )}
      </p>
      {p.role === 'bappeda_staff' && !regency ? (
        <p>
          <a href={`/pendampingan?year=${year}`}>{t('← Semua kecamatan', '← Every kecamatan')}</a>
        </p>
      ) : null}
      {report.totals.learners + report.totals.monitored + report.totals.overdue === 0 ? (
        <Empty
          why={t(
            `Belum ada peserta belajar, kunjungan atau keterlambatan di tahun ${year}. Angkanya muncul setelah calon didaftarkan, dikunjungi dan masuk sekolah.`,
            `No learners, visits or overdue visits in ${year} yet. Figures appear once candidates are registered, visited and enrolled.`,
          )}
          next={
            p.role === 'fmpp_volunteer' ? (
              <a href="/kerja">{t('Buka daftar kerja', 'Open the worklist')}</a>
            ) : (
              <a href="/calon">{t('Lihat daftar calon', 'See the candidate list')}</a>
            )
          }
        />
      ) : null}
      <FollowUpTable
        t={t}
        rows={rows}
        totals={report.totals}
        caption={t(
          `Pendampingan per ${regency ? 'kecamatan' : 'desa'}`,
          `Follow-up by ${regency ? 'kecamatan' : 'village'}`,
        )}
        placeHeading={regency ? t('Kecamatan', 'Kecamatan') : t('Desa', 'Village')}
        {...(regency ? { href: (r: FollowUpRow) => `/pendampingan?year=${year}&district=${r.code}` } : {})}
      />
      {p.role === 'fmpp_volunteer' ? (
        <p>
          <a href="/kerja?due=overdue">{t('Lihat yang terlambat →', 'See the overdue →')}</a>
        </p>
      ) : null}
    </>,
  );
}
