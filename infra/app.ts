/**
 * CDK app entry (cdk.json: `npx tsx infra/app.ts`). The CLI passes cdk.json's context and
 * synthesizes when the process exits; everything else lives in build-app.ts so that tests
 * can build the same app without bundling.
 */
import { buildApp } from './build-app.js';

buildApp();
