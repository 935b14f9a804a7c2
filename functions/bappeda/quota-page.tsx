import type { Child } from 'hono/jsx';
import type { QuotaRow } from '../../shared/services/reports.js';
import { countText } from '../web/format.js';
import { Empty, PageTitle } from '../web/help.js';
import type { T } from '../web/ui.js';

/**
 * The villages of a year whose village places (APBDes) are not all taken, by kecamatan then
 * village, in words: how many are held of the quota and how many are still free.
 */
export function QuotaPage(props: {
  t: T;
  report: { year: number; quota: number; villages: QuotaRow[]; totalShortfall: number };
  yearSwitch: Child;
}) {
  const { t, report } = props;
  const { year } = report;
  const n = countText(report.villages.length);
  const short = countText(report.totalShortfall);
  return (
    <>
      <PageTitle help="kuota">{t(`Desa di bawah kuota ${year}`, `Villages below quota ${year}`)}</PageTitle>
      {props.yearSwitch}
      <p>
        {report.villages.length === 0
          ? t(
              `Semua desa sudah mengisi ${countText(report.quota)} tempat desanya tahun ${year}.`,
              `Every village has filled its ${countText(report.quota)} village places in ${year}.`,
            )
          : t(
              `${n} desa belum mengisi semua tempat desa (kuota ${countText(report.quota)} per desa): masih ada ${short} tempat kosong.`,
              `${n} villages have not filled every village place (quota ${countText(report.quota)} each): ${short} places are still free.`,
            )}{' '}
        <a href={`/anggaran/unduh?year=${year}&format=xlsx&by=village`}>
          {t('Unduh Excel per desa', 'Download Excel by village')}
        </a>
      </p>
      {report.villages.length === 0 ? (
        <Empty
          why={t(
            'Tidak ada desa di bawah kuota: setiap tempat desa sudah terisi. Calon baru masuk daftar tunggu.',
            'No village is below quota: every village place is taken. New candidates join the waitlist.',
          )}
          next={
            <>
              {t('Untuk menambah tempat, ubah kuota di', 'To add places, change the quota in')}{' '}
              <a href={`/program?year=${year}`}>{t('Pengaturan program', 'Programme settings')}</a>.
            </>
          }
        />
      ) : (
        <section class="scroll" tabindex={0} aria-labelledby="di-bawah-kuota">
          <table>
            <caption id="di-bawah-kuota">
              {t(`Desa di bawah kuota, tahun ${year}`, `Villages below quota, ${year}`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('Kecamatan', 'Kecamatan')}</th>
                <th scope="col">{t('Desa', 'Village')}</th>
                <th scope="col" class="n">
                  {t('Tempat terisi', 'Places held')}
                </th>
                <th scope="col" class="n">
                  {t('Tempat kosong', 'Places free')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.villages.map((v) => (
                <tr>
                  <td>{v.districtName}</td>
                  <th scope="row">{v.name}</th>
                  <td class="n">
                    {t(
                      `${countText(v.funded)} dari ${countText(v.quota)}`,
                      `${countText(v.funded)} of ${countText(v.quota)}`,
                    )}
                  </td>
                  <td class="n">{countText(v.shortfall)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
