import type { Child } from 'hono/jsx';
import type { ImportRecord } from '../../shared/db/import-log.js';
import type { Lang } from '../../shared/i18n.js';
import { countText, timeText, villageText } from '../web/format.js';
import { Empty, PageTitle } from '../web/help.js';
import { roleLabel, type T } from '../web/ui.js';

/**
 * Every survey-list import and payment sheet of a year, newest first: who checked or
 * recorded how many rows for which village (a payment sheet: the regency's), through the web or the API, at what time in Brebes (WIB). A check tells
 * an official whether NIKs are already recorded elsewhere, so Bappeda can see who checks how much.
 */
export function ImportHistory(props: { t: T; year: number; items: ImportRecord[]; yearSwitch: Child }) {
  const { t, items } = props;
  // The page's language, as its translator speaks it.
  const lang: Lang = t('id', 'en') === 'en' ? 'en' : 'id';
  return (
    <>
      <PageTitle help="riwayat" id="riwayat">
        {t(`Riwayat unggahan daftar ${props.year}`, `Upload history ${props.year}`)}
      </PageTitle>
      {props.yearSwitch}
      <p>
        {t(
          'Setiap pemeriksaan dan pencatatan daftar calon, terbaru di atas (200 terakhir). Setiap akun boleh memeriksa paling banyak 10.000 baris per jam.',
          'Every check and recording of a list, newest first (the last 200). Each account may check at most 10,000 rows an hour.',
        )}
      </p>
      {items.length === 0 ? (
        <Empty
          why={t(
            `Belum ada unggahan untuk tahun ${props.year}. Unggahan muncul di sini setelah operator desa memeriksa atau mencatat daftar hasil pendataan, atau setelah lembar pembayaran diunggah.`,
            `No uploads for ${props.year} yet. They appear here once village officials check or record a survey list, or a payment sheet is uploaded.`,
          )}
          next={<a href="/anggaran/pembayaran">{t('Unggah lembar pembayaran', 'Upload a payment sheet')}</a>}
        />
      ) : (
        <section class="scroll" tabindex={0} aria-labelledby="riwayat">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Waktu', 'Time')}</th>
                <th scope="col">{t('Desa', 'Village')}</th>
                <th scope="col">{t('Akun', 'Account')}</th>
                <th scope="col">{t('Jenis', 'Kind')}</th>
                <th scope="col" class="n">
                  {t('Baris', 'Rows')}
                </th>
                <th scope="col" class="n">
                  {t('Calon atau pembayaran dicatat', 'Candidates or payments recorded')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr>
                  <td>{timeText(r.at, lang)}</td>
                  <td>
                    {r.kind === 'PAYMENT_SHEET'
                      ? t('Lembar pembayaran (kabupaten)', 'Payment sheet (regency)')
                      : villageText(r.villageCode)}
                  </td>
                  <td>
                    {roleLabel(t, r.actor.role)} · {r.actor.id}
                  </td>
                  <td>
                    {r.dryRun ? t('Diperiksa saja', 'Checked only') : t('Dicatat', 'Recorded')} (
                    {r.channel === 'web' ? t('lewat web', 'on the web') : t('lewat API', 'through the API')})
                  </td>
                  <td class="n">{countText(r.rows)}</td>
                  <td class="n">{countText(r.registered)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
