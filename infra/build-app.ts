import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { GkbStack } from './gkb-stack.js';

export const STACK_NAME = 'GkbTracker';

export interface BuildAppOptions {
  /** Skip esbuild bundling of the functions (tests): assets are then placeholders. */
  readonly skipBundling?: boolean;
  /** Extra context, e.g. the feature flags of cdk.json when not run by the CDK CLI. */
  readonly context?: Record<string, unknown>;
  /** Cloud assembly directory; defaults to CDK_OUTDIR or a temporary directory. */
  readonly outdir?: string;
}

/**
 * The app as both `cdk synth` and the tests build it, with the AWS Solutions checks of
 * cdk-nag 3 registered as a policy-validation plugin: an unacknowledged finding fails
 * synthesis and lands in the assembly's validation report.
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: GkbStack } {
  const context: Record<string, unknown> = { ...options.context };
  if (options.skipBundling) {
    context['aws:cdk:bundling-stacks'] = [];
  }
  const app = new App({ context, ...(options.outdir ? { outdir: options.outdir } : {}) });
  const stack = new GkbStack(app, STACK_NAME, {
    description:
      'GKB Tracker (Gerakan Kembali Bersekolah, Kabupaten Brebes): API, functions, data, identities',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
