/** The cold-start baseline: the smallest handler, bundled like every function. */
export const handler = async () => ({ statusCode: 200, body: '{"status":"ok"}' });
