import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Runs a script's `main` when that module is the one `tsx` was asked to run (not when a test
 * imports it), printing a failure's name and message only: never a stack of request
 * parameters, which could hold items.
 */
export function runWhenInvoked(moduleUrl: string, main: () => Promise<void>): void {
  const invoked =
    process.argv[1] !== undefined && moduleUrl === pathToFileURL(realpathSync(process.argv[1])).href;
  if (!invoked) return;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : 'the script failed');
    process.exitCode = 1;
  });
}
