import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { tableDefinition } from '../shared/db/table.js';
import { STATUSES } from '../shared/domain/candidate.js';
import { METRIC, METRICS_NAMESPACE } from '../shared/metrics.js';

const FIVE_MINUTES = Duration.minutes(5);

/** API 5xx alarm: more than this percentage of requests answered 5xx in five minutes… */
export const API_5XX_PERCENT = 1;
/** …counted only when at least this many requests came in (two failures of ten are no outage). */
export const API_MIN_REQUESTS = 20;
/** APBD money alarm: the places handed out carry more than this percentage of the ceiling. */
export const APBD_MONEY_PERCENT = 90;
/**
 * The DynamoDB operations whose system errors are alarmed on: those the code uses, and the
 * batch and scan ones of the anonymiser and of scripts/copy-table.ts. A metric-math alarm
 * takes at most 10 metrics, one per operation here.
 */
export const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.SCAN,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.TRANSACT_GET_ITEMS,
];

export interface GkbObservabilityProps {
  readonly httpApi: IHttpApi;
  /** Every Lambda of the stack, by a short name used in alarm names and on the dashboard. */
  readonly functions: Record<string, IFunction>;
  readonly table: Table;
  /** Where alarm notifications are e-mailed (the AlarmEmail parameter). */
  readonly alarmEmail: string;
}

/**
 * What operations watch: an SNS topic that e-mails every alarm, alarms on the API, on each
 * function, on the table and on the APBD budget, and one dashboard for the programme. The
 * programme metrics come from the application in embedded metric format (shared/metrics.ts),
 * by the names exported there, so the code and the alarms cannot drift apart.
 */
