import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getSecretString } from '../../shared/aws/secrets-manager.js';

/**
 * `getSecretString` against a local HTTP server in Secrets Manager's place (there is no
 * Secrets Manager emulator here): the server checks the request as AWS would, recomputing
 * the SigV4 signature by hand from the secret access key, so a request signed wrongly,
 * or altered after signing, is refused.
 */
const ENV = {
  AWS_REGION: 'ap-southeast-3',
  AWS_ACCESS_KEY_ID: 'ASIATESTKEY',
  AWS_SECRET_ACCESS_KEY: 'test-secret-access-key',
  AWS_SESSION_TOKEN: 'test-session-token',
};
const ARN = 'arn:aws:secretsmanager:ap-southeast-3:123456789012:secret:nik-hash-AbCdEf';
const saved = Object.fromEntries(
  [...Object.keys(ENV), 'AWS_ENDPOINT_URL_SECRETS_MANAGER'].map((n) => [n, process.env[n]]),
);

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** The signature AWS expects for this request (SigV4, written out from the specification). */
function expectedSignature(method: string, path: string, headers: IncomingHttpHeaders, body: string): string {
  const auth = String(headers.authorization);
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? [];
  const scope = /Credential=[^/]+\/([^,]+)/.exec(auth)?.[1] ?? '';
  const [date = '', region = '', service = ''] = scope.split('/');
  const canonical = [
    method,
    path,
    '',
    ...signedHeaders.map((h) => `${h}:${String(headers[h]).trim()}`),
    '',
    signedHeaders.join(';'),
    sha256(body),
  ].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', String(headers['x-amz-date']), scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${ENV.AWS_SECRET_ACCESS_KEY}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  return hmac(key, toSign).toString('hex');
}

let server: Server;
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const seen: { headers: IncomingHttpHeaders; body: string; signatureOk: boolean }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const given = /Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization))?.[1];
      const signatureOk = given === expectedSignature(req.method ?? '', req.url ?? '', req.headers, body);
      seen.push({ headers: req.headers, body, signatureOk });
      const status = signatureOk ? answer.status : 403;
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(signatureOk ? answer.body : { __type: 'InvalidSignatureException' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, ENV, {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
});

afterEach(() => {
  seen.length = 0;
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await new Promise((resolve) => server.close(resolve));
});

describe('GetSecretValue, signed', () => {
  it('asks for the secret by ARN with a valid signature and the session token, and answers its string', async () => {
    answer = { status: 200, body: { ARN, Name: 'nik-hash', SecretString: 'the-key-itself' } };
    expect(await getSecretString(ARN)).toBe('the-key-itself');
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.signatureOk).toBe(true);
    expect(JSON.parse(request?.body ?? '')).toEqual({ SecretId: ARN });
    expect(request?.headers).toMatchObject({
      'x-amz-target': 'secretsmanager.GetSecretValue',
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-security-token': ENV.AWS_SESSION_TOKEN,
    });
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIATESTKEY\/\d{8}\/ap-southeast-3\/secretsmanager\/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=/,
    );
  });

  it('signs with the credentials of the moment, so a wrong key is refused', async () => {
    answer = { status: 200, body: { SecretString: 'x' } };
    process.env.AWS_SECRET_ACCESS_KEY = 'another-key';
    await expect(getSecretString(ARN)).rejects.toThrow('403 InvalidSignatureException');
    process.env.AWS_SECRET_ACCESS_KEY = ENV.AWS_SECRET_ACCESS_KEY;
    expect(seen[0]?.signatureOk).toBe(false);
  });

  it("names AWS's error type and never the secret", async () => {
    answer = { status: 400, body: { __type: 'ResourceNotFoundException', Message: "can't find the secret" } };
    await expect(getSecretString(ARN)).rejects.toThrow(
      /^GetSecretValue failed: 400 ResourceNotFoundException$/,
    );
  });

  it('refuses an answer without a secret string (binary secrets are not ours)', async () => {
    answer = { status: 200, body: { ARN, SecretBinary: 'AAEC' } };
    await expect(getSecretString(ARN)).rejects.toThrow('no SecretString');
  });
});
