import { getSecretString } from './aws/secrets-manager.js';

const cache = new Map<string, Promise<string>>();

/**
 * A secret by name: `<NAME>_KEY` in the environment (local system and tests), otherwise the
 * Secrets Manager secret whose ARN is in `<NAME>_SECRET_ARN` (AWS), read once per container.
 */
export function secret(name: 'NIK_HASH' | 'SESSION'): Promise<string> {
  let value = cache.get(name);
  if (!value) {
    value = (async () => {
      const direct = process.env[`${name}_KEY`];
      if (direct) return direct;
      const arn = process.env[`${name}_SECRET_ARN`];
      if (!arn) throw new Error(`Neither ${name}_KEY nor ${name}_SECRET_ARN is set`);
      return getSecretString(arn);
    })().catch((error: unknown) => {
      cache.delete(name); // let the next request try again
      throw error;
    });
    cache.set(name, value);
  }
  return value;
}
