/**
 * Warm request latency through the local API Gateway and the real handlers, at concurrency 1
 * and 16, each against its floor: the raw DynamoDB calls the operation needs at minimum, sent
 * with the SDK to the same DynamoDB Local in the same run.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { setToday } from '../shared/clock.js';
import { keys } from '../shared/db/table.js';
import { countDynamoRequests } from '../test/support/request-counter.js';
import { person } from './people.js';
import { latency, ratio, timed } from './stats.js';
import { type BenchSystem, TABLE, villageList } from './system.js';

export const YEAR = 2026;
export const CONCURRENCY = [1, 16] as const;
const WARMUP = 40;
/** Each run alternates between the operation and its floor in this many rounds, so both see the same drift (JIT, load). */
const ROUNDS = 10;
const COUNT: Record<(typeof CONCURRENCY)[number], number> = { 1: 150, 16: 960 };
/** Operations that read or write one candidate (or one village): the p50 budget applies to them. */
export const SINGLE_ITEM = ['register', 'transition', 'get', 'getFull', 'villageSummary'] as const;

type Candidate = { id: string; version: number; villageCode: string; districtCode: string };

export interface LatencyFigures {
  operation: string;
  concurrency: number;
  requests: number;
  p50: number;
  p99: number;
  perSecond: number;
  floor: { p50: number; p99: number; perSecond: number; calls: string };
  /** p50 over the floor's p50. */
  vsFloor: number;
  /** Budget for single-item operations: p50 ≤ 1.5 × floor p50 + 1 ms. */
  budgetMs: number | null;
  /** DynamoDB requests per operation by command, counted on the handlers' client during the run. */
  dynamoRequests: Record<string, number>;
}

let nextPerson = 0;
export const takePerson = () => person(nextPerson++);

/** A client configured like shared/db/client.ts, of its own, so the floor is not counted as the handlers'. */
function floorClient(endpoint: string) {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      maxAttempts: 4,
      endpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
}

