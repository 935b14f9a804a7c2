import { defineConfig } from 'vitest/config';

// Node 20 is supported by the SDK versions pinned here; its notice about future versions is noise in tests.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local for the run; each integration file creates its own table in it.
    globalSetup: ['test/support/global-setup.ts'],
    // Every function logs at DEBUG into a capture that fails the file on any personal value.
    setupFiles: ['test/support/log-privacy.ts'],
    env: {
      LOG_LEVEL: 'DEBUG',
      TZ: 'UTC',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
