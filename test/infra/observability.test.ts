import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnResource, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app.js';
import type { GkbStack } from '../../infra/gkb-stack.js';
import { APBD_MONEY_PERCENT, API_5XX_PERCENT, TABLE_OPERATIONS } from '../../infra/observability.js';
import { FUNCTIONS } from '../../shared/api/routes.js';
import { tableDefinition } from '../../shared/db/table.js';
import { STATUSES } from '../../shared/domain/candidate.js';
import { METRIC, METRICS_NAMESPACE } from '../../shared/metrics.js';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties?: Json;
}
interface MetricStat {
  Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: unknown }[] };
  Stat: string;
  Period: number;
}
interface AlarmProps {
  AlarmName: string;
  Namespace?: string;
  MetricName?: string;
  Statistic?: string;
  Period?: number;
  Dimensions?: { Name: string; Value: unknown }[];
  Metrics?: { Id: string; Expression?: string; MetricStat?: MetricStat; ReturnData?: boolean }[];
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData: string;
  AlarmActions: unknown[];
  OKActions?: unknown[];
}

const cdkContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Json }
).context;

let stack: GkbStack;
let template: Template;
let resources: Record<string, Resource>;
let parameters: Record<string, Json>;
let validationReport: {
  pluginReports: { violations: { violatingConstructs: { constructPath: string }[] }[] }[];
};

const logicalId = (construct: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnResource);
const ofType = (type: string): [string, Resource][] =>
  Object.entries(resources).filter(([, r]) => r.Type === type);
const props = (r: Resource | undefined): Json => r?.Properties ?? {};

/** Every function of the stack as the alarms name it: the HTTP ones and the anonymiser. */
const ALL_FUNCTIONS = [...FUNCTIONS, 'anonymiser'] as const;
const functionId = (name: (typeof ALL_FUNCTIONS)[number]): string =>
  logicalId(name === 'anonymiser' ? stack.retention.anonymiser : stack.functions.byName[name]);
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const alarms = (): AlarmProps[] => ofType('AWS::CloudWatch::Alarm').map(([, a]) => props(a) as never);
const alarmNamed = (suffix: string): AlarmProps => {
  const alarm = alarms().find((a) => a.AlarmName === `GkbTracker-${suffix}`);
  if (!alarm) throw new Error(`no alarm GkbTracker-${suffix}`);
  return alarm;
};
const topicRef = () => ({ Ref: logicalId(stack.observability.topic) });

beforeAll(() => {
  const { app, stack: built } = buildApp({
    skipBundling: true,
    context: {
      ...cdkContext,
      webCallbackUrls: 'https://gkb.example.go.id/auth/callback',
      webLogoutUrls: 'https://gkb.example.go.id/',
      '@aws-cdk/core:failSynthOnValidationErrors': false,
    },
  });
  stack = built;
  const assembly = app.synth();
  validationReport = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'));
  template = Template.fromStack(stack);
  const json = template.toJSON() as { Resources: Record<string, Resource>; Parameters: Record<string, Json> };
  resources = json.Resources;
  parameters = json.Parameters;
}, 60_000);

