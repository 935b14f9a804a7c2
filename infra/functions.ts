import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda';
import {
  type BundlingOptions,
  type ICommandHooks,
  NodejsFunction,
  OutputFormat,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import { FUNCTION_TIMEOUT_SECONDS, FUNCTIONS, type FunctionName } from '../shared/api/routes.js';
import type { GkbData } from './data.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * What each function may touch. `docs` serves health, OpenAPI, the docs page and 404s and
 * needs no data at all; only `candidates`, `imports` (whose rows register as POST
 * /candidates does), `web` (whose registration form does too) and `ledger` (whose payment
 * sheets name people by NIK) hash NIKs, and only the functions serving web pages (`web`,
 * `bappeda`, `imports` for its upload pages, `programs` for the programme year's pages,
 * `visits` for the worklist and visit pages, `accounts` for Bappeda's accounts pages and
 * `ledger` for payment sheets, recipients and the audit) hold sessions; only `accounts` may change Cognito
 * users (gkb-stack.ts). Widen here, in one place, when a function starts needing more.
 */
export const FUNCTION_ACCESS: Record<
  FunctionName,
  { table: 'none' | 'yearPartitions' | 'read' | 'readWrite'; nikHashKey: boolean; sessionKey: boolean }
> = {
  docs: { table: 'none', nikHashKey: false, sessionKey: false },
  programs: { table: 'readWrite', nikHashKey: false, sessionKey: true },
  candidates: { table: 'readWrite', nikHashKey: true, sessionKey: false },
  imports: { table: 'readWrite', nikHashKey: true, sessionKey: true },
  reports: { table: 'read', nikHashKey: false, sessionKey: false },
  web: { table: 'readWrite', nikHashKey: true, sessionKey: true },
  bappeda: { table: 'readWrite', nikHashKey: false, sessionKey: true },
  visits: { table: 'readWrite', nikHashKey: false, sessionKey: true },
  // Public, no sign-in: only the year partitions (programme, APBD pool, village aggregates).
  opendata: { table: 'yearPartitions', nikHashKey: false, sessionKey: false },
  accounts: { table: 'readWrite', nikHashKey: false, sessionKey: true },
  ledger: { table: 'readWrite', nikHashKey: true, sessionKey: true },
  // Pages for everyone; the session (read, and rechecked as on every page) only shapes the menu.
  guide: { table: 'readWrite', nikHashKey: false, sessionKey: true },
};

export interface GkbFunctionsProps {
  readonly data: GkbData;
  /** Extra environment for some functions, e.g. the Cognito settings of `web`. */
  readonly environment?: Partial<Record<FunctionName, Record<string, string>>>;
}

/** Lambda's latest Node.js runtime in this CDK version (cdk-nag L1 wants the latest). */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

/** How long every log group of the stack (functions and API access logs) keeps its events. */
export const LOG_RETENTION = RetentionDays.THREE_MONTHS;

export interface GkbLambdaProps {
  /** The folder under functions/ whose `handler.ts` exports `handler`. */
  readonly entry: string;
  readonly timeout: Duration;
  /** Shown on the role, e.g. "GKB Tracker web function". */
  readonly description: string;
  readonly environment: Record<string, string>;
  /**
   * A folder of files (relative to the repository) copied beside the bundle, which the
   * function reads from `./<folder name>/` next to its module, as it does locally.
   */
  readonly files?: string;
}

/** A GKB Lambda with the role and log group that belong to it alone. */
export interface GkbLambda {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
}

/**
 * How every function is bundled: ESM for Node 24, minified, with the AWS SDK inside (so the
 * code that runs is the code that was tested), a source map without sources. `npm run bench`
 * builds with exactly these options (through `esbuildOptions`) to weigh and time each bundle.
 */
const SDK_CREDENTIAL_CHAIN = '@aws-sdk/credential-provider-node';
const LAMBDA_CREDENTIALS = './shared/aws/lambda-credentials.ts';

export const FUNCTION_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // Event streams are never used by DynamoDB: the SDK loads their code on demand, by a dynamic
  // import that stays an import (14 KB less in every bundle; it would fail if ever reached).
  externalModules: ['@smithy/core/event-streams'],
  mainFields: ['module', 'main'],
  // Bundled CommonJS dependencies still call require(); ESM has none without this shim.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  // Lambda gives credentials in the environment only: the SDK's default chain (profiles, SSO,
  // STS, metadata services) is replaced by shared/aws/lambda-credentials.ts. esbuild runs in
  // the project root, which the path is relative to.
  esbuildArgs: { '--alias': `${SDK_CREDENTIAL_CHAIN}=${LAMBDA_CREDENTIALS}` },
  forceDockerBundling: false,
} as const satisfies BundlingOptions;

