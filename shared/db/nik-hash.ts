import { createHmac } from 'node:crypto';

let keyPromise: Promise<string> | undefined;

/**
 * The secret behind NIK keys. In AWS it lives in Secrets Manager (`NIK_HASH_SECRET_ARN`),
 * read once per container; locally and in tests it comes from `NIK_HASH_KEY`.
 */
function hashKey(): Promise<string> {
  keyPromise ??= (async () => {
    if (process.env.NIK_HASH_KEY) return process.env.NIK_HASH_KEY;
    const arn = process.env.NIK_HASH_SECRET_ARN;
    if (!arn) throw new Error('Neither NIK_HASH_KEY nor NIK_HASH_SECRET_ARN is set');
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    if (!secret.SecretString) throw new Error('The NIK hash secret is empty');
    return secret.SecretString;
  })().catch((error: unknown) => {
    keyPromise = undefined; // let the next request try again
    throw error;
  });
  return keyPromise;
}

/** A keyed hash (HMAC-SHA256): keys and fingerprints never hold a NIK itself. */
export async function keyedHash(value: string): Promise<string> {
  return createHmac('sha256', await hashKey())
    .update(value)
    .digest('base64url');
}
