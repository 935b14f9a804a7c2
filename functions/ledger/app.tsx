import * as z from 'zod/mini';
import { ledgerRoutes } from '../../shared/api/routes/ledger.js';
import { formatIsoDate, todayInBrebes } from '../../shared/domain/dates.js';
import { DomainError } from '../../shared/errors.js';
import { reportFile } from '../../shared/report-formats/file.js';
import { recipientsTable } from '../../shared/report-formats/table.js';
import { importPaymentSheet, paymentSheetTemplateFile } from '../../shared/services/payment-sheets.js';
import { programYears } from '../../shared/services/programs.js';
import { recipientList } from '../../shared/services/recipients.js';
import { createApp, principalOf } from '../http/app.js';
import { logPaymentSheetFailure } from '../http/errors.js';
import { queryParam } from '../http/input.js';
import { templateFormat, yearParam } from '../http/params.js';
import { dateText } from '../web/format.js';
import { page, pageYear, postedForm, tOf, viewer, webOptions } from '../web/shell.js';
import { auditPage } from './audit-page.js';
import { PaymentSheetForm, paymentSheetCheck, paymentSheetCommit } from './payment-sheet-pages.js';

/**
 * Bappeda's ledger: payment sheets (the row-by-row check and recording of many payments, and
 * their template, by the API and the upload pages), recipient lists and the audit, apart from
 * `imports` (survey lists) and `bappeda` (one candidate's money), which have no room for them.
 */
export const app = createApp(
  ledgerRoutes,
  {
    auditPage,
    recipientsDownload: async (c) => {
      const source = c.req.query('source') === 'APBDES' ? 'APBDES' : 'APBD';
      const list = await recipientList(viewer(c), yearParam(c, 'query'), source);
      const file = reportFile(
        recipientsTable(list, dateText(formatIsoDate(todayInBrebes()), 'id')),
        c.req.query('format') === 'csv' ? 'csv' : 'xlsx',
      );
      return c.body(file.body, 200, file.headers);
    },
    importPaymentSheet: async (c) => {
      const principal = principalOf(c);
      if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const { report } = await importPaymentSheet(principal, {
        year: yearParam(c, 'query'),
        dryRun: queryParam(c, 'dryRun', z.optional(z.enum(['true', 'false']))) === 'true',
        source: {
          bytes: new Uint8Array(await c.req.arrayBuffer()),
          contentType: c.req.header('content-type') ?? '',
        },
        lang: c.get('lang'),
        channel: 'api',
        onFailure: logPaymentSheetFailure,
      });
      return c.json(report);
    },
    paymentSheetTemplate: async (c) => {
      if (principalOf(c).role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const file = paymentSheetTemplateFile(templateFormat(c));
      return c.body(file.body, 200, file.headers);
    },
    paymentSheetPage: async (c) => {
      if (viewer(c).role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const t = tOf(c);
      const [year, years] = await Promise.all([pageYear(c), programYears()]);
      return page(
        c,
        t('Unggah lembar pembayaran', 'Upload a payment sheet'),
        <PaymentSheetForm t={t} csrf={c.get('csrf') ?? ''} years={years.map((y) => y.year)} year={year} />,
      );
    },
    paymentSheetCheck: async (c) => {
      const p = viewer(c);
      if (p.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const t = tOf(c);
      const years = (await programYears()).map((y) => y.year);
      const checked = await paymentSheetCheck(c, t, c.get('csrf') ?? '', p, years);
      return page(c, t('Hasil pemeriksaan', 'Check result'), checked.body, checked.status);
    },
    paymentSheetCommit: async (c) => {
      const p = viewer(c);
      if (p.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const t = tOf(c);
      return page(
        c,
        t('Hasil pencatatan pembayaran', 'Payments recorded'),
        await paymentSheetCommit(c, t, await postedForm(c), p),
      );
    },
    paymentSheetTemplateDownload: async (c) => {
      if (viewer(c).role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
      const file = paymentSheetTemplateFile(c.req.query('format') === 'csv' ? 'csv' : 'xlsx');
      return c.body(file.body, 200, file.headers);
    },
  },
  { pages: webOptions },
);