/**
 * No `NODE_OPTIONS=--enable-source-maps`: with it, Node reads and parses the bundle's source
 * map (about 1 MB) while importing it, on every cold start, to translate stack traces that
 * are rare. Stack traces name positions in the minified index.mjs; the asset keeps
 * index.mjs.map beside it to translate them when needed.
 */
export const FUNCTION_NODE_OPTIONS: string | undefined = undefined;

/**
 * The esbuild options NodejsFunction derives from FUNCTION_BUNDLING for one entry (the
 * arguments aws-lambda-nodejs passes to the esbuild CLI: `--bundle`, `--platform=node`,
 * `--target`, `--format`, `--outfile=<dir>/index.mjs`, `--minify`, `--sourcemap`,
 * `--sources-content=false`, `--external:…`, `--main-fields`, `--banner:js`, then
 * `esbuildArgs`), run in the project root as CDK's local bundling does.
 */
export function esbuildOptions(entry: string, outdir: string): BuildOptions {
  const b = FUNCTION_BUNDLING;
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: b.target,
    format: b.format === OutputFormat.ESM ? 'esm' : 'cjs',
    outfile: join(outdir, b.format === OutputFormat.ESM ? 'index.mjs' : 'index.js'),
    minify: b.minify,
    sourcemap: b.sourceMap,
    sourcesContent: b.sourcesContent,
    external: [...b.externalModules],
    mainFields: [...b.mainFields],
    banner: { js: b.banner },
    alias: Object.fromEntries([b.esbuildArgs['--alias'].split('=')]),
    absWorkingDir: repoRoot,
  };
}

/**
 * Every GKB Lambda is built here, the HTTP ones and the scheduled ones alike: Node.js on
 * arm64, bundled locally by esbuild as ESM with the AWS SDK inside (so the code that runs is
 * the code that was tested), JSON logs into its own log group with a retention, and its own
 * role that may write only to that log group. Callers grant data access on `role`.
 */
export function createGkbLambda(scope: Construct, props: GkbLambdaProps): GkbLambda {
  const logGroup = new LogGroup(scope, 'Logs', { retention: LOG_RETENTION });

  // An explicit role instead of AWSLambdaBasicExecutionRole: that managed policy may write
  // to every log group in the account, this one only to the function's own.
  const role = new Role(scope, 'Role', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: props.description,
  });
  logGroup.grantWrite(role);

  const fn = new NodejsFunction(scope, 'Function', {
    entry: join(repoRoot, 'functions', props.entry, 'handler.ts'),
    handler: 'handler',
    projectRoot: repoRoot,
    depsLockFilePath: join(repoRoot, 'package-lock.json'),
    runtime: FUNCTION_RUNTIME,
    architecture: Architecture.ARM_64,
    memorySize: 512,
    timeout: props.timeout,
    role,
    logGroup,
    loggingFormat: LoggingFormat.JSON,
    applicationLogLevelV2: ApplicationLogLevel.INFO,
    systemLogLevelV2: SystemLogLevel.WARN,
    environment: {
      ...(FUNCTION_NODE_OPTIONS ? { NODE_OPTIONS: FUNCTION_NODE_OPTIONS } : {}),
      ...props.environment,
    },
    bundling: props.files
      ? { ...FUNCTION_BUNDLING, commandHooks: copyAfterBundling(props.files) }
      : FUNCTION_BUNDLING,
  });
  return { fn, role, logGroup };
}

/** Bundling hooks that copy a folder of the repository beside the bundle (`cp -R`, as CDK runs them locally). */
function copyAfterBundling(folder: string): ICommandHooks {
  const name = folder.split('/').at(-1) ?? folder;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => [`cp -R "${join(inputDir, folder)}" "${join(outputDir, name)}"`],
  };
}

