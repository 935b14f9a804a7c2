import * as z from 'zod/mini';
import { candidatesRoutes } from '../../shared/api/routes/candidates.js';
import { openLookAlikes } from '../../shared/db/look-alikes.js';
import { disbursementSchema, voidSchema } from '../../shared/domain/budget.js';
import {
  anonymiseSchema,
  correctionSchema,
  registrationSchema,
  STATUSES,
  type Status,
} from '../../shared/domain/candidate.js';
import { duplicateReviewSchema } from '../../shared/domain/duplicates.js';
import { DROP_OUT_DECISION } from '../../shared/domain/follow-up.js';
import { carryOverSchema, schoolChangeSchema, transitionSchema } from '../../shared/domain/workflow.js';
import { DomainError, validationFailed } from '../../shared/errors.js';
import {
  assignApbdPlace,
  listDisbursements,
  recordDisbursement,
  voidDisbursement,
} from '../../shared/services/budget.js';
import { candidateRecord, candidateSummary } from '../../shared/services/candidate-view.js';
import {
  correctCandidate,
  listCandidates,
  POSSIBLE_DUPLICATE,
  registerCandidate,
  type StoredCandidate,
} from '../../shared/services/candidates.js';
import { carryOverRecord } from '../../shared/services/carry-over.js';
import { reviewDuplicate } from '../../shared/services/duplicates.js';
import { listDue } from '../../shared/services/follow-up.js';
import { anonymiseCandidate, exportCandidate, viewCandidate } from '../../shared/services/personal-data.js';
import { searchCandidates } from '../../shared/services/search.js';
import { candidateHistory, changeSchool, transitionCandidate } from '../../shared/services/transitions.js';
import { createApp, type GkbContext, principalOf } from '../http/app.js';
import { ifMatchVersion, jsonBody, queryParam } from '../http/input.js';
import { optionalText, optionalYearParam } from '../http/params.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * A candidate in a response. Only `GET /candidates/{id}` shows the full NIK and KK (to those
 * allowed, recorded in the processing record first); write responses show them masked.
 */
function respondWithCandidate(
  c: GkbContext,
  stored: StoredCandidate,
  status: 200 | 201 = 200,
  identity: 'full' | 'masked' = 'masked',
  extra: Record<string, unknown> = {},
): Response {
  c.header('ETag', `"${stored.candidate.version}"`);
  return c.json(
    {
      ...candidateRecord(stored.candidate, stored.waitlistPosition, principalOf(c), c.get('lang'), identity),
      ...extra,
    },
    status,
  );
}

const optionalStatuses = (status: Status | undefined) => (status ? { statuses: [status] } : {});
const optionalYear = (year: number | undefined) => (year === undefined ? {} : { year });