describe('alarm notifications', () => {
  it('AlarmEmail is a parameter without default whose pattern takes one e-mail address', () => {
    const parameter = parameters.AlarmEmail as { Type: string; AllowedPattern: string; Default?: unknown };
    expect(parameter.Type).toBe('String');
    expect(parameter).not.toHaveProperty('Default');
    // CloudFormation matches the whole value against the pattern.
    const pattern = new RegExp(parameter.AllowedPattern);
    for (const good of ['ops@bappeda.brebeskab.go.id', 'a.b+alarm@example.id']) {
      expect(pattern.test(good), good).toBe(true);
    }
    for (const bad of [
      '',
      'ops',
      'ops@',
      '@example.id',
      'ops@example',
      'a b@example.id',
      'a@b.id,c@d.id x',
    ]) {
      expect(pattern.test(bad), bad).toBe(false);
    }
  });

  it('the topic is encrypted with its own rotating key, refuses publishing without TLS, e-mails AlarmEmail', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    const keyId = logicalId(stack.observability.topic.masterKey as never);
    expect(keyId).not.toBe(logicalId(stack.data.key));
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    expect(props(resources[keyId])).toMatchObject({ EnableKeyRotation: true });

    template.resourceCountIs('AWS::SNS::Subscription', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: { Ref: 'AlarmEmail' },
      TopicArn: topicRef(),
    });

    const [, policy] = ofType('AWS::SNS::TopicPolicy')[0] as [string, Resource];
    const statements = (props(policy).PolicyDocument as { Statement: Json[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    // CloudWatch may publish, and use the key, only for this stack's alarms in this account.
    const cloudWatch = statements.find((s) =>
      JSON.stringify(s.Principal).includes('cloudwatch.amazonaws.com'),
    );
    expect(cloudWatch).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish' });
    expect(JSON.stringify(cloudWatch?.Condition)).toContain(':alarm:GkbTracker-*');
    const keyStatements = (props(resources[keyId]).KeyPolicy as { Statement: Json[] }).Statement;
    const keyForCloudWatch = keyStatements.find((s) =>
      JSON.stringify(s.Principal).includes('cloudwatch.amazonaws.com'),
    );
    expect(keyForCloudWatch).toMatchObject({ Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] });
    expect(JSON.stringify(keyForCloudWatch?.Condition)).toContain('aws:SourceAccount');
  });

  it('every alarm notifies the topic when it fires and when it clears', () => {
    expect(alarms().length).toBe(2 * ALL_FUNCTIONS.length + 5);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions, alarm.AlarmName).toEqual([topicRef()]);
      expect(alarm.OKActions, alarm.AlarmName).toEqual([topicRef()]);
      expect(alarm.AlarmName).toMatch(/^GkbTracker-/);
    }
  });
});

