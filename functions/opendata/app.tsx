import { createHash } from 'node:crypto';
import { html } from 'hono/html';
import { opendataRoutes } from '../../shared/api/routes/opendata.js';
import { formatIsoDate, todayInBrebes } from '../../shared/domain/dates.js';
import { PUBLIC_FIGURES, type PublicFigure } from '../../shared/domain/disclosure.js';
import { DomainError } from '../../shared/errors.js';
import { type Lang, langFrom } from '../../shared/i18n.js';
import { type PublicOutcomes, publicOutcomes } from '../../shared/services/open-data.js';
import { createApp, type GkbContext } from '../http/app.js';
import { yearParam } from '../http/params.js';
import { countText, dateText } from '../web/format.js';
import { Layout } from '../web/layout.js';
import { PAGE_SCRIPT_HASH } from '../web/page-script.js';
import { translator } from '../web/ui.js';

/** How long a browser or proxy may keep a public answer (the figures change with the day's work). */
const MAX_AGE_SECONDS = 300;

const HEADINGS: Record<PublicFigure, [string, string]> = {
  registered: ['Terdaftar', 'Registered'],
  ats: ['Anak (ATS)', 'Children (ATS)'],
  dts: ['Dewasa (DTS)', 'Adults (DTS)'],
  everEnrolled: ['Pernah masuk sekolah', 'Ever enrolled'],
  learning: ['Sedang belajar', 'Learning now'],
  completed: ['Lulus', 'Completed'],
  droppedOut: ['Putus lagi', 'Dropped out again'],
};

/** A published figure as people read it: hidden ones as "<5". */
const cell = (n: number | null) => (n === null ? '<5' : countText(n));

/**
 * A public answer: cacheable by anyone for a few minutes, with an ETag of its body, and
 * `304` to a client that already holds it.
 */
function publicAnswer(c: GkbContext, body: string, type: string): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = { ETag: etag, 'Cache-Control': `public, max-age=${MAX_AGE_SECONDS}`, 'Content-Type': type };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  return c.body(body, 200, headers);
}

/** The public CSV: the same figures, hidden ones as "<5", `;`-separated with a BOM as Bappeda's files. */
function csvOf(data: PublicOutcomes): string {
  const line = (values: string[]) => values.join(';');
  const figures = (r: Record<PublicFigure, number | null>) =>
    PUBLIC_FIGURES.map((k) => (r[k] === null ? '<5' : String(r[k])));
  return `\uFEFF${[
    line(['Kode kecamatan', 'Kecamatan', ...PUBLIC_FIGURES.map((k) => HEADINGS[k][0])]),
    ...data.rows.map((r) => line([r.code, r.name, ...figures(r)])),
    line(['TOTAL', '', ...figures(data.totals)]),
  ].join('\r\n')}\r\n`;
}

