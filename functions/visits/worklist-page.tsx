import { todayInBrebes } from '../../shared/domain/dates.js';
import { DROP_OUT_DECISION } from '../../shared/domain/follow-up.js';
import { type DueWindow, dueCounts, listDue } from '../../shared/services/follow-up.js';
import type { GkbContext } from '../http/app.js';
import { SearchBox } from '../web/candidate-list.js';
import { addressText, DueText, nameOf } from '../web/follow-up-parts.js';
import { countText, districtName, villageName, villageText } from '../web/format.js';
import { Empty, PageTitle } from '../web/help.js';
import { page, tOf, viewer } from '../web/shell.js';
import { statusLabel, trackLabel } from '../web/ui.js';

/** Records on a page of the worklist. */
const WORKLIST_PAGE = 20;

/**
 * The worklist: every open record in scope in the order its visits are due (overdue first,
 * with how late), across cohorts, each with a button to record a visit; `?due=overdue` or
 * `?due=week` narrows it. A volunteer's home (`/` sends them here).
 */
export async function worklistPage(c: GkbContext) {
  const p = viewer(c);
  const t = tOf(c);
  const lang = c.get('lang');
  const asked = c.req.query('due');
  const window: DueWindow = asked === 'overdue' || asked === 'week' ? asked : 'open';
  const cursor = c.req.query('cursor') || undefined;
  const [result, counts] = await Promise.all([
    listDue(p, { due: window, limit: WORKLIST_PAGE, ...(cursor ? { cursor } : {}) }),
    p.role === 'fmpp_volunteer' ? dueCounts(p.districtCode) : undefined,
  ]);
  const today = todayInBrebes();
  const title =
    p.role === 'fmpp_volunteer'
      ? t(
          `Daftar kerja Kecamatan ${districtName(p.districtCode)}`,
          `Worklist, Kecamatan ${districtName(p.districtCode)}`,
        )
      : p.role === 'village_official'
        ? t(`Kunjungan di Desa ${villageName(p.villageCode)}`, `Visits in ${villageName(p.villageCode)}`)
        : t('Kunjungan pendampingan', 'Follow-up visits');
  const tabs: [DueWindow, string][] = [
    ['open', t('Semua, urut jatuh tempo', 'All, by due date')],
    ['overdue', t('Terlambat', 'Overdue')],
    ['week', t('Sampai 7 hari lagi', 'Due within 7 days')],
  ];
  const all = <a href="/kerja">{t('Lihat semua yang didampingi', 'See everyone followed up')}</a>;
  const empty = {
    open: {
      why: t(
        'Tidak ada calon yang perlu didampingi. Calon baru dari desa muncul di sini setelah didaftarkan.',
        'No one to follow up. New candidates from the villages appear here once registered.',
      ),
      next: <a href="/calon">{t('Lihat daftar calon', 'See the candidate list')}</a>,
    },
    overdue: {
      why: t('Tidak ada kunjungan yang terlambat. Terima kasih!', 'No visit is overdue. Thank you!'),
      next: all,
    },
    week: {
      why: t('Tidak ada kunjungan yang jatuh tempo dalam 7 hari.', 'No visit is due within 7 days.'),
      next: all,
    },
  }[window];
  return page(
    c,
    title,
    <>
      <PageTitle help="kerja" id="judul-kerja">
        {title}
      </PageTitle>
      <SearchBox t={t} />
      {counts ? (
        <div class="card">
          <p class="big" data-testid="overdue">
            {countText(counts.overdue)}
          </p>
          <p>
            {t('kunjungan terlambat', 'visits overdue')} ·{' '}
            <span data-testid="due-soon">
              {t(
                `${countText(counts.dueSoon)} jatuh tempo hari ini sampai 7 hari lagi`,
                `${countText(counts.dueSoon)} due today to 7 days ahead`,
              )}
            </span>
          </p>
          <p class="hint">
            {t(
              'Calon terdata dan terverifikasi dikunjungi tiap 14 hari, peserta yang belajar tiap 30 hari, yang putus lagi tiap 7 hari.',
              'Identified and verified candidates are visited every 14 days, learners every 30 days, those who dropped out again every 7 days.',
            )}
          </p>
        </div>
      ) : null}
      <nav class="years" aria-label={t('Pilihan daftar', 'Which list')}>
        {tabs.map(([w, label]) =>
          w === window ? (
            <strong aria-current="page">{label}</strong>
          ) : (
            <a href={w === 'open' ? '/kerja' : `/kerja?due=${w}`}>{label}</a>
          ),
        )}
      </nav>
      {result.items.length === 0 ? (
        <Empty {...empty} />
      ) : (
        <ol class="plain" aria-labelledby="judul-kerja">
          {result.items.map(({ candidate: x }) => (
            <li class="card">
              <a href={`/calon/${x.id}`}>
                <strong>{nameOf(t, x)}</strong>
              </a>
              <br />
              {p.role === 'bappeda_staff' ? villageText(x.villageCode) : villageName(x.villageCode)}
              {x.address ? ` · ${addressText(t, x.address)}` : ''} · {x.year} · {trackLabel(t, x.track)}
              <br />
              {statusLabel(t, x.status)} · <DueText t={t} lang={lang} candidate={x} today={today} />
              {x.flags.includes(DROP_OUT_DECISION) ? (
                <>
                  <br />
                  <span class="badge">
                    {t('Perlu keputusan: tidak hadir 2×', 'Decision needed: absent twice')}
                  </span>
                </>
              ) : null}
              {p.role === 'fmpp_volunteer' ? (
                <>
                  <br />
                  <a class="button" href={`/calon/${x.id}/kunjungan`}>
                    {t('Catat kunjungan', 'Record a visit')}
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <p>
        {cursor ? (
          <a href={window === 'open' ? '/kerja' : `/kerja?due=${window}`}>
            {t('← Awal daftar', '← Start of the list')}
          </a>
        ) : null}{' '}
        {result.nextCursor ? (
          <a
            href={`/kerja?${new URLSearchParams({ ...(window === 'open' ? {} : { due: window }), cursor: result.nextCursor })}`}
          >
            {t('Berikutnya →', 'Next →')}
          </a>
        ) : null}
      </p>
      {p.role === 'fmpp_volunteer' ? (
        <p>
          <a href={window === 'open' ? '/kerja/cetak' : `/kerja/cetak?due=${window}`}>
            {t('Cetak daftar kerja', 'Print the worklist')}
          </a>{' '}
          {t('(untuk dibawa ke lapangan)', '(to take into the field)')}
        </p>
      ) : null}
      <p>
        <a href="/calon">{t('Semua calon menurut status', 'Every candidate by status')}</a>
        {p.role !== 'village_official' ? (
          <>
            {' · '}
            <a href="/pendampingan">{t('Laporan pendampingan', 'Follow-up report')}</a>
          </>
        ) : null}
      </p>
    </>,
  );
}
