import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger per function. Only request facts go in (route, status,
 * latency, role, scope): never a body, a NIK, a KK, a name or a phone.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'gkb-tracker' });
