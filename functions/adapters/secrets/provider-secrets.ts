import * as z from 'zod/mini';
import { validateInput } from '../../../domain/shared/validation';
import { loadConfig } from '../../config';

/**
 * The secrets shared with payment providers. In AWS they live in one Secrets Manager secret (JSON,
 * named by PROVIDER_SECRETS_ARN, which the stack sets only for functions allowed to read it); locally,
 * where that variable is unset, they come from MOCK_BANK_SECRET, MOCK_PORTAL_SECRET and
 * PORTAL_WEBHOOK_SECRET (comma-separated during a rotation) with the defaults of functions/config.ts,
 * so `npm start` needs no AWS.
 *
 * In Lambda the secret is read through the AWS Parameters and Secrets Lambda Extension, the layer the
 * stack gives exactly these functions (infra/constructs/service-functions.ts): one GET to
 * `http://localhost:<PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, 2773>/secretsmanager/get?secretId=…` with
 * the function's session token in `X-Aws-Parameters-Secrets-Token`, answered with GetSecretValue's JSON.
 * The extension calls Secrets Manager with the function's role, so the grants are unchanged; what goes
 * is the Secrets Manager SDK client (about 24 KB in each of these bundles), for Node's own fetch. The
 * extension serves only during an invocation, never while the function initialises (AWS documents
 * this); the read below runs on the first request, when Lambda has already waited for the extension to
 * be ready. Under a burst of cold starts it has been seen to answer 400 "not ready to serve traffic"
 * all the same, so that one answer is asked again a few times, shortly, within the read's time limit;
 * any other failure is not retried here: a failed read is not cached and the next request reads again.
 *
 * The secret is read once per container, not per request, and read again after MAX_AGE_MS so that a
 * rotation reaches warm containers too (the extension's own cache, 5 minutes, has expired by then).
 * Each provider's secrets are a list: during a rotation both the old and the new secret verify, the
 * first one signs.
 */
export interface ProviderSecrets {
  readonly mockBankSecrets: readonly string[];
  readonly mockPortalSecrets: readonly string[];
  /** Signs the service's own webhooks to the portal. */
  readonly portalWebhookSecret: string;
}

const MAX_AGE_MS = 15 * 60_000;

const secret = z.string().check(z.minLength(16, 'must be at least 16 characters'));
const secretList = z.array(secret).check(z.minLength(1, 'must list at least one secret'));
const schema = z.object({ mockBankSecrets: secretList, mockPortalSecrets: secretList, portalWebhookSecret: secret });

export class ProviderSecretsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProviderSecretsError';
  }
}

export interface ProviderSecretsSource {
  load(): Promise<ProviderSecrets>;
}

/** The extension's default port, when PARAMETERS_SECRETS_EXTENSION_HTTP_PORT is unset. */
export const EXTENSION_DEFAULT_PORT = 2773;
/** How long one read may take; the stack gives the extension less for its call to Secrets Manager. */
const EXTENSION_TIMEOUT_MS = 5_000;
/** Waits before asking again after a "not ready" answer: a few hundred milliseconds in all. */
const NOT_READY_DELAYS_MS = [50, 100, 200, 400];
const NOT_READY = /not ready/i;
/** How much of an error answer an error message quotes (an error answer holds no secret value). */
const QUOTED_ERROR_CHARS = 200;

export interface ExtensionEndpoint {
  readonly port: number;
  /** The function's AWS_SESSION_TOKEN: the extension serves only callers that present it. */
  readonly sessionToken: string;
  readonly timeoutMs?: number;
}

/** Reads the JSON secret through the Parameters and Secrets extension and validates it; never logs or echoes a value. */
export class ExtensionProviderSecrets implements ProviderSecretsSource {
  constructor(
    private readonly secretId: string,
    private readonly endpoint: ExtensionEndpoint,
  ) {}

