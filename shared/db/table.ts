/**
 * The single table, declared once: CDK deploys it, the local server and the tests create
 * it from this. Keys (see docs/data-model.md):
 *
 * | item              | pk                         | sk                      | gsi1pk / gsi1sk                     |
 * |-------------------|----------------------------|-------------------------|-------------------------------------|
 * | programme year    | YEAR#2026                  | PROGRAM                 | PROGRAMS / 2026                     |
 * | village aggregate | YEAR#2026                  | VILLAGE#33.29.01.2001   |                                     |
 * | village waitlist  | WAITLIST#2026              | VILLAGE#33.29.01.2001 (ids) |                                 |
 * | APBD place pool   | YEAR#2026                  | APBD                    |                                     |
 * | candidate         | CANDIDATE#<id>             | CANDIDATE               | CANDIDATES#2026 / <village>#<id>    |
 * |                   |                            |                         | gsi2: CANDIDATES / <village>#<year>#<id> |
 * | person            | PERSON#<keyed hash of NIK> | PERSON                  |                                     |
 * |                   |                            |                         | gsi3 (open only): DUE#<kecamatan> / <next due>#<village>#<id> |
 * | history entry     | CANDIDATE#<id>             | HISTORY#<version, 6 digits> |                                 |
 * | visit             | CANDIDATE#<id>             | VISIT#<date>#<id>       |                                     |
 * | follow-up counters | FOLLOWUP#2026             | VILLAGE#33.29.01.2001   |                                     |
 * | disbursement      | CANDIDATE#<id>             | DISBURSEMENT#<id>       |                                     |
 * | payment reference | CANDIDATE#<id>             | REFERENCE#<source>#<ref> |                                    |
 * | payment void      | CANDIDATE#<id>             | VOID#<disbursement id>  |                                     |
 * | processing record | CANDIDATE#<id>             | ACCESS#<time>#<id>      |                                     |
 * | look-alike index | FP#2026#<keyed hash>       | FP (ids: candidate ids) |                                     |
 * | import draft      | IMPORTDRAFT#<id>           | DRAFT (TTL expiresAt)   |                                     |
 * | NIK guard         | NIK#2026#<keyed hash>      | NIK                     |                                     |
 * | idempotency key   | IDEMPOTENCY#<sub>#<key>    | IDEMPOTENCY             |                                     |
 * | web session       | SESSION#<sha256 of the id> | SESSION (TTL expiresAt) |                                     |
 * | import record     | IMPORTS#2026               | <time>#<id>             |                                     |
 * | import budget     | IMPORTRATE#<sub>           | <hour> (TTL expiresAt)  |                                     |
 * | local account     | ACCOUNTS                   | USER#<username>         |                                     |
 * | search entry      | SEARCH#<kecamatan>         | W#<word>#<village>#<year>#<id>, L#<last 4 NIK>#… |            |
 * | audit entry       | AUDIT#2026                 | <time>#<id>             |                                     |
 * | user's session    | USERSESSIONS#<username>    | <sha256 of the id> (TTL expiresAt) |                          |
 * | Bappeda lock      | ACCOUNTLOCK                | BAPPEDA (TTL expiresAt) |                                     |
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
  timeToLiveAttribute: 'expiresAt',
} as const;

/** The CreateTable input for DynamoDB Local (and the emulator-based tests). */
export function createTableInput(tableName: string) {
  const { partitionKey, sortKey, indexes } = tableDefinition;
  const attributes = [partitionKey, sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}

export const keys = {
  program: (year: number) => ({ pk: `YEAR#${year}`, sk: 'PROGRAM' }),
  apbdPool: (year: number) => ({ pk: `YEAR#${year}`, sk: 'APBD' }),
  villageAggregate: (year: number, villageCode: string) => ({
    pk: `YEAR#${year}`,
    sk: `VILLAGE#${villageCode}`,
  }),
  /**
   * A village's waitlist for a year (`ids`, in order), apart from its aggregate and in a
   * partition of its own: a report reads the whole `YEAR#` partition, and a waitlist holds
   * one id per waiting person, so keeping it there would make every report's read grow with
   * people. It is read by key only (BatchGetItem beside the aggregate), never by Query.
   */
  waitlist: (year: number, villageCode: string) => ({
    pk: `WAITLIST#${year}`,
    sk: `VILLAGE#${villageCode}`,
  }),
  candidate: (id: string) => ({ pk: `CANDIDATE#${id}`, sk: 'CANDIDATE' }),
  /**
   * A candidate's two index entries: its cohort's list (`gsi1`, by village) and the list of
   * every cohort (`gsi2`, by village, then year), so that a list in any scope, with or without
   * a year, is one range of one index.
   */
  candidateIndex: (year: number, villageCode: string, id: string) => ({
    gsi1pk: `CANDIDATES#${year}`,
    gsi1sk: `${villageCode}#${id}`,
    gsi2pk: 'CANDIDATES',
    gsi2sk: `${villageCode}#${year}#${id}`,
  }),
  /**
   * A record's place in the due index (`gsi3`, sparse: only open records have it): by
   * kecamatan, then the date its next visit is due, so that "overdue" is one range of one
   * partition, in due order.
   */
  dueIndex: (districtCode: string, due: string, villageCode: string, id: string) => ({
    gsi3pk: `DUE#${districtCode}`,
    gsi3sk: `${due}#${villageCode}#${id}`,
  }),
  /** A visit, in the candidate's partition after its history, by the visit's date. */
  visit: (candidateId: string, date: string, id: string) => ({
    pk: `CANDIDATE#${candidateId}`,
    sk: `VISIT#${date}#${id}`,
  }),
  /**
   * A village's follow-up counters for a cohort (shared/domain/follow-up.ts), apart from its
   * aggregate: they hold a counter a day, which the budget report has no need to read.
   */
  followUp: (year: number, villageCode: string) => ({ pk: `FOLLOWUP#${year}`, sk: `VILLAGE#${villageCode}` }),
  /** A programme year in the list of years (`gsi1`), newest first when read backwards. */
  programIndex: (year: number) => ({ gsi1pk: 'PROGRAMS', gsi1sk: String(year) }),
  /** What a person's records across cohorts share: the open one, and each record's year, village and status. */
  person: (nikHash: string) => ({ pk: `PERSON#${nikHash}`, sk: 'PERSON' }),
  history: (id: string, version: number) => ({
    pk: `CANDIDATE#${id}`,
    sk: `HISTORY#${String(version).padStart(6, '0')}`,
  }),
  disbursement: (candidateId: string, id: string) => ({
    pk: `CANDIDATE#${candidateId}`,
    sk: `DISBURSEMENT#${id}`,
  }),
  /** A payment's reversal, after the visits in the candidate's partition; at most one per payment. */
  paymentVoid: (candidateId: string, disbursementId: string) => ({
    pk: `CANDIDATE#${candidateId}`,
    sk: `VOID#${disbursementId}`,
  }),
  paymentReference: (candidateId: string, source: string, reference: string) => ({
    pk: `CANDIDATE#${candidateId}`,
    sk: `REFERENCE#${source}#${reference}`,
  }),
  access: (candidateId: string, at: string, id: string) => ({
    pk: `CANDIDATE#${candidateId}`,
    sk: `ACCESS#${at}#${id}`,
  }),
  fingerprint: (year: number, hash: string) => ({ pk: `FP#${year}#${hash}`, sk: 'FP' }),
  importDraft: (id: string) => ({ pk: `IMPORTDRAFT#${id}`, sk: 'DRAFT' }),
  nikGuard: (year: number, nikHash: string) => ({ pk: `NIK#${year}#${nikHash}`, sk: 'NIK' }),
  idempotency: (sub: string, key: string) => ({ pk: `IDEMPOTENCY#${sub}#${key}`, sk: 'IDEMPOTENCY' }),
  /** A web session, by a SHA-256 of its cookie's id (the table never holds a usable cookie). */
  session: (idHash: string) => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' }),
  /** An import (survey list or payment sheet) as Bappeda sees it, newest last. */
  importRecord: (year: number, at: string, id: string) => ({ pk: `IMPORTS#${year}`, sk: `${at}#${id}` }),
  /** A search index entry (shared/db/search.ts): by kecamatan, then the word or digits searched by. */
  searchEntry: (districtCode: string, token: string, villageCode: string, year: number, id: string) => ({
    pk: `SEARCH#${districtCode}`,
    sk: `${token}#${villageCode}#${year}#${id}`,
  }),
  /** What was done in a programme year (shared/db/audit.ts), newest last. */
  audit: (year: number, at: string, id: string) => ({ pk: `AUDIT#${year}`, sk: `${at}#${id}` }),
  /** Rows an account checked in one clock hour (`2026-12-02T14`), against its import budget. */
  importRate: (sub: string, hour: string) => ({ pk: `IMPORTRATE#${sub}`, sk: hour }),
  /** An account of the local identity provider (Cognito keeps them in AWS). */
  localAccount: (username: string) => ({ pk: 'ACCOUNTS', sk: `USER#${username}` }),
  /**
   * A web session listed under its user, written with the session: a move or a disable finds
   * the user's sessions here (one Query) and rescopes or ends them at once, in AWS as locally.
   */
  userSession: (username: string, idHash: string) => ({ pk: `USERSESSIONS#${username}`, sk: idHash }),
  /** Held while a change that may leave no enabled Bappeda account is checked and made. */
  bappedaLock: () => ({ pk: 'ACCOUNTLOCK', sk: 'BAPPEDA' }),
};

/** An item as the code uses it: without the table's keys and index keys. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g,
    gsi1sk: _s,
    gsi2pk: _g2,
    gsi2sk: _s2,
    gsi3pk: _g3,
    gsi3sk: _s3,
    ...rest
  } = item;
  return rest as T;
}
