import * as z from 'zod/mini';
import { accountChangeSchema, accountInputSchema } from '../accounts/schemas.js';
import { disbursementSchema, voidSchema } from '../domain/budget.js';
import { anonymiseSchema, correctionSchema, registrationSchema } from '../domain/candidate.js';
import { duplicateReviewSchema } from '../domain/duplicates.js';
import { visitSchema } from '../domain/follow-up.js';
import { programInputSchema } from '../domain/program.js';
import {
  carryOverSchema,
  cohortCarryOverSchema,
  schoolChangeSchema,
  transitionSchema,
} from '../domain/workflow.js';
import { statusOf } from '../errors.js';
import { summaryOf } from './route-summaries.js';
import { type RouteDef, routes } from './routes.js';

const requestBodies: Record<string, z.ZodMiniType> = {
  putProgram: programInputSchema,
  registerCandidate: registrationSchema,
  correctCandidate: correctionSchema,
  transitionCandidate: transitionSchema,
  recordDisbursement: disbursementSchema,
  anonymiseCandidate: anonymiseSchema,
  carryOverCandidate: carryOverSchema,
  carryCohort: cohortCarryOverSchema,
  changeSchool: schoolChangeSchema,
  recordVisit: visitSchema,
  voidDisbursement: voidSchema,
  createUser: accountInputSchema,
  changeUser: accountChangeSchema,
  reviewDuplicate: duplicateReviewSchema,
};

/** Routes whose body is a spreadsheet: CSV (comma or semicolon, UTF-8) or an XLSX workbook. */
const fileBodies: Record<string, string> = {
  importSurveyList: 'A survey list (docs/api.md, "Importing a survey list")',
  importUsers:
    'A sheet of accounts: columns Username, Email, Nama, Peran, Kode Desa, Kode Kecamatan (docs/api.md, "Accounts")',
  importPaymentSheet:
    'A payment sheet: columns ID Calon or NIK, Sumber (APBD/APBDES), Jumlah, Tanggal Bayar, Referensi (docs/api.md, "Payment sheets")',
};
const spreadsheet = (description: string) => ({
  required: true,
  description,
  content: {
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', contentEncoding: 'binary' },
    },
  },
});

const messagesSchema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['column', 'message'],
    properties: { column: { type: 'string' }, message: { type: 'string' } },
  },
};
const count = { type: 'integer', minimum: 0 };

/** What a route answers with, where the answer is a report of its own. */
const responseBodies: Record<string, Record<string, unknown>> = {
  importPaymentSheet: {
    type: 'object',
    required: ['summary', 'rows'],
    properties: {
      summary: {
        type: 'object',
        required: ['rows', 'ok', 'errors', 'duplicates', 'okAmount', 'recorded', 'recordedAmount'],
        properties: {
          rows: count,
          ok: count,
          errors: count,
          duplicates: count,
          okAmount: { ...count, description: 'rupiah of the OK rows' },
          recorded: { ...count, description: 'payments recorded by this request (0 on a dry run)' },
          recordedAmount: { ...count, description: 'rupiah recorded by this request' },
        },
      },
      rows: {
        type: 'array',
        items: {
          type: 'object',
          required: ['row', 'status', 'candidateId', 'disbursementId', 'messages'],
          properties: {
            row: { type: 'integer', description: 'the line in the file (the header is line 1)' },
            status: { type: 'string', enum: ['OK', 'ERROR', 'DUPLICATE'] },
            candidateId: { type: ['string', 'null'] },
            disbursementId: { type: ['string', 'null'] },
            messages: messagesSchema,
          },
        },
      },
    },
  },
};

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', enum: Object.keys(statusOf) },
        message: { type: 'string', description: 'Indonesian, or English with Accept-Language: en' },
        details: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

const successStatus = (route: RouteDef): string =>
  ['registerCandidate', 'recordDisbursement', 'carryOverCandidate', 'recordVisit', 'createUser'].includes(
    route.operation,
  )
    ? '201'
    : '200';

function parametersOf(route: RouteDef) {
  const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const headers: Record<string, string[]> = {
    registerCandidate: ['Idempotency-Key'],
    correctCandidate: ['If-Match'],
    transitionCandidate: ['If-Match'],
    assignApbdPlace: ['If-Match'],
    recordDisbursement: ['If-Match'],
    voidDisbursement: ['If-Match'],
    reviewDuplicate: ['If-Match'],
    anonymiseCandidate: ['If-Match'],
    carryOverCandidate: ['If-Match'],
    changeSchool: ['If-Match'],
  };
  return [
    ...inPath,
    ...(route.query ?? []).map((name) => ({
      name,
      in: 'query',
      required: false,
      schema: { type: 'string' },
    })),
    ...(headers[route.operation] ?? []).map((name) => ({
      name,
      in: 'header',
      required: false,
      schema: { type: 'string' },
    })),
    { name: 'Accept-Language', in: 'header', required: false, schema: { type: 'string', example: 'en' } },
  ];
}

/** The OpenAPI 3.1 document of every route the service serves, from the route table and schemas. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as readonly RouteDef[]) {
    const body = requestBodies[route.operation];
    const file = fileBodies[route.operation];
    const answer = responseBodies[route.operation];
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: route.operation,
      summary: summaryOf(route),
      ...(route.auth === 'jwt' ? { security: [{ cognito: [] }] } : { security: [] }),
      parameters: parametersOf(route),
      ...(body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: z.toJSONSchema(body) } },
            },
          }
        : file
          ? { requestBody: spreadsheet(file) }
          : {}),
      responses: {
        [successStatus(route)]: {
          description: 'OK',
          ...(answer ? { content: { 'application/json': { schema: answer } } } : {}),
        },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'GKB Tracker API',
      version: '1.0.0',
      description:
        'Gerakan Kembali Bersekolah, Kabupaten Brebes. Errors are Indonesian by default; send Accept-Language: en for English.',
    },
    components: {
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (Cognito ID token)' },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
