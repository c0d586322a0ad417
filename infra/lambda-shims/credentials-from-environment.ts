/**
 * Stands in for `@aws-sdk/credential-provider-node` in Lambda bundles (see infra/bundling.ts).
 * Lambda hands every function its role's credentials in environment variables, and the SDK's default
 * chain would take them from there first anyway; the rest of that chain (profiles, SSO, web identity,
 * container and instance metadata, with the STS/SSO clients they bring) is ~90 KB that can never run.
 * Local runs and tests do not use bundles, so they keep the full chain.
 */
interface EnvironmentCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export class MissingLambdaCredentialsError extends Error {
  constructor() {
    super('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set; Lambda sets them for the function role');
    this.name = 'MissingLambdaCredentialsError';
  }
}

export const defaultProvider =
  (_init: unknown = {}) =>
  async (): Promise<EnvironmentCredentials> => {
    const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) throw new MissingLambdaCredentialsError();
    const sessionToken = process.env.AWS_SESSION_TOKEN;
    const expiration = process.env.AWS_CREDENTIAL_EXPIRATION;
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), ...(expiration ? { expiration: new Date(expiration) } : {}) };
  };

/** The SDK's own helpers of the same names and meaning, for clients that import them. */
export const credentialsWillNeedRefresh = (credentials?: { expiration?: Date }): boolean => credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials?: { expiration?: Date }): boolean =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