describe('alarms', () => {
  it('API 5xx rate: more than 1 % of at least 20 requests in 5 minutes, from the HTTP API metrics', () => {
    const alarm = alarmNamed('Api5xxRate');
    expect(alarm).toMatchObject({
      Threshold: API_5XX_PERCENT,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    const metrics = alarm.Metrics ?? [];
    const expression = metrics.find((m) => m.Expression);
    expect(expression?.Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    const apiDimension = [{ Name: 'ApiId', Value: { Ref: logicalId(stack.api.httpApi) } }];
    for (const [id, metricName] of [
      ['errors', '5xx'],
      ['requests', 'Count'],
    ]) {
      expect(metrics.find((m) => m.Id === id)?.MetricStat).toEqual({
        Metric: { Namespace: 'AWS/ApiGateway', MetricName: metricName, Dimensions: apiDimension },
        Stat: 'Sum',
        Period: 300,
      });
    }
  });

  it.each(ALL_FUNCTIONS)('Lambda errors and throttles of the %s function', (name) => {
    for (const metricName of ['Errors', 'Throttles']) {
      const alarm = alarmNamed(`${capitalised(name)}${metricName}`);
      expect(alarm).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId(name) } }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
  });

  it('DynamoDB system errors on every operation the code and scripts use', () => {
    const alarm = alarmNamed('TableSystemErrors');
    expect(alarm).toMatchObject({ Threshold: 1, TreatMissingData: 'notBreaching' });
    const stats = (alarm.Metrics ?? []).flatMap((m) => (m.MetricStat ? [m.MetricStat] : []));
    expect(stats.length).toBeLessThanOrEqual(10); // CloudWatch's limit for a metric-math alarm
    expect(stats.map((s) => s.Metric.Dimensions?.find((d) => d.Name === 'Operation')?.Value).sort()).toEqual(
      [...TABLE_OPERATIONS].sort(),
    );
    for (const stat of stats) {
      expect(stat.Metric).toMatchObject({ Namespace: 'AWS/DynamoDB', MetricName: 'SystemErrors' });
      expect(stat.Metric.Dimensions).toContainEqual({
        Name: 'TableName',
        Value: { Ref: logicalId(stack.data.table) },
      });
    }
    expect((alarm.Metrics ?? []).find((m) => m.ReturnData !== false)?.Expression).toMatch(/\+/);
  });

  it('DynamoDB throttling of the table and its index', () => {
    const alarm = alarmNamed('TableThrottles');
    expect(alarm).toMatchObject({ Threshold: 1, TreatMissingData: 'notBreaching' });
    const stats = (alarm.Metrics ?? []).flatMap((m) => (m.MetricStat ? [m.MetricStat] : []));
    const indexes = tableDefinition.indexes.map((i) => i.name);
    expect(stats.map((s) => s.Metric.MetricName).sort()).toEqual([
      ...Array(1 + indexes.length).fill('ReadThrottleEvents'),
      ...Array(1 + indexes.length).fill('WriteThrottleEvents'),
    ]);
    const byIndex = stats.flatMap(
      (s) =>
        s.Metric.Dimensions?.filter((d) => d.Name === 'GlobalSecondaryIndexName').map((d) => d.Value) ?? [],
    );
    expect(byIndex.sort()).toEqual([...indexes, ...indexes].sort());
    expect((alarm.Metrics ?? []).find((m) => m.Expression)?.Expression).toBe(
      ['tableReads', 'tableWrites', ...indexes.flatMap((i) => [`${i}Reads`, `${i}Writes`])].join(' + '),
    );
  });

  it('unexpected errors of any function, on the application metric (Hono answers them with a 500, which Lambda does not count)', () => {
    expect(alarmNamed('UnexpectedErrors')).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: METRIC.unexpectedErrors,
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('APBD money above 90 % of the ceiling, on the application metric, kept in alarm while no data comes', () => {
    expect(alarmNamed('ApbdMoneyAbove90Percent')).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: METRIC.apbdMoneyUsedPercent,
      Statistic: 'Maximum',
      Threshold: APBD_MONEY_PERCENT,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'ignore',
    });
    expect(APBD_MONEY_PERCENT).toBe(90);
  });
});

describe('dashboard', () => {
  /** The dashboard's widgets, its CloudFormation references replaced by their logical IDs. */
  const widgets = (): { type: string; properties: { title?: string; metrics?: unknown[][] } }[] => {
    const [, dashboard] = ofType('AWS::CloudWatch::Dashboard')[0] as [string, Resource];
    const parts = (props(dashboard).DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const body = parts.map((p) => (typeof p === 'string' ? p : `{${Object.values(p as Json)[0]}}`)).join('');
    return (JSON.parse(body) as { widgets: never[] }).widgets;
  };
  /** `namespace/name dimension=value…` for every metric line of every widget. */
  const metricLines = (): string[] =>
    widgets().flatMap((w) =>
      (w.properties.metrics ?? []).map((line) => {
        const [namespace, name, ...rest] = line.filter((x) => typeof x === 'string') as string[];
        return [`${namespace}/${name}`, ...rest].join(' ');
      }),
    );

  it('is named after the stack and the programme', () => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'GkbTracker-Programme' });
    template.hasOutput('DashboardName', {});
    template.hasOutput('AlarmTopicArn', {});
  });

  it('shows every programme metric of the application', () => {
    const lines = metricLines();
    for (const name of Object.values(METRIC)) {
      if (name === METRIC.transitions) continue;
      expect(lines, name).toContain(`${METRICS_NAMESPACE}/${name}`);
    }
  });

  it('shows transitions by every status they can lead to', () => {
    const lines = metricLines();
    for (const status of STATUSES) {
      expect(lines).toContain(`${METRICS_NAMESPACE}/${METRIC.transitions} ToStatus ${status}`);
    }
  });

  it('shows the API, every function and the table', () => {
    const lines = metricLines();
    const api = `ApiId {${logicalId(stack.api.httpApi)}}`;
    for (const metric of ['Count', '4xx', '5xx']) expect(lines).toContain(`AWS/ApiGateway/${metric} ${api}`);
    for (const name of ALL_FUNCTIONS) {
      for (const metric of ['Duration', 'Errors', 'Throttles']) {
        expect(lines).toContain(`AWS/Lambda/${metric} FunctionName {${functionId(name)}}`);
      }
    }
    const table = `TableName {${logicalId(stack.data.table)}}`;
    for (const metric of ['ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits', 'ReadThrottleEvents']) {
      expect(lines).toContain(`AWS/DynamoDB/${metric} ${table}`);
    }
    expect(widgets().some((w) => w.type === 'alarm')).toBe(true);
  });
});

