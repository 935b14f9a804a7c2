import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { defaultProvider } from './lambda-credentials.js';

/** SHA-256 (or its HMAC, given a key) as the signer wants it, from Node's crypto. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(key?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = key === undefined ? createHash('sha256') : createHmac('sha256', toBytes(key));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/**
 * `GetSecretValue` as one signed HTTPS request, in place of `@aws-sdk/client-secrets-manager`
 * (29 KB in every bundle that hashes NIKs, for one call per container). Signed by the SDK's
 * own SigV4 signer (`@smithy/signature-v4`, already in those bundles for DynamoDB) with the
 * role's credentials from the environment. `AWS_ENDPOINT_URL_SECRETS_MANAGER` overrides the
 * endpoint, as it does for the SDK. Errors name the AWS error type, never the secret.
 */
export async function getSecretString(secretId: string): Promise<string> {
  const region = process.env.AWS_REGION;
  if (!region) throw new Error('AWS_REGION is not set');
  const endpoint = new URL(
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? `https://secretsmanager.${region}.amazonaws.com`,
  );
  const body = JSON.stringify({ SecretId: secretId });
  const signer = new SignatureV4({
    service: 'secretsmanager',
    region,
    credentials: defaultProvider(),
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
    path: '/',
    query: {},
    headers: {
      host: endpoint.host,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.GetSecretValue',
    },
    body,
  });
  const response = await fetch(new URL('/', endpoint), {
    method: 'POST',
    headers: signed.headers,
    body,
    signal: AbortSignal.timeout(5000),
  });
  const result = (await response.json().catch(() => ({}))) as { SecretString?: unknown; __type?: unknown };
  if (!response.ok) {
    throw new Error(`GetSecretValue failed: ${response.status} ${String(result.__type ?? 'no error type')}`);
  }
  if (typeof result.SecretString !== 'string' || result.SecretString === '') {
    throw new Error('GetSecretValue answered no SecretString');
  }
  return result.SecretString;
}
