import middy from '@middy/core';
import { now as clockNow } from '../../shared/clock.js';
import { anonymiseExpiredYears } from '../../shared/services/personal-data.js';
import { logger, withInvocationContext } from '../http/logger.js';

/**
 * Runs on a schedule (EventBridge, daily): anonymises every candidate of each programme year
 * whose retention period has ended. Idempotent: an anonymised candidate is skipped, so a run
 * that times out is finished by the next one.
 */
export const handler = withInvocationContext(
  middy(async () => {
    const result = await anonymiseExpiredYears(clockNow());
    logger.info('retention run', { ...result });
    return result;
  }),
);
