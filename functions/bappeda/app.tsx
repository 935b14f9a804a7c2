import { disbursementSchema } from '../../shared/domain/budget.js';
import { parseRupiah, parseWholeNumber } from '../../shared/domain/money.js';
import { programInputSchema } from '../../shared/domain/program.js';
import { DomainError, type FieldProblem, validationFailed } from '../../shared/errors.js';
import { render } from '../../shared/i18n.js';
import { reportFile } from '../../shared/report-formats/file.js';
import { budgetTable } from '../../shared/report-formats/table.js';
import { parseWith } from '../../shared/schema-problems.js';
import { assignApbdPlace, recordDisbursement } from '../../shared/services/budget.js';
import { importRecords } from '../../shared/services/imports.js';
import { anonymiseCandidate, exportCandidate } from '../../shared/services/personal-data.js';
import { programSettings, programYears, saveProgram } from '../../shared/services/programs.js';
import { budgetReport, quotaReport } from '../../shared/services/reports.js';
import { createApp, type GkbContext } from '../http/app.js';
import { yearParam } from '../http/params.js';
import { candidateAction } from '../web/candidate-actions.js';
import { Field, type Problems } from '../web/forms.js';
import { page, pageYear, postedForm, tOf, versionOf, viewer, webOptions, withYear } from '../web/shell.js';
import { YearSwitch } from '../web/year-switch.js';
import { BudgetPage } from './budget-page.js';
import { cohortCarryOverRoutes } from './cohort-carry-over.js';
import { ImportHistory } from './import-history.js';

/**
 * A year-bound page's year (`?year=`, else the latest configured) and its switch. The settings
 * page also offers the year after the latest, so that Bappeda can configure it ahead.
 */
async function yearOfPage(c: GkbContext, options: { next?: boolean } = {}) {
  const [year, configured] = await Promise.all([pageYear(c), programYears()]);
  const years = configured.map((y) => y.year);
  const latest = years[0];
  const choices = [...new Set([...(options.next && latest ? [latest + 1] : []), ...years, year])].sort(
    (a, b) => b - a,
  );
  return {
    year,
    yearSwitch: <YearSwitch t={tOf(c)} years={choices} current={year} href={(y) => withYear(c, y)} />,
  };
}