/** Candidates: registration, lists, the record and its corrections. */
export const app = createApp(candidatesRoutes, {
  registerCandidate: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'village_official') throw new DomainError('FORBIDDEN');
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw validationFailed([{ field: 'Idempotency-Key', key: 'query.invalid' }]);
    }
    const result = await registerCandidate(principal, await jsonBody(c, registrationSchema), key);
    c.header('Location', `/candidates/${result.candidate.id}`);
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return respondWithCandidate(c, result, 201);
  },
  listCandidates: async (c) => {
    const principal = principalOf(c);
    const query = {
      ...optionalYear(optionalYearParam(c)),
      village: optionalText('village', c),
      district: optionalText('district', c),
      ...optionalStatuses(queryParam(c, 'status', z.optional(z.enum(STATUSES)))),
      limit: queryParam(
        c,
        'limit',
        z._default(z.pipe(z.coerce.number(), z.int().check(z.minimum(1), z.maximum(100))), 50),
      ),
      cursor: queryParam(c, 'cursor', z.optional(z.string().check(z.maxLength(2000)))),
    };
    const flag = queryParam(c, 'flag', z.optional(z.enum(['possibleDuplicate', 'dropOutDecision'])));
    const due = queryParam(c, 'due', z.optional(z.enum(['overdue', 'week'])));
    const q = queryParam(c, 'q', z.optional(z.string().check(z.maxLength(400))));
    if (q !== undefined && due) throw validationFailed([{ field: 'q', key: 'search.withDue' }]);
    const flagged = flag
      ? { flag: flag === 'possibleDuplicate' ? POSSIBLE_DUPLICATE : DROP_OUT_DECISION }
      : {};
    const page =
      q !== undefined
        ? // A search reads the search index (shared/services/search.ts).
          await searchCandidates(principal, { ...query, q, ...flagged })
        : due
          ? // Due lists read the due index, in due order (shared/services/follow-up.ts).
            await listDue(principal, { ...query, due, ...flagged })
          : await listCandidates(principal, {
              ...query,
              possibleDuplicates: flag === 'possibleDuplicate',
              ...(flag === 'dropOutDecision' ? { flag: DROP_OUT_DECISION } : {}),
            });
    return c.json({
      items: page.items.map((s) => candidateSummary(s.candidate, s.waitlistPosition, c.get('lang'))),
      nextCursor: page.nextCursor,
    });
  },
  getCandidate: async (c) => {
    const stored = await viewCandidate(principalOf(c), c.req.param('id') ?? '', 'api');
    // Both sides of a possible duplicate name each other: the look-alike index, read here only.
    const possibleDuplicateOf = (await openLookAlikes([stored.candidate])).get(stored.candidate.id) ?? [];
    return respondWithCandidate(c, stored, 200, 'full', { possibleDuplicateOf });
  },
  correctCandidate: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'village_official') throw new DomainError('FORBIDDEN');
    const version = ifMatchVersion(c);
    const input = await jsonBody(c, correctionSchema);
    return respondWithCandidate(
      c,
      await correctCandidate(principal, c.req.param('id') ?? '', version, input),
    );
  },
  transitionCandidate: async (c) => {
    const principal = principalOf(c);
    if (principal.role === 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const version = ifMatchVersion(c);
    const input = await jsonBody(c, transitionSchema);
    return respondWithCandidate(
      c,
      await transitionCandidate(principal, c.req.param('id') ?? '', version, input),
    );
  },
  carryOverCandidate: async (c) => {
    const principal = principalOf(c);
    if (principal.role === 'fmpp_volunteer') throw new DomainError('FORBIDDEN');
    const ifMatch = ifMatchVersion(c);
    const { year } = await jsonBody(c, carryOverSchema);
    const carried = await carryOverRecord(principal, c.req.param('id') ?? '', year, { ifMatch });
    c.header('Location', `/candidates/${carried.candidate.id}`);
    return respondWithCandidate(c, carried, 201);
  },
  changeSchool: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'fmpp_volunteer') throw new DomainError('FORBIDDEN');
    const version = ifMatchVersion(c);
    const input = await jsonBody(c, schoolChangeSchema);
    return respondWithCandidate(c, await changeSchool(principal, c.req.param('id') ?? '', version, input));
  },
  assignApbdPlace: async (c) => {
    const principal = principalOf(c);
    // No body is needed; one with any field in it is refused like every unknown field.
    if ((await c.req.text()).trim() !== '') await jsonBody(c, z.strictObject({}));
    return respondWithCandidate(
      c,
      await assignApbdPlace(principal, c.req.param('id') ?? '', ifMatchVersion(c)),
    );
  },
  recordDisbursement: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const version = ifMatchVersion(c);
    const input = await jsonBody(c, disbursementSchema);
    const result = await recordDisbursement(principal, c.req.param('id') ?? '', version, input);
    c.header('ETag', `"${result.candidateVersion}"`);
    return c.json(result.disbursement, 201);
  },
  reviewDuplicate: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const version = ifMatchVersion(c);
    const input = await jsonBody(c, duplicateReviewSchema);
    return respondWithCandidate(c, await reviewDuplicate(principal, c.req.param('id') ?? '', version, input));
  },
  listDisbursements: async (c) =>
    c.json(
      (await listDisbursements(principalOf(c), c.req.param('id') ?? '')).map(
        ({ id, source, amount, paidAt, reference, voided }) => ({
          id,
          source,
          amount,
          paidAt,
          reference,
          voided,
        }),
      ),
    ),
  voidDisbursement: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const version = ifMatchVersion(c);
    const { reason } = await jsonBody(c, voidSchema);
    const id = c.req.param('id') ?? '';
    return respondWithCandidate(
      c,
      await voidDisbursement(principal, id, c.req.param('disbursementId') ?? '', version, reason),
    );
  },
  candidateHistory: async (c) => c.json(await candidateHistory(principalOf(c), c.req.param('id') ?? '')),
  exportCandidate: async (c) =>
    c.json(await exportCandidate(principalOf(c), c.req.param('id') ?? '', c.get('lang'), 'api')),
  anonymiseCandidate: async (c) => {
    const principal = principalOf(c);
    if (principal.role !== 'bappeda_staff') throw new DomainError('FORBIDDEN');
    const version = ifMatchVersion(c);
    const { reason } = await jsonBody(c, anonymiseSchema);
    return respondWithCandidate(
      c,
      await anonymiseCandidate(principal, c.req.param('id') ?? '', version, reason, 'api'),
    );
  },
});
