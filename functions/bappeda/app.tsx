import { bappedaRoutes } from '../../shared/api/routes/bappeda.js';
import { disbursementSchema } from '../../shared/domain/budget.js';
import { formatIsoDate, todayInBrebes } from '../../shared/domain/dates.js';
import { parseRupiah } from '../../shared/domain/money.js';
import { validationFailed } from '../../shared/errors.js';
import { reportFile } from '../../shared/report-formats/file.js';
import { budgetTable, outcomesTable } from '../../shared/report-formats/table.js';
import { parseWith } from '../../shared/schema-problems.js';
import { assignApbdPlace, recordDisbursement, voidDisbursement } from '../../shared/services/budget.js';
import { followUpByDistrict, followUpReport } from '../../shared/services/follow-up.js';
import { importRecords } from '../../shared/services/import-records.js';
import { outcomesReport } from '../../shared/services/outcomes.js';
import { anonymiseCandidate, exportCandidate } from '../../shared/services/personal-data.js';
import { programSettings } from '../../shared/services/programs.js';
import { budgetReport, quotaReport } from '../../shared/services/reports.js';
import { createApp, type GkbContext } from '../http/app.js';
import { yearParam } from '../http/params.js';
import { candidateAction } from '../web/candidate-actions.js';
import { dateText } from '../web/format.js';
import { page, tOf, versionOf, viewer, webOptions } from '../web/shell.js';
import { yearOfPage } from '../web/year-switch.js';
import { BudgetPage } from './budget-page.js';
import { anonymiseConfirmation, apbdConfirmation, voidConfirmation } from './confirmations.js';
import { ImportHistory } from './import-history.js';
import { OutcomesPage } from './outcomes-page.js';
import { QuotaPage } from './quota-page.js';

async function budgetPage(c: GkbContext) {
  const p = viewer(c);
  const { year, yearSwitch } = await yearOfPage(c);
  const [report, program, followUp] = await Promise.all([
    budgetReport(p, year, 'district'),
    programSettings(year),
    followUpReport(p, { year }),
  ]);
  return page(
    c,
    tOf(c)('Anggaran', 'Budget'),
    <BudgetPage
      t={tOf(c)}
      report={report}
      quota={program?.villageQuota ?? 0}
      yearSwitch={yearSwitch}
      followUp={{ rows: followUpByDistrict(followUp.rows), totals: followUp.totals }}
    />,
  );
}

/**
 * Bappeda's web pages and actions: the budget (its home), downloads, villages below quota,
 * the import record, and on a candidate's page an APBD place, payments, the export and
 * anonymisation (the programme settings and carry-over pages are the `programs` function's). Same layout, session and services as the `web` function.
 */
export const app = createApp(
  bappedaRoutes,
  {
    apbdSubmit: (c) =>
      candidateAction(
        c,
        (v, p) => assignApbdPlace(p, c.req.param('id') ?? '', versionOf(v)),
        (_, id) => `/calon/${id}?selesai=apbd`,
        apbdConfirmation(tOf(c), viewer(c)),
      ),
    disbursementSubmit: (c) =>
      candidateAction(
        c,
        async (v, p) => {
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
        },
        (_, id) => `/calon/${id}?selesai=bayar`,
      ),
    voidSubmit: (c) =>
      candidateAction(
        c,
        (v, p) =>
          voidDisbursement(
            p,
            c.req.param('id') ?? '',
            c.req.param('disbursementId') ?? '',
            versionOf(v),
            v.reason ?? '',
          ),
        (_, id) => `/calon/${id}?selesai=batal-bayar`,
        voidConfirmation(tOf(c), viewer(c), c.req.param('disbursementId') ?? ''),
      ),
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
      candidateAction(
        c,
        (v, p) => anonymiseCandidate(p, c.req.param('id') ?? '', versionOf(v), v.reason ?? '', 'web'),
        (_, id) => `/calon/${id}?selesai=anonim`,
        anonymiseConfirmation(tOf(c)),
      ),
    budgetPage,
    outcomesPage: async (c) => {
      const p = viewer(c);
      const t = tOf(c);
      const { year, yearSwitch } = await yearOfPage(c);
      const [byDistrict, byYear] = await Promise.all([
        outcomesReport(p, { year, by: 'district' }),
        outcomesReport(p, { year, by: 'year' }),
      ]);
      return page(
        c,
        t('Capaian', 'Outcomes'),
        <OutcomesPage
          t={t}
          year={year}
          byDistrict={byDistrict}
          byYear={byYear}
          made={dateText(formatIsoDate(todayInBrebes()), c.get('lang'))}
          yearSwitch={yearSwitch}
        />,
      );
    },
    outcomesDownload: async (c) => {
      const p = viewer(c);
      const year = yearParam(c, 'query');
      const format = c.req.query('format') === 'csv' ? 'csv' : 'xlsx';
      const asked = c.req.query('by');
      const by = asked === 'village' || asked === 'year' ? asked : 'district';
      const report = await outcomesReport(p, { year, by });
      const file = reportFile(outcomesTable(report, dateText(formatIsoDate(todayInBrebes()), 'id')), format);
      return c.body(file.body, 200, file.headers);
    },
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
      const t = tOf(c);
      const { year, yearSwitch } = await yearOfPage(c);
      const report = await quotaReport(viewer(c), year);
      return page(
        c,
        t('Desa di bawah kuota', 'Villages below quota'),
        <QuotaPage t={t} report={report} yearSwitch={yearSwitch} />,
      );
    },
  },
  { pages: webOptions },
);
