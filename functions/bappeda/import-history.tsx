import type { Child } from 'hono/jsx';
import type { ImportRecord } from '../../shared/db/import-log.js';
import { findDistrict, findVillage } from '../../shared/domain/regions.js';
import { roleLabel, type T } from '../web/ui.js';

/** Time in Brebes (WIB, UTC+7) as people read it: `2026-12-02 14:05`. */
const wib = (iso: string) =>
  new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Every survey-list import of a year, newest first: who checked or registered how many rows
 * for which village, through the web or the API. A dry run tells an official whether NIKs are
 * registered elsewhere, so Bappeda can see who checks how much.
 */
export function ImportHistory(props: { t: T; year: number; items: ImportRecord[]; yearSwitch: Child }) {
  const { t, items } = props;
  return (
    <>
      <h1>{t(`Riwayat unggahan daftar ${props.year}`, `Upload history ${props.year}`)}</h1>
      {props.yearSwitch}
      <p>
        {t(
          'Setiap pemeriksaan dan pendaftaran daftar calon, terbaru di atas (200 terakhir). Setiap akun boleh memeriksa paling banyak 10.000 baris per jam.',
          'Every check and registration of a list, newest first (the last 200). Each account may check at most 10,000 rows an hour.',
        )}
      </p>
      {items.length === 0 ? (
        <p>{t('Belum ada unggahan tahun ini.', 'No uploads this year yet.')}</p>
      ) : (
        <section class="scroll" tabindex={0} aria-label={t('Tabel unggahan', 'Uploads')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Waktu (WIB)', 'Time (WIB)')}</th>
                <th scope="col">{t('Desa', 'Village')}</th>
                <th scope="col">{t('Akun', 'Account')}</th>
                <th scope="col">{t('Jenis', 'Kind')}</th>
                <th scope="col" class="n">
                  {t('Baris', 'Rows')}
                </th>
                <th scope="col" class="n">
                  {t('Didaftarkan', 'Registered')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => {
                const village = findVillage(r.villageCode);
                return (
                  <tr>
                    <td>{wib(r.at)}</td>
                    <td>
                      {village?.name ?? r.villageCode} (
                      {findDistrict(village?.districtCode ?? '')?.name ?? ''})
                    </td>
                    <td>
                      {roleLabel(t, r.actor.role)} · {r.actor.id}
                    </td>
                    <td>
                      {r.dryRun ? t('Periksa', 'Check') : t('Daftarkan', 'Register')} (
                      {r.channel === 'web' ? 'web' : 'API'})
                    </td>
                    <td class="n">{r.rows.toLocaleString('id-ID')}</td>
                    <td class="n">{r.registered.toLocaleString('id-ID')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
