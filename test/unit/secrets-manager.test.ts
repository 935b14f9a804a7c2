import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getSecretString } from '../../shared/aws/secrets-manager.js';
import { FAKE_AWS_CREDENTIALS, type FakeAws, startFakeAws } from '../support/fake-aws.js';

/**
 * `getSecretString` against a local HTTP server in Secrets Manager's place, which checks the
 * SigV4 signature by hand (test/support/fake-aws.ts).
 */
const ENV = FAKE_AWS_CREDENTIALS;
const ARN = 'arn:aws:secretsmanager:ap-southeast-3:123456789012:secret:nik-hash-AbCdEf';
const saved = Object.fromEntries(
  [...Object.keys(ENV), 'AWS_ENDPOINT_URL_SECRETS_MANAGER'].map((n) => [n, process.env[n]]),
);

let fake: FakeAws;
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const seen = () => fake.seen;

beforeAll(async () => {
  fake = await startFakeAws();
  fake.answer = () => answer;
  Object.assign(process.env, ENV, { AWS_ENDPOINT_URL_SECRETS_MANAGER: fake.url });
});

afterEach(() => {
  fake.seen.length = 0;
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await fake.close();
});

describe('GetSecretValue, signed', () => {
  it('asks for the secret by ARN with a valid signature and the session token, and answers its string', async () => {
    answer = { status: 200, body: { ARN, Name: 'nik-hash', SecretString: 'the-key-itself' } };
    expect(await getSecretString(ARN)).toBe('the-key-itself');
    expect(seen()).toHaveLength(1);
    const [request] = seen();
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
    expect(seen()[0]?.signatureOk).toBe(false);
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