/** The files each function reads beside its bundle: the guide's screenshots and printable guides. */
export const FUNCTION_FILES: Partial<Record<FunctionName, string>> = { guide: 'functions/guide/files' };

/** Data-only access to the table (no table administration), with the acknowledgements it needs. */
export function grantTableAccess(role: Role, data: GkbData, access: 'read' | 'readWrite'): void {
  if (access === 'readWrite') {
    // Includes encrypt/decrypt on the table's KMS key.
    data.table.grantReadWriteData(role);
  } else {
    data.table.grantReadData(role);
  }
  acknowledgeTableGrant(role, data, access === 'readWrite');
}

/**
 * Query of the table's year partitions only (`YEAR#<year>`: programme, APBD pool, village
 * aggregates; shared/db/table.ts), by an IAM condition on the partition key: a public function
 * cannot read a candidate, a person, a session or anything else, whatever its code does.
 */
export function grantYearPartitions(role: Role, data: GkbData): void {
  role.addToPolicy(
    new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [data.table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['YEAR#*'] } },
    }),
  );
  data.table.encryptionKey?.grantDecrypt(role);
}

/** One Lambda per entry in FUNCTIONS (functions/<fn>/handler.ts), each with the access FUNCTION_ACCESS gives it. */
export class GkbFunctions extends Construct {
  readonly byName: Record<FunctionName, NodejsFunction>;

  constructor(scope: Construct, id: string, props: GkbFunctionsProps) {
    super(scope, id);
    const entries = FUNCTIONS.map(
      (fn) => [fn, this.createFunction(fn, props.data, props.environment?.[fn] ?? {})] as const,
    );
    this.byName = Object.fromEntries(entries) as Record<FunctionName, NodejsFunction>;
  }

  private createFunction(
    fn: FunctionName,
    data: GkbData,
    extraEnvironment: Record<string, string>,
  ): NodejsFunction {
    const access = FUNCTION_ACCESS[fn];
    const { fn: handler, role } = createGkbLambda(new Construct(this, fn), {
      entry: fn,
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS[fn]),
      description: `GKB Tracker ${fn} function`,
      ...(FUNCTION_FILES[fn] ? { files: FUNCTION_FILES[fn] } : {}),
      environment: {
        // Every HTTP function gets the same names so shared configuration parses them
        // uniformly; permissions, not names, are what FUNCTION_ACCESS limits. The session key
        // is the exception: only the functions that sign cookies are told where it is.
        TABLE_NAME: data.table.tableName,
        NIK_HASH_SECRET_ARN: data.nikHashSecret.secretArn,
        ...(access.sessionKey ? { SESSION_SECRET_ARN: data.sessionSecret.secretArn } : {}),
        ...extraEnvironment,
      },
    });

    if (access.table === 'yearPartitions') {
      grantYearPartitions(role, data);
    } else if (access.table !== 'none') {
      grantTableAccess(role, data, access.table);
    }
    if (access.nikHashKey) {
      data.nikHashSecret.grantRead(role);
    }
    if (access.sessionKey) {
      data.sessionSecret.grantRead(role);
    }
    return handler;
  }
}

/**
 * The wildcards that Table.grantReadWriteData puts in the role's policy, each with its reason.
 * cdk-nag 3 wants every finding acknowledged by its own id (`rule[finding]`).
 */
function acknowledgeTableGrant(role: Role, data: GkbData, writes: boolean): void {
  const tableLogicalId = Stack.of(role).getLogicalId(data.table.node.defaultChild as CfnTable);
  const indexes = {
    id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
    reason:
      "Query access to the table's indexes: the table declares gsi1 and gsi2 (shared/db/table.ts), which the " +
      'CDK grant covers as index/*.',
  };
  if (!writes) {
    Validations.of(role).acknowledge(indexes);
    return;
  }
  Validations.of(role).acknowledge(
    indexes,
    {
      id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      reason: "Part of the CDK table data grant, limited to the table's own CMK; no other key is reachable.",
    },
    {
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        "Part of the CDK table data grant, limited to the table's own CMK: DynamoDB needs data keys to write items.",
    },
  );
}