  async load(): Promise<ProviderSecrets> {
    const { port, sessionToken, timeoutMs = EXTENSION_TIMEOUT_MS } = this.endpoint;
    const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(this.secretId)}`;
    // One time limit for the read, retries included.
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number;
    let body: string;
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(url, { headers: { 'X-Aws-Parameters-Secrets-Token': sessionToken }, signal });
        status = response.status;
        body = await response.text();
      } catch (error) {
        throw new ProviderSecretsError(`could not read secret ${this.secretId} from the Parameters and Secrets extension on port ${port} (is its layer attached?)`, { cause: error });
      }
      const delay = NOT_READY_DELAYS_MS[attempt];
      if (status !== 400 || !NOT_READY.test(body) || delay === undefined || signal.aborted) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    if (status !== 200) {
      const quoted = body.replace(/\s+/g, ' ').trim().slice(0, QUOTED_ERROR_CHARS);
      throw new ProviderSecretsError(`the Parameters and Secrets extension answered HTTP ${status} for secret ${this.secretId}${quoted ? `: ${quoted}` : ''}`);
    }
    let answer: unknown;
    try {
      answer = JSON.parse(body);
    } catch {
      throw new ProviderSecretsError(`the Parameters and Secrets extension did not answer JSON for secret ${this.secretId}`);
    }
    const secretString = (answer as { SecretString?: unknown } | null)?.SecretString;
    if (typeof secretString !== 'string' || secretString === '') throw new ProviderSecretsError(`secret ${this.secretId} has no string value`);
    return parseProviderSecrets(this.secretId, secretString);
  }
}

/** The secret's JSON, checked against the schema; errors name the fields, never the values. */
export function parseProviderSecrets(secretId: string, secretString: string): ProviderSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw new ProviderSecretsError(`secret ${secretId} is not JSON`);
  }
  const result = validateInput(schema, parsed);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ProviderSecretsError(`secret ${secretId} is invalid: ${problems.join('; ')}`);
  }
  return result.data;
}

/** The local stand-in: the provider secrets from environment variables (comma-separated lists), validated by loadConfig. */
export function secretsFromEnvironment(env: NodeJS.ProcessEnv): ProviderSecrets {
  const { secretLists } = loadConfig(env);
  return {
    mockBankSecrets: secretLists.mockBank,
    mockPortalSecrets: secretLists.mockPortal,
    portalWebhookSecret: secretLists.portalWebhook[0]!,
  };
}

export function providerSecretsSource(env: NodeJS.ProcessEnv = process.env): ProviderSecretsSource {
  const secretId = env.PROVIDER_SECRETS_ARN;
  // In Lambda the fallback would mean the public local defaults verify callbacks: refuse instead.
  if (!secretId && env.AWS_LAMBDA_FUNCTION_NAME) return refusing('PROVIDER_SECRETS_ARN is not set: give the function a signed route or needs: providerSecrets');
  if (!secretId) return { load: async () => secretsFromEnvironment(env) };
  const sessionToken = env.AWS_SESSION_TOKEN;
  if (!sessionToken) return refusing('AWS_SESSION_TOKEN is not set: the Parameters and Secrets extension serves only callers that present it');
  const portVariable = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
  const port = portVariable ? Number(portVariable) : EXTENSION_DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return refusing(`PARAMETERS_SECRETS_EXTENSION_HTTP_PORT must be a port number from 1 to 65535 (got ${portVariable})`);
  }
  return new ExtensionProviderSecrets(secretId, { port, sessionToken });
}

/** A source that fails every read with the reason it cannot read. */
function refusing(reason: string): ProviderSecretsSource {
  return { load: async () => Promise.reject(new ProviderSecretsError(reason)) };
}

let cached: { readonly secrets: Promise<ProviderSecrets>; readonly loadedAt: number } | undefined;

/**
 * The provider secrets, cached per container. Concurrent callers share one read; a failed read is not
 * cached, so the next request tries again instead of failing until the container is recycled.
 */
export function getProviderSecrets(source: () => ProviderSecretsSource = providerSecretsSource, now: () => number = Date.now): Promise<ProviderSecrets> {
  if (cached && now() - cached.loadedAt < MAX_AGE_MS) return cached.secrets;
  const secrets = source()
    .load()
    .catch((error: unknown) => {
      if (cached?.secrets === secrets) cached = undefined;
      throw error instanceof ProviderSecretsError ? error : new ProviderSecretsError('could not read the provider secrets', { cause: error });
    });
  cached = { secrets, loadedAt: now() };
  return secrets;
}

/** Tests start from an empty cache. */
export function forgetProviderSecrets(): void {
  cached = undefined;
}
