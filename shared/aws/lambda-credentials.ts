/**
 * The credential provider of the deployed bundles, in place of the SDK's default chain
 * (`@aws-sdk/credential-provider-node`, swapped by an esbuild alias in infra/functions.ts).
 * Lambda always hands a function its role's credentials in environment variables, so the
 * chain's other sources (profiles, SSO, web identity, processes, container and instance
 * metadata) can never answer there; leaving them out takes about 120 KB (and the STS and
 * SSO clients) out of every bundle that talks to AWS. Tests and the local system run the
 * sources unbundled and give the clients static credentials, so they never reach this.
 */
interface EnvCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Same signature as the SDK's `defaultProvider(init)`: answers a function that reads the environment. */
export const defaultProvider =
  (_init: unknown = {}) =>
  async (): Promise<EnvCredentials> => {
    const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (they always are in Lambda)');
    }
    const sessionToken = process.env.AWS_SESSION_TOKEN;
    const expiration = process.env.AWS_CREDENTIAL_EXPIRATION;
    return {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
      ...(expiration ? { expiration: new Date(expiration) } : {}),
    };
  };