export class GkbObservability extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  /** Every alarm, by a short name (also the suffix of its AlarmName). */
  readonly alarms: Record<string, Alarm> = {};
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: GkbObservabilityProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.prefix = stack.stackName;

    // The topic is encrypted with its own key rather than the data key: CloudWatch must be
    // able to use this one, and it should never be able to use the key of the personal data.
    // Alarm messages carry alarm names and figures only, no personal data.
    const key = new Key(this, 'AlarmKey', {
      description: 'GKB Tracker: encrypts the alarm notification topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const alarmArns = stack.formatArn({
      service: 'cloudwatch',
      resource: 'alarm',
      resourceName: `${this.prefix}-*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': alarmArns },
    };
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsEncryptNotifications',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromOurAlarms,
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'GKB Tracker alarms',
      masterKey: key,
      enforceSSL: true,
    });
    // The topic's own policy replaces SNS's default one, so CloudWatch is let in explicitly.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromOurAlarms,
      }),
    );
    this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    this.createAlarms(props);
    this.dashboard = this.createDashboard(props);
  }

  private alarm(
    name: string,
    description: string,
    metric: IMetric,
    threshold: number,
    options: { treatMissingData?: TreatMissingData; comparison?: ComparisonOperator } = {},
  ): Alarm {
    const alarm = new Alarm(this, `${name}Alarm`, {
      alarmName: `${this.prefix}-${name}`,
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: options.treatMissingData ?? TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms[name] = alarm;
    return alarm;
  }

  private createAlarms(props: GkbObservabilityProps): void {
    const { httpApi, table } = props;

    this.alarm(
      'Api5xxRate',
      `More than ${API_5XX_PERCENT} % of API requests answered 5xx in 5 minutes (at least ` +
        `${API_MIN_REQUESTS} requests). See docs/operations/alarms.md.`,
      new MathExpression({
        label: 'API 5xx (%)',
        expression: `IF(requests >= ${API_MIN_REQUESTS}, 100 * errors / requests, 0)`,
        usingMetrics: {
          errors: httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
          requests: httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        period: FIVE_MINUTES,
      }),
      API_5XX_PERCENT,
      { comparison: ComparisonOperator.GREATER_THAN_THRESHOLD },
    );

    for (const [name, fn] of Object.entries(props.functions)) {
      const label = name.charAt(0).toUpperCase() + name.slice(1);
      this.alarm(
        `${label}Errors`,
        `The ${name} function failed (an unhandled error or a timeout) in the last 5 minutes.`,
        fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
      );
      this.alarm(
        `${label}Throttles`,
        `Invocations of the ${name} function were throttled (account or function concurrency reached).`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        1,
      );
    }

    // Hono answers a bug with a tidy 500, so Lambda's own Errors metric never sees it: the
    // functions count every unexpected error themselves (shared/metrics.ts) and log it whole.
    this.alarm(
      'UnexpectedErrors',
      'A function met an error no code expected (a bug) in the last 5 minutes; its log line says what failed.',
      programmeMetric(METRIC.unexpectedErrors, 'Sum'),
      1,
    );

    this.alarm(
      'TableSystemErrors',
      'DynamoDB answered requests on the table with 500s (an AWS-side fault) in the last 5 minutes.',
      table.metricSystemErrorsForOperations({
        operations: TABLE_OPERATIONS,
        period: FIVE_MINUTES,
        statistic: 'Sum',
      }),
      1,
    );
    this.alarm(
      'TableThrottles',
      'DynamoDB throttled reads or writes on the table or its index in the last 5 minutes.',
      new MathExpression({
        label: 'Throttle events',
        expression: Object.keys(this.throttleEvents(table)).join(' + '),
        usingMetrics: this.throttleEvents(table),
        period: FIVE_MINUTES,
      }),
      1,
    );

    // A gauge written only when APBD places change: missing data keeps the alarm in its state
    // (IGNORE), so it stays in ALARM until a change brings the money back under the line.
    this.alarm(
      'ApbdMoneyAbove90Percent',
      `The APBD places handed out carry more than ${APBD_MONEY_PERCENT} % of the APBD ceiling.`,
      programmeMetric(METRIC.apbdMoneyUsedPercent, 'Maximum'),
      APBD_MONEY_PERCENT,
      { comparison: ComparisonOperator.GREATER_THAN_THRESHOLD, treatMissingData: TreatMissingData.IGNORE },
    );
  }

  private throttleEvents(table: Table): Record<string, Metric> {
    const sum = { period: FIVE_MINUTES, statistic: 'Sum' };
    const index = (metricName: string, indexName: string) =>
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: table.tableName, GlobalSecondaryIndexName: indexName },
        ...sum,
      });
    // Each index the table declares (shared/db/table.ts) reports its throttles apart.
    return {
      tableReads: table.metric('ReadThrottleEvents', sum),
      tableWrites: table.metric('WriteThrottleEvents', sum),
      ...Object.fromEntries(
        tableDefinition.indexes.flatMap((i) => [
          [`${i.name}Reads`, index('ReadThrottleEvents', i.name)],
          [`${i.name}Writes`, index('WriteThrottleEvents', i.name)],
        ]),
      ),
    };
  }

  private createDashboard(props: GkbObservabilityProps): Dashboard {
    const { httpApi, table } = props;
    const hour = Duration.hours(1);
    const dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${this.prefix}-Programme`,
      defaultInterval: Duration.days(7),
    });
    const functions = Object.entries(props.functions);
    dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# GKB Tracker\nRegistrations, workflow and APBD money from the application (namespace ' +
          `\`${METRICS_NAMESPACE}\`), then the API, the functions and the table. Alarms are e-mailed; ` +
          'see docs/operations/alarms.md.',
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Registrations and waitlisted (per hour)',
        left: [
          programmeMetric(METRIC.registrations, 'Sum', hour, 'Registrations'),
          programmeMetric(METRIC.waitlisted, 'Sum', hour, 'Waitlisted'),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Transitions by new status (per hour)',
        left: STATUSES.map(
          (status) =>
            new Metric({
              namespace: METRICS_NAMESPACE,
              metricName: METRIC.transitions,
              dimensionsMap: { ToStatus: status },
              statistic: 'Sum',
              period: hour,
              label: status,
            }),
        ),
        stacked: true,
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new SingleValueWidget({
        title: 'APBD now',
        metrics: [
          programmeMetric(METRIC.apbdPlacesUsed, 'Maximum', Duration.days(1), 'APBD places used'),
          programmeMetric(METRIC.apbdMoneyUsedPercent, 'Maximum', Duration.days(1), 'APBD money used (%)'),
        ],
        width: 6,
      }),
      new GraphWidget({
        title: 'APBD places used',
        left: [programmeMetric(METRIC.apbdPlacesUsed, 'Maximum', hour, 'Places')],
        width: 9,
      }),
      new GraphWidget({
        title: 'APBD money used (% of ceiling)',
        left: [programmeMetric(METRIC.apbdMoneyUsedPercent, 'Maximum', hour, 'Money used (%)')],
        leftAnnotations: [{ value: APBD_MONEY_PERCENT, label: 'alarm' }],
        leftYAxis: { min: 0, max: 100 },
        width: 9,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests, 4xx, 5xx (API Gateway)',
        left: [
          httpApi.metricCount({ statistic: 'Sum', period: FIVE_MINUTES, label: 'Requests' }),
          httpApi.metricClientError({ statistic: 'Sum', period: FIVE_MINUTES, label: '4xx' }),
          httpApi.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES, label: '5xx' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Responses by the functions (application)',
        left: [
          programmeMetric(METRIC.requests, 'Sum', FIVE_MINUTES, 'Requests'),
          programmeMetric(METRIC.responses4xx, 'Sum', FIVE_MINUTES, '4xx'),
          programmeMetric(METRIC.responses5xx, 'Sum', FIVE_MINUTES, '5xx'),
          programmeMetric(METRIC.unexpectedErrors, 'Sum', FIVE_MINUTES, 'Unexpected errors'),
        ],
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Lambda duration (p95, ms)',
        left: functions.map(([name, fn]) =>
          fn.metricDuration({ statistic: 'p95', period: FIVE_MINUTES, label: name }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'Lambda errors',
        left: functions.map(([name, fn]) =>
          fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES, label: name }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'Lambda throttles',
        left: functions.map(([name, fn]) =>
          fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES, label: name }),
        ),
        width: 8,
      }),
    );
    const throttles = this.throttleEvents(table);
    dashboard.addWidgets(
      new GraphWidget({
        title: 'DynamoDB consumed capacity (units per 5 minutes)',
        left: [
          table.metricConsumedReadCapacityUnits({ statistic: 'Sum', period: FIVE_MINUTES, label: 'Read' }),
          table.metricConsumedWriteCapacityUnits({ statistic: 'Sum', period: FIVE_MINUTES, label: 'Write' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'DynamoDB throttle events and system errors',
        left: [
          ...Object.entries(throttles).map(([label, metric]) => metric.with({ label })),
          table.metricSystemErrorsForOperations({
            operations: TABLE_OPERATIONS,
            period: FIVE_MINUTES,
            statistic: 'Sum',
          }),
        ],
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: Object.values(this.alarms), width: 24 }),
    );
    return dashboard;
  }
}

/** A programme metric of the application (shared/metrics.ts), without dimensions. */
function programmeMetric(name: string, statistic: string, period = FIVE_MINUTES, label?: string): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    statistic,
    period,
    ...(label ? { label } : {}),
  });
}