export async function measureLatency(sys: BenchSystem): Promise<LatencyFigures[]> {
  const counter = countDynamoRequests();
  const floorDb = floorClient(sys.dynamo.endpoint);
  await sys.call('PUT', `/programs/${YEAR}`, sys.bappeda, { body: {} });

  const registered: Candidate[] = [];
  let villageTurn = 0;
  let verifyTurn = 0;
  const register = async () => {
    const village = villageList[villageTurn++ % villageList.length];
    if (!village) throw new Error('no village');
    const { body } = await sys.call<Candidate>('POST', '/candidates', await sys.officialOf(village.code), {
      body: { year: YEAR, villageCode: village.code, ...takePerson() },
    });
    registered.push(body);
  };
  const toVerify = () => {
    const c = registered[verifyTurn++];
    if (!c) throw new Error('not enough registered candidates to move');
    return c;
  };
  const anyRegistered = (i: number) => registered[(i * 7919) % registered.length] as Candidate;

  // A real candidate item and aggregate, copied under floor keys (pk FLOOR#…), so the floor
  // writes items of the same size with the same kinds of conditions.
  await register();
  const sample = (
    await floorDb.send(new GetCommand({ TableName: TABLE, Key: keys.candidate(anyRegistered(0).id) }))
  ).Item as Record<string, unknown>;
  // A record's page carries its look-alikes: the candidate, then its fingerprints' index entries.
  const readWithLookAlikes = async (id: string) => {
    const got = await floorDb.send(
      new GetCommand({ TableName: TABLE, Key: keys.candidate(id), ConsistentRead: true }),
    );
    const item = got.Item as { year: number; fingerprints?: Set<string> | string[] } | undefined;
    const wanted = [...(item?.fingerprints ?? [])].map((h) => keys.fingerprint(item?.year ?? YEAR, h));
    if (wanted.length > 0)
      await floorDb.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: wanted } } }));
  };
  let floorSerial = 0;
  const floorCandidates: { key: { pk: string; sk: string }; version: number }[] = [];
  let floorTransition = 0;
  const floorVillage = (i: number) => ({
    pk: `FLOOR#${YEAR}`,
    sk: `VILLAGE#${villageList[i % villageList.length]?.code}`,
  });
  const floorWaitlist = (i: number) => ({ ...floorVillage(i), pk: `FLOORWAITLIST#${YEAR}` });

  const operations: {
    name: string;
    run: (i: number) => Promise<void>;
    floor: (i: number) => Promise<void>;
    calls: string;
    /** Run once before the operation is measured (the follow-up ones move the clock on). */
    prepare?: () => void;
  }[] = [
    {
      name: 'register',
      calls:
        'BatchGetItem (programme, aggregate, waitlist, 2 look-alike keys, person) + TransactWriteItems (NIK guard, candidate, history, person, 2 look-alike updates, aggregate, waitlist check)',
      run: register,
      floor: async (i) => {
        const n = floorSerial++;
        const village = floorVillage(i);
        await floorDb.send(
          new BatchGetCommand({
            RequestItems: {
              [TABLE]: {
                Keys: [
                  keys.program(YEAR),
                  village,
                  floorWaitlist(i),
                  { pk: `FP#floor#a${n}`, sk: 'FP' },
                  { pk: `FP#floor#b${n}`, sk: 'FP' },
                  { pk: `FLOORPERSON#${n}`, sk: 'PERSON' },
                ],
                ConsistentRead: true,
              },
            },
          }),
        );
        const key = { pk: `FLOORCANDIDATE#${n}`, sk: 'CANDIDATE' };
        await floorDb.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: TABLE,
                  Item: { pk: `FLOORNIK#${n}`, sk: 'NIK', candidateId: `floor-${n}`, villageCode: 'x' },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: TABLE,
                  Item: { ...sample, ...key, gsi1pk: `FLOOR#${YEAR}`, version: 1 },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: TABLE,
                  Item: {
                    pk: key.pk,
                    sk: 'HISTORY#000001',
                    at: new Date().toISOString(),
                    from: null,
                    to: 'IDENTIFIED',
                    note: null,
                    actor: { id: 'bench', role: 'village_official' },
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: TABLE,
                  Key: { pk: `FLOORPERSON#${n}`, sk: 'PERSON' },
                  UpdateExpression: 'SET #open = :id, #record = :record ADD #records :one',
                  ConditionExpression: 'attribute_not_exists(#open) AND attribute_not_exists(#records)',
                  ExpressionAttributeNames: {
                    '#open': 'open',
                    '#record': `r_floor-${n}`,
                    '#records': 'records',
                  },
                  ExpressionAttributeValues: {
                    ':id': `floor-${n}`,
                    ':record': {
                      id: `floor-${n}`,
                      year: YEAR,
                      villageCode: village.sk,
                      status: 'IDENTIFIED',
                    },
                    ':one': 1,
                  },
                },
              },
              ...['a', 'b'].map((h) => ({
                Update: {
                  TableName: TABLE,
                  Key: { pk: `FP#floor#${h}${n}`, sk: 'FP' },
                  UpdateExpression: 'ADD ids :id',
                  ExpressionAttributeValues: { ':id': new Set([`floor-${n}`]) },
                },
              })),
              {
                Update: {
                  TableName: TABLE,
                  Key: village,
                  UpdateExpression:
                    'SET villageCode = :v ADD registered :one, funded :one, count_IDENTIFIED :one',
                  ConditionExpression: 'attribute_not_exists(funded) OR funded < :big',
                  ExpressionAttributeValues: { ':v': village.sk, ':one': 1, ':big': 1_000_000_000 },
                },
              },
              {
                ConditionCheck: {
                  TableName: TABLE,
                  Key: floorWaitlist(i),
                  ConditionExpression: 'attribute_not_exists(ids) OR size(ids) = :zero',
                  ExpressionAttributeValues: { ':zero': 0 },
                },
              },
            ],
          }),
        );
        floorCandidates.push({ key, version: 1 });
      },
    },
    {
      name: 'transition',
      calls: 'GetItem (candidate) + TransactWriteItems (candidate if at its version, history, aggregate)',
      run: async () => {
        const c = toVerify();
        await sys.call('POST', `/candidates/${c.id}/transitions`, await sys.volunteerOf(c.districtCode), {
          body: { to: 'VERIFIED' },
          headers: { 'if-match': `"${c.version}"` },
        });
      },
      floor: async (i) => {
        const c = floorCandidates[floorTransition++];
        if (!c) throw new Error('not enough floor candidates');
        const { Item } = await floorDb.send(
          new GetCommand({ TableName: TABLE, Key: c.key, ConsistentRead: true }),
        );
        await floorDb.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: TABLE,
                  Item: { ...Item, status: 'VERIFIED', version: c.version + 1 },
                  ConditionExpression: 'version = :v',
                  ExpressionAttributeValues: { ':v': c.version },
                },
              },
              {
                Put: {
                  TableName: TABLE,
                  Item: {
                    pk: c.key.pk,
                    sk: 'HISTORY#000002',
                    at: new Date().toISOString(),
                    from: 'IDENTIFIED',
                    to: 'VERIFIED',
                    note: null,
                    actor: { id: 'bench', role: 'fmpp_volunteer' },
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: TABLE,
                  Key: floorVillage(i),
                  UpdateExpression: 'ADD count_IDENTIFIED :minus, count_VERIFIED :one',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeValues: { ':one': 1, ':minus': -1 },
                },
              },
            ],
          }),
        );
      },
    },
    {
      name: 'get',
      calls: 'GetItem (candidate) + BatchGetItem (its look-alike entries)',
      run: async (i) => {
        const c = anyRegistered(i);
        await sys.call('GET', `/candidates/${c.id}`, await sys.volunteerOf(c.districtCode));
      },
      floor: async (i) => {
        await readWithLookAlikes(anyRegistered(i).id);
      },
    },
    {
      // The record with the full NIK/KK (its village official): the showing is recorded first.
      name: 'getFull',
      calls: 'GetItem (candidate) + PutItem (processing record) + BatchGetItem (look-alike entries)',
      run: async (i) => {
        const c = anyRegistered(i);
        await sys.call('GET', `/candidates/${c.id}`, await sys.officialOf(c.villageCode));
      },
      floor: async (i) => {
        const id = anyRegistered(i).id;
        await readWithLookAlikes(id);
        await floorDb.send(
          new PutCommand({
            TableName: TABLE,
            Item: {
              pk: `FLOORACCESS#${id}`,
              sk: `ACCESS#${i}`,
              at: new Date().toISOString(),
              action: 'VIEW',
            },
          }),
        );
      },
    },
    {
      name: 'list',
      calls: 'Query gsi1, 50 items',
      run: async () => {
        await sys.call('GET', `/candidates?year=${YEAR}&limit=50`, sys.bappeda);
      },
      floor: async () => {
        await floorDb.send(
          new QueryCommand({
            TableName: TABLE,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': `CANDIDATES#${YEAR}` },
            Limit: 50,
          }),
        );
      },
    },
    {
      name: 'villageSummary',
      calls: 'BatchGetItem (programme, aggregate)',
      run: async (i) => {
        const v = villageList[i % villageList.length];
        await sys.call('GET', `/villages/${v?.code}?year=${YEAR}`, sys.bappeda);
      },
      floor: async (i) => {
        const v = villageList[i % villageList.length];
        await floorDb.send(
          new BatchGetCommand({
            RequestItems: {
              [TABLE]: {
                Keys: [keys.program(YEAR), keys.villageAggregate(YEAR, String(v?.code))],
                ConsistentRead: true,
              },
            },
          }),
        );
      },
    },
    {
      name: 'budgetReport',
      calls: 'Query of the year partition (programme, APBD pool, 297 aggregates)',
      run: async () => {
        await sys.call('GET', `/reports/budget?year=${YEAR}&by=district`, sys.bappeda);
      },
      floor: async () => {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await floorDb.send(
            new QueryCommand({
              TableName: TABLE,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': `YEAR#${YEAR}` },
              ConsistentRead: true,
              ExclusiveStartKey: start,
            }),
          );
          start = page.LastEvaluatedKey;
        } while (start);
      },
    },
  ];

  // Follow-up, measured 20 days on (every record registered today is due, none closed): a
  // visit, the kecamatan's due list, and its follow-up report.
  const salem = villageList[0]?.districtCode ?? '';
  const volunteerOfSalem = await sys.volunteerOf(salem);
  const later = new Date(Date.now() + 7 * 3_600_000 + 20 * 86_400_000).toISOString().slice(0, 10);
  const inSalem = () => registered.filter((c) => c.districtCode === salem);
  operations.push(
    {
      name: 'visit',
      calls:
        'GetItem (candidate) + TransactWriteItems (candidate if at its version, visit, follow-up counters)',
      prepare: () => setToday(later),
      run: async (i) => {
        const list = inSalem();
        const c = list[i % list.length] as Candidate;
        await sys.call('POST', `/candidates/${c.id}/visits`, volunteerOfSalem, {
          body: { kind: 'HOME', outcome: 'NOT_MET' },
          expect: 201,
        });
      },
      floor: async (i) => {
        const { Item } = await floorDb.send(
          new GetCommand({
            TableName: TABLE,
            Key: keys.candidate(anyRegistered(i).id),
            ConsistentRead: true,
          }),
        );
        const key = { pk: `FLOORVISIT#${i % 500}`, sk: 'CANDIDATE' };
        await floorDb.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: TABLE, Item: { ...Item, ...key } } },
              {
                Put: {
                  TableName: TABLE,
                  Item: {
                    pk: key.pk,
                    sk: `VISIT#${later}#${floorSerial++}`,
                    kind: 'HOME',
                    outcome: 'NOT_MET',
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: TABLE,
                  Key: { ...floorVillage(i), pk: `FLOORFOLLOWUP#${YEAR}` },
                  UpdateExpression: 'ADD #a :minus, #b :one',
                  ExpressionAttributeNames: { '#a': 'due_a', '#b': 'due_b' },
                  ExpressionAttributeValues: { ':one': 1, ':minus': -1 },
                },
              },
            ],
          }),
        );
      },
    },
    {
      name: 'dueList',
      calls: 'Query gsi3 (the kecamatan, due up to 7 days ahead), 50 items',
      run: async () => {
        await sys.call('GET', '/candidates?due=week&limit=50', volunteerOfSalem);
      },
      floor: async () => {
        await floorDb.send(
          new QueryCommand({
            TableName: TABLE,
            IndexName: 'gsi3',
            KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': `DUE#${salem}`, ':from': '0', ':to': `${later}#~` },
            Limit: 51,
          }),
        );
      },
    },
    {
      name: 'followUpReport',
      calls: "GetItem (programme) + Query (the kecamatan's villages' follow-up counters)",
      run: async () => {
        await sys.call('GET', `/reports/follow-up?year=${YEAR}`, volunteerOfSalem);
      },
      floor: async () => {
        await floorDb.send(
          new GetCommand({ TableName: TABLE, Key: keys.program(YEAR), ConsistentRead: true }),
        );
        await floorDb.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :village)',
            ExpressionAttributeValues: { ':pk': keys.followUp(YEAR, '').pk, ':village': `VILLAGE#${salem}.` },
            ConsistentRead: true,
          }),
        );
      },
    },
  );

  // Candidates to read, list and move: enough for every transition run (warm-up included).
  const transitionsNeeded = WARMUP + COUNT[1] + COUNT[16];
  const registersPlanned = 1 + WARMUP + COUNT[1] + COUNT[16];
  for (let i = registersPlanned; i < transitionsNeeded; i++) await register();

  const figures: LatencyFigures[] = [];
  for (const op of operations) {
    op.prepare?.();
    for (let i = 0; i < WARMUP; i++) {
      await op.run(i);
      await op.floor(i);
    }
    for (const concurrency of CONCURRENCY) {
      const count = COUNT[concurrency];
      const per = count / ROUNDS;
      const own = { durations: [] as number[], wallMs: 0 };
      const floor = { durations: [] as number[], wallMs: 0 };
      counter.reset();
      for (let round = 0; round < ROUNDS; round++) {
        const a = await timed(per, concurrency, (i) => op.run(round * per + i));
        own.durations.push(...a.durations);
        own.wallMs += a.wallMs;
        const b = await timed(per, concurrency, (i) => op.floor(round * per + i));
        floor.durations.push(...b.durations);
        floor.wallMs += b.wallMs;
      }
      const requests = Object.fromEntries(
        Object.entries(counter.byCommand()).map(([command, n]) => [
          command.replace(/Command$/, ''),
          Math.round((n / count) * 100) / 100,
        ]),
      );
      const o = latency(own);
      const f = latency(floor);
      figures.push({
        operation: op.name,
        concurrency,
        requests: count,
        ...o,
        floor: { ...f, calls: op.calls },
        vsFloor: ratio(o.p50, f.p50),
        budgetMs: (SINGLE_ITEM as readonly string[]).includes(op.name)
          ? Math.round((1.5 * f.p50 + 1) * 10) / 10
          : null,
        dynamoRequests: requests,
      });
    }
  }
  setToday(undefined);
  floorDb.destroy();
  return figures;
}
