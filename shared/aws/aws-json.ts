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

/** An error answered by an AWS service: its error type (`UserNotFoundException`) and status. */
export class AwsServiceError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly type: string,
  ) {
    super(`${operation} failed: ${status} ${type}`);
    this.name = 'AwsServiceError';
  }
}

/** The services called this way: their signing name, endpoint host and override variable. */
const SERVICES = {
  secretsManager: {
    signingName: 'secretsmanager',
    host: 'secretsmanager',
    targetPrefix: 'secretsmanager',
    endpointVariable: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  },
  cognito: {
    signingName: 'cognito-idp',
    host: 'cognito-idp',
    targetPrefix: 'AWSCognitoIdentityProviderService',
    endpointVariable: 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
  },
} as const;

/**
 * One call of an AWS JSON 1.1 API (Secrets Manager, Cognito user pools) as a single signed
 * HTTPS request, in place of each service's SDK client (about 30 KB of every bundle each, for
 * a few calls). Signed by the SDK's own SigV4 signer (`@smithy/signature-v4`, already in the
 * bundles for DynamoDB) with the role's credentials from the environment. The service's
 * `AWS_ENDPOINT_URL_*` variable overrides the endpoint, as it does for the SDK. Errors name
 * the operation and AWS's error type, never the request's values.
 */
export async function callAws<T>(
  service: keyof typeof SERVICES,
  operation: string,
  input: Record<string, unknown>,
): Promise<T> {
  const { signingName, host, targetPrefix, endpointVariable } = SERVICES[service];
  const region = process.env.AWS_REGION;
  if (!region) throw new Error('AWS_REGION is not set');
  const endpoint = new URL(process.env[endpointVariable] ?? `https://${host}.${region}.amazonaws.com`);
  const body = JSON.stringify(input);
  const signer = new SignatureV4({
    service: signingName,
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
      'x-amz-target': `${targetPrefix}.${operation}`,
    },
    body,
  });
  const response = await fetch(new URL('/', endpoint), {
    method: 'POST',
    headers: signed.headers,
    body,
    signal: AbortSignal.timeout(5000),
  });
  const result = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    // `__type` may be namespaced: `com.amazonaws…#UserNotFoundException`.
    const type =
      String(result.__type ?? 'no error type')
        .split('#')
        .pop() ?? '';
    throw new AwsServiceError(operation, response.status, type);
  }
  return result as T;
}