describe('logs', () => {
  it('every log group of the stack has a retention (three months)', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBe(ALL_FUNCTIONS.length + 1); // + the API's access logs
    for (const [id, group] of groups) expect(props(group).RetentionInDays, id).toBe(90);
    // Nor does CDK add a log-retention function or custom resource of its own.
    expect(Object.values(resources).filter((r) => r.Type.startsWith('Custom::'))).toEqual([]);
  });

  it('every Lambda of the stack logs to a log group of its own, declared in the stack', () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.map(([id]) => id).sort()).toEqual(ALL_FUNCTIONS.map(functionId).sort());
    const groups = functions.map(([id, fn]) => {
      const ref = (props(fn).LoggingConfig as { LogGroup?: { Ref?: string } } | undefined)?.LogGroup?.Ref;
      expect(resources[ref ?? '']?.Type, id).toBe('AWS::Logs::LogGroup');
      return ref;
    });
    expect(new Set(groups).size).toBe(functions.length);
  });
});

describe('scheduled anonymiser', () => {
  const anonymiser = () => props(resources[functionId('anonymiser')]);
  const statements = (): Json[] => {
    const roleRef = (stack.resolve(stack.retention.anonymiser.role?.roleName) as { Ref: string }).Ref;
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(props(p).Roles).includes(`"${roleRef}"`))
      .flatMap(([, p]) => (props(p).PolicyDocument as { Statement: Json[] }).Statement);
  };

  it('runs daily at 19:00 UTC (02:00 WIB) by an EventBridge rule that targets it', () => {
    template.resourceCountIs('AWS::Events::Rule', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 19 * * ? *)',
      State: 'ENABLED',
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [functionId('anonymiser'), 'Arn'] },
          Id: 'Target0',
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
        },
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [functionId('anonymiser'), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [logicalId(stack.retention.schedule), 'Arn'] },
    });
  });

  it('is built like the other functions, with 15 minutes to run and only the table name', () => {
    expect(anonymiser()).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 900,
      LoggingConfig: { LogFormat: 'JSON' },
    });
    const env = (anonymiser().Environment as { Variables: Json }).Variables;
    expect(env.TABLE_NAME).toEqual({ Ref: logicalId(stack.data.table) });
    expect(Object.keys(env).filter((k) => /SECRET|KEY|COGNITO/.test(k))).toEqual([]);
  });

  it('may read and write the table’s items, and nothing else: no secret, no administration', () => {
    const actions = statements().flatMap((s) => [s.Action].flat() as string[]);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:UpdateItem',
        'dynamodb:BatchWriteItem',
      ]),
    );
    expect(actions.filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
    expect(actions.filter((a) => a.endsWith(':*') || a === '*')).toEqual([]);
    expect(actions.filter((a) => /dynamodb:((Create|Delete|Update)Table|.*Backup|Restore)/.test(a))).toEqual(
      [],
    );
    const text = JSON.stringify(statements());
    expect(text).not.toContain(logicalId(stack.data.nikHashSecret));
    expect(text).not.toContain(logicalId(stack.data.sessionSecret));
  });
});

describe('cdk-nag', () => {
  it('finds nothing in the alarms, the dashboard or the schedule, and nothing there is acknowledged away', () => {
    const paths = validationReport.pluginReports.flatMap((r) =>
      r.violations.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath)),
    );
    expect(paths).toEqual([]);
    const acknowledged = stack.observability.node
      .findAll()
      .filter((c) => c.node.metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    expect(acknowledged.map((c) => c.node.path)).toEqual([]);
  });
});
