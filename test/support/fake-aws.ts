import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server in an AWS JSON service's place (there is no Secrets Manager or Cognito
 * emulator here). It checks each request as AWS would, recomputing the SigV4 signature by
 * hand from the secret access key, so a request signed wrongly, or altered after signing, is
 * refused; and it answers what the test says for each operation (the `x-amz-target`).
 */
export const FAKE_AWS_CREDENTIALS = {
  AWS_REGION: 'ap-southeast-3',
  AWS_ACCESS_KEY_ID: 'ASIATESTKEY',
  AWS_SECRET_ACCESS_KEY: 'test-secret-access-key',
  AWS_SESSION_TOKEN: 'test-session-token',
};

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
  let key = hmac(`AWS4${FAKE_AWS_CREDENTIALS.AWS_SECRET_ACCESS_KEY}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  return hmac(key, toSign).toString('hex');
}

export interface SeenRequest {
  target: string;
  headers: IncomingHttpHeaders;
  body: string;
  signatureOk: boolean;
}

export interface FakeAws {
  url: string;
  seen: SeenRequest[];
  /** The answer to an operation (`x-amz-target`, e.g. `secretsmanager.GetSecretValue`). */
  answer: (request: SeenRequest) => { status: number; body: unknown };
  close(): Promise<void>;
}

export async function startFakeAws(): Promise<FakeAws> {
  const fake: FakeAws = {
    url: '',
    seen: [],
    answer: () => ({ status: 400, body: { __type: 'UnknownOperationException' } }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const given = /Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization))?.[1];
      const signatureOk = given === expectedSignature(req.method ?? '', req.url ?? '', req.headers, body);
      const request = {
        target: String(req.headers['x-amz-target']),
        headers: req.headers,
        body,
        signatureOk,
      };
      fake.seen.push(request);
      const reply = signatureOk
        ? fake.answer(request)
        : { status: 403, body: { __type: 'InvalidSignatureException' } };
      res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