async function budgetPage(c: GkbContext) {
  const p = viewer(c);
  const { year, yearSwitch } = await yearOfPage(c);
  const [report, program] = await Promise.all([budgetReport(p, year, 'district'), programSettings(year)]);
  return page(
    c,
    tOf(c)('Anggaran', 'Budget'),
    <BudgetPage t={tOf(c)} report={report} quota={program?.villageQuota ?? 0} yearSwitch={yearSwitch} />,
  );
}

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
  const fields: [string, string, string | number | undefined][] = [
    ['villageQuota', t('Kuota per desa (orang)', 'Places per village'), program?.villageQuota],
    ['apbdesPerPerson', t('APBDes per orang (Rp)', 'APBDes per person (Rp)'), program?.apbdesPerPerson],
    ['apbdCeiling', t('Pagu APBD (Rp)', 'APBD ceiling (Rp)'), program?.apbdCeiling],
    ['apbdPlaces', t('Tempat APBD (orang)', 'APBD places'), program?.apbdPlaces],
    ['referenceDate', t('Tanggal acuan umur', 'Reference date for ages'), program?.referenceDate],
    ['ATS.min', t('ATS umur terendah', 'ATS youngest age'), program?.ageRanges.ATS[0]],
    ['ATS.max', t('ATS umur tertinggi', 'ATS oldest age'), program?.ageRanges.ATS[1]],
    ['DTS.min', t('DTS umur terendah', 'DTS youngest age'), program?.ageRanges.DTS[0]],
    ['DTS.max', t('DTS umur tertinggi', 'DTS oldest age'), program?.ageRanges.DTS[1]],
    [
      'retentionYears',
      t('Data pribadi disimpan (tahun setelah tahun program)', 'Keep personal data (years after the year)'),
      program?.retentionYears,
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
      <h1>{t(`Pengaturan program ${year}`, `Programme settings ${year}`)}</h1>
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
        <p class="notice" role="status">
          {t('Pengaturan disimpan.', 'Settings saved.')}
        </p>
      ) : null}
      {Object.keys(problems).length > 0 ? (
        <div class="alert" role="alert">
          {Object.values(problems).join(' ')}
        </div>
      ) : null}
      <form method="post" action={`/program?year=${year}`} class="card">
        <input type="hidden" name="csrf" value={c.get('csrf') ?? ''} />
        {fields.map(([name, label, value]) => (
          <Field name={name} label={label} problems={fieldProblems}>
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
 * Bappeda's web pages and actions: the budget (its home), downloads, villages below quota,
 * programme settings, and on a candidate's page an APBD place, payments, the export and
 * anonymisation. Same layout, session and services as the `web` function.
 */
export const app = createApp(
  'bappeda',
  {
    apbdSubmit: (c) =>
      candidateAction(c, (v, p) => assignApbdPlace(p, c.req.param('id') ?? '', versionOf(v))),
    disbursementSubmit: (c) =>
      candidateAction(c, async (v, p) => {
        // "1.500.000", "Rp 1.500.000" and "1.500.000,00" are the amount typed; the API keeps integers.
        const amount = parseRupiah(v.amount ?? '');
        const input = parseWith(disbursementSchema, {
          source: v.source || undefined,
          amount: 'amount' in amount ? amount.amount : 1,
          paidAt: v.paidAt ?? '',
          reference: v.reference ?? '',
        });
        const problems = [
          ...('problem' in amount ? [{ field: 'amount', key: amount.problem } as const] : []),
          ...input.problems,
        ];
        if (problems.length > 0 || !input.data) throw validationFailed(problems);
        await recordDisbursement(p, c.req.param('id') ?? '', versionOf(v), input.data);
      }),
    exportDownload: async (c) => {
      const id = c.req.param('id') ?? '';
      const doc = await exportCandidate(viewer(c), id, c.get('lang'), 'web');
      return c.body(JSON.stringify(doc, null, 2), 200, {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="gkb-calon-${id}.json"`,
        'cache-control': 'no-store',
      });
    },
    anonymiseSubmit: (c) =>
      candidateAction(c, (v, p) =>
        anonymiseCandidate(p, c.req.param('id') ?? '', versionOf(v), v.reason ?? '', 'web'),
      ),
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
        await saveProgram(year, parsed.data);
        return programForm(c, year, {}, true);
      } catch (error) {
        if (
          !(error instanceof DomainError) ||
          !['VALIDATION_FAILED', 'CEILING_EXCEEDED'].includes(error.code)
        )
          throw error;
        const problems = Object.fromEntries(error.details.map((d) => [d.field, render(d, c.get('lang'))]));
        return programForm(c, year, problems, false, error.code === 'VALIDATION_FAILED' ? 400 : 409, values);
      }
    },
    budgetPage,
    ...cohortCarryOverRoutes,
    budgetDownload: async (c) => {
      const p = viewer(c);
      const year = yearParam(c, 'query');
      const format = c.req.query('format') === 'xlsx' ? 'xlsx' : 'csv';
      const by = c.req.query('by') === 'village' ? 'village' : 'district';
      const file = reportFile(budgetTable(await budgetReport(p, year, by)), format);
      return c.body(file.body, 200, file.headers);
    },
    importHistoryPage: async (c) => {
      const t = tOf(c);
      const { year, yearSwitch } = await yearOfPage(c);
      const items = await importRecords(viewer(c), year);
      return page(
        c,
        t('Riwayat unggahan daftar', 'Upload history'),
        <ImportHistory t={t} year={year} items={items} yearSwitch={yearSwitch} />,
      );
    },
    quotaPage: async (c) => {
      const p = viewer(c);
      const t = tOf(c);
      const { year, yearSwitch } = await yearOfPage(c);
      const report = await quotaReport(p, year);
      return page(
        c,
        t('Desa di bawah kuota', 'Villages below quota'),
        <>
          <h1>{t(`Desa di bawah kuota ${year}`, `Villages below quota ${year}`)}</h1>
          {yearSwitch}
          <p>
            {t(
              `${report.villages.length} desa, kekurangan ${report.totalShortfall} tempat.`,
              `${report.villages.length} villages, ${report.totalShortfall} places short.`,
            )}{' '}
            <a href={`/anggaran/unduh?year=${year}&format=xlsx&by=village`}>Excel</a>
          </p>
          <section class="scroll" tabindex={0} aria-label="Tabel">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Kecamatan', 'Kecamatan')}</th>
                  <th scope="col">{t('Desa', 'Village')}</th>
                  <th scope="col" class="n">
                    {t('Terisi', 'Held')}
                  </th>
                  <th scope="col" class="n">
                    {t('Kurang', 'Short')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.villages.map((v) => (
                  <tr>
                    <td>{v.districtName}</td>
                    <td>{v.name}</td>
                    <td class="n">
                      {v.funded}/{v.quota}
                    </td>
                    <td class="n">{v.shortfall}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>,
      );
    },
  },
  { pages: webOptions },
);
