import type { AuditEntry } from '../../shared/db/audit.js';
import { isId } from '../../shared/domain/ids.js';
import { auditTrail } from '../../shared/services/audit.js';
import type { GkbContext } from '../http/app.js';
import { timeText } from '../web/format.js';
import { Empty, PageTitle } from '../web/help.js';
import { page, tOf, viewer } from '../web/shell.js';
import type { T } from '../web/ui.js';
import { yearOfPage } from '../web/year-switch.js';

/** Entries a page of the audit shows. */
const AUDIT_PAGE = 100;

const ACTION_LABELS: Record<AuditEntry['action'], [string, string]> = {
  SETTINGS_CHANGED: ['Pengaturan diubah', 'Settings changed'],
  APBD_PLACE_ASSIGNED: ['Tempat APBD diberikan', 'APBD place given'],
  PAYMENT_RECORDED: ['Pembayaran dicatat', 'Payment recorded'],
  PAYMENT_VOIDED: ['Pembayaran dibatalkan', 'Payment voided'],
  DUPLICATE_DECIDED: ['Data ganda diputuskan', 'Duplicate decided'],
  ACCOUNT_CREATED: ['Akun dibuat', 'Account created'],
  ACCOUNT_CHANGED: ['Akun diubah', 'Account changed'],
  SURVEY_IMPORTED: ['Daftar pendataan diunggah', 'Survey list uploaded'],
  PAYMENT_SHEET_IMPORTED: ['Lembar pembayaran diunggah', 'Payment sheet uploaded'],
};

const ROLE_LABELS: Record<string, [string, string]> = {
  village_official: ['Operator desa', 'Village official'],
  fmpp_volunteer: ['Relawan FMPP', 'FMPP volunteer'],
  bappeda_staff: ['Staf Bappeda', 'Bappeda staff'],
};

/** What an entry was done to: a candidate's page when it names one. */
function Target(props: { t: T; target: string }) {
  return isId(props.target) ? (
    <a href={`/calon/${props.target}`}>{props.t('Lihat data', 'See the record')}</a>
  ) : (
    props.target
  );
}

/** `/jejak`: the audit of a programme year for Bappeda, newest first, a page at a time. */
export async function auditPage(c: GkbContext) {
  const t = tOf(c);
  const lang = c.get('lang');
  const { year, yearSwitch } = await yearOfPage(c);
  const cursor = c.req.query('cursor');
  const trail = await auditTrail(viewer(c), year, AUDIT_PAGE, cursor || undefined);
  const title = t(`Jejak perubahan ${year}`, `Audit ${year}`);
  return page(
    c,
    title,
    <>
      <PageTitle help="jejak" id="judul-jejak">
        {title}
      </PageTitle>
      {yearSwitch}
      <p class="hint">
        {t(
          'Siapa mengubah apa dan kapan: pengaturan, tempat APBD, pembayaran dan pembatalannya, unggahan, keputusan data ganda, dan akun. Data pribadi tidak dicatat di sini.',
          'Who changed what and when: settings, APBD places, payments and voids, uploads, duplicate decisions and accounts. No personal data is kept here.',
        )}
      </p>
      {trail.items.length === 0 ? (
        <Empty
          why={t(
            `Belum ada perubahan yang tercatat untuk tahun ${year}. Perubahan pengaturan, tempat, pembayaran, unggahan dan akun muncul di sini.`,
            `Nothing has been recorded for ${year} yet. Changes to settings, places, payments, uploads and accounts appear here.`,
          )}
          next={<a href="/jejak">{t('Lihat tahun program terbaru', 'See the latest programme year')}</a>}
        />
      ) : (
        <section class="scroll" tabindex={0} aria-labelledby="judul-jejak">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Waktu', 'When')}</th>
                <th scope="col">{t('Oleh', 'By')}</th>
                <th scope="col">{t('Tindakan', 'Action')}</th>
                <th scope="col">{t('Pada', 'On')}</th>
                <th scope="col">{t('Rincian', 'Details')}</th>
              </tr>
            </thead>
            <tbody>
              {trail.items.map((e) => (
                <tr>
                  <td>{timeText(e.at, lang)}</td>
                  <td>{t(...(ROLE_LABELS[e.actor.role] ?? [e.actor.role, e.actor.role]))}</td>
                  <td>{t(...ACTION_LABELS[e.action])}</td>
                  <td>
                    <Target t={t} target={e.target} />
                  </td>
                  <td>
                    {Object.entries(e.details)
                      .map(([k, v]) => `${k}: ${v}`)
                      .join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {trail.nextCursor ? (
        <p>
          <a href={`/jejak?${new URLSearchParams({ year: String(year), cursor: trail.nextCursor })}`}>
            {t('Lebih lama →', 'Older →')}
          </a>
        </p>
      ) : null}
    </>,
  );
}
