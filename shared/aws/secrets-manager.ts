import { callAws } from './aws-json.js';

/**
 * `GetSecretValue` as one signed HTTPS request (`callAws`), in place of
 * `@aws-sdk/client-secrets-manager` (29 KB in every bundle that hashes NIKs, for one call per
 * container). Errors name the AWS error type, never the secret.
 */
export async function getSecretString(secretId: string): Promise<string> {
  const result = await callAws<{ SecretString?: unknown }>('secretsManager', 'GetSecretValue', {
    SecretId: secretId,
  });
  if (typeof result.SecretString !== 'string' || result.SecretString === '') {
    throw new Error('GetSecretValue answered no SecretString');
  }
  return result.SecretString;
}