function DataPage(props: { data: PublicOutcomes; lang: Lang; asOf: string }) {
  const t = translator(props.lang);
  const { data } = props;
  return (
    <>
      <h1>
        {t('Data terbuka GKB', 'GKB open data')} · {t('tahun program', 'programme year')} {data.year}
      </h1>
      <nav class="years" aria-label={t('Tahun program', 'Programme year')}>
        <a href={`/data?year=${data.year - 1}`}>← {data.year - 1}</a>
        <a href={`/data?year=${data.year + 1}`}>{data.year + 1} →</a>
      </nav>
      <p>
        {t(
          'Gerakan Kembali Bersekolah Kabupaten Brebes: anak dan orang dewasa yang tidak sekolah didata, didampingi kembali ke sekolah, PKBM atau kursus, dan dibiayai APBDes atau APBD.',
          'Back to School Movement, Brebes: out-of-school children and adults are registered, helped back to a school, PKBM or course, and funded by the village or regency budget.',
        )}
      </p>
      <p>
        <a class="button" href={`/public/outcomes?year=${data.year}&format=csv`} download>
          {t('Unduh CSV', 'Download CSV')}
        </a>
      </p>
      <section class="scroll" tabindex={0} aria-labelledby="per-kecamatan">
        <table>
          <caption id="per-kecamatan">
            {t(`Per kecamatan, tahun program ${data.year}`, `By kecamatan, ${data.year}`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Kecamatan</th>
              {PUBLIC_FIGURES.map((k) => (
                <th scope="col" class="n">
                  {t(...HEADINGS[k])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr>
                <th scope="row">{r.name}</th>
                {PUBLIC_FIGURES.map((k) => (
                  <td class="n">{cell(r[k])}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('Kabupaten Brebes', 'Brebes regency')}</th>
              {PUBLIC_FIGURES.map((k) => (
                <td class="n">{cell(data.totals[k])}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </section>
      <h2>{t('Cara menghitung', 'How it is counted')}</h2>
      <ul>
        <li>
          {t(
            'Terdaftar: orang yang didaftarkan desa pada tahun program ini, apa pun statusnya sekarang. Sedang belajar: masuk sekolah atau aktif belajar. Pernah masuk sekolah: sedang belajar, lulus, atau putus lagi.',
            'Registered: people the villages registered in this programme year, whatever their status now. Learning: enrolled or attending. Ever enrolled: learning, completed or dropped out again.',
          )}
        </li>
        <li>
          {t(
            `Angka dihitung langsung dari catatan program, keadaan ${dateText(props.asOf, 'id')}; halaman ini disimpan paling lama 5 menit.`,
            `Counted from the programme's records as of ${dateText(props.asOf, 'en')}; this page is kept at most 5 minutes.`,
          )}
        </li>
        <li>
          {t(
            'Angka 1 sampai 4 ditulis "<5", dan juga angka lain yang bisa dipakai untuk menghitungnya (misalnya dengan mengurangkan dari jumlah), agar tidak ada orang yang bisa dikenali. Tidak ada data pribadi dan tidak ada angka per desa.',
            'Counts from 1 to 4 read "<5", and so does any other figure that would give one away (by subtracting from a total, for example), so that nobody can be recognised. No personal data and no village figures are published.',
          )}
        </li>
      </ul>
    </>
  );
}

/**
 * Open data for everyone (Brebes is an Open Government Partnership local member): the public
 * outcomes as JSON or CSV and the page `/data`, without signing in, no session and no cookie.
 * This function may read only the year partitions (programme and aggregates): no person's
 * item (infra/functions.ts).
 */
export const app = createApp(opendataRoutes, {
  publicOutcomes: async (c) => {
    const data = await publicOutcomes(yearParam(c, 'query'));
    return c.req.query('format') === 'csv'
      ? publicAnswer(c, csvOf(data), 'text/csv; charset=utf-8')
      : publicAnswer(c, JSON.stringify(data), 'application/json; charset=utf-8');
  },
  dataPage: async (c) => {
    const asked = c.req.query('lang');
    const lang: Lang = asked === 'en' || asked === 'id' ? asked : langFrom(undefined);
    const t = translator(lang);
    const year = yearParam(c, 'query');
    const data = await publicOutcomes(year).catch((error: unknown) => {
      // A year without a programme is a page saying so, not an error in JSON.
      if (error instanceof DomainError && error.code === 'PROGRAM_NOT_CONFIGURED') return undefined;
      throw error;
    });
    const page = (
      <Layout title={t('Data terbuka', 'Open data')} lang={lang} path={`/data?year=${year}`}>
        {data ? (
          <DataPage data={data} lang={lang} asOf={formatIsoDate(todayInBrebes())} />
        ) : (
          <>
            <h1>{t('Data terbuka GKB', 'GKB open data')}</h1>
            <p role="status">
              {t(`Tahun program ${year} belum ada.`, `There is no programme year ${year}.`)}{' '}
              <a href={`/data?year=${year - 1}`}>{year - 1}</a>
            </p>
          </>
        )}
      </Layout>
    );
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src ${PAGE_SCRIPT_HASH}; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    );
    c.header('X-Content-Type-Options', 'nosniff');
    return publicAnswer(c, String(await html`<!doctype html>${page}`), 'text/html; charset=utf-8');
  },
});
