import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import type { GkbData } from './data.js';
import { createGkbLambda, grantTableAccess } from './functions.js';

/** 19:00 UTC is 02:00 WIB (UTC+7, no daylight saving): the quietest hour in Brebes. */
export const ANONYMISER_SCHEDULE = { minute: '0', hour: '19' } as const;
/** A run that meets more than it can finish in this time is finished by the next day's run. */
export const ANONYMISER_TIMEOUT = Duration.minutes(15);

export interface GkbRetentionProps {
  readonly data: GkbData;
}

/**
 * Personal-data retention (UU PDP): the anonymiser (functions/anonymiser/handler.ts), run
 * daily by an EventBridge rule. It reads and rewrites candidates, so it gets the table's data
 * access, and nothing else: anonymising needs neither the NIK hash key nor the session key.
 */
export class GkbRetention extends Construct {
  readonly anonymiser: NodejsFunction;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: GkbRetentionProps) {
    super(scope, id);

    const { fn, role } = createGkbLambda(new Construct(this, 'anonymiser'), {
      entry: 'anonymiser',
      timeout: ANONYMISER_TIMEOUT,
      description: 'GKB Tracker anonymiser (scheduled)',
      environment: { TABLE_NAME: props.data.table.tableName },
    });
    grantTableAccess(role, props.data, 'readWrite');
    this.anonymiser = fn;

    this.schedule = new Rule(this, 'Daily', {
      description: 'GKB Tracker: anonymise candidates whose retention period has ended, daily at 02:00 WIB',
      schedule: Schedule.cron(ANONYMISER_SCHEDULE),
    });
    // The run is idempotent, so EventBridge may retry it; a run that still fails raises the
    // anonymiser's error alarm (infra/observability.ts) and the next day's run tries again.
    this.schedule.addTarget(new LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.hours(2) }));
  }
}
