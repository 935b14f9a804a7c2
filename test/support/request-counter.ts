import { db } from '../../shared/db/client.js';

/** Counts the DynamoDB requests this process sends (SDK middleware on the shared client). */
export function countDynamoRequests() {
  const counts = new Map<string, number>();
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? 'unknown');
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'gkbRequestCounter', override: true },
  );
  return {
    reset: () => counts.clear(),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    byCommand: () => Object.fromEntries(counts),
  };
}
