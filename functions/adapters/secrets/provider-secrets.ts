import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
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
 * The secret is read once per container, not per request, and read again after MAX_AGE_MS so that a
 * rotation reaches warm containers too. Each provider's secrets are a list: during a rotation both
 * the old and the new secret verify, the first one signs.
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

/** Reads and validates the JSON secret; never logs or echoes a value. */
export class SecretsManagerProviderSecrets implements ProviderSecretsSource {
  constructor(
    private readonly secretId: string,
    private readonly client: SecretsManagerClient,
  ) {}

  async load(): Promise<ProviderSecrets> {
    const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
    if (!SecretString) throw new ProviderSecretsError(`secret ${this.secretId} has no string value`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(SecretString);
    } catch {
      throw new ProviderSecretsError(`secret ${this.secretId} is not JSON`);
    }
    const result = validateInput(schema, parsed);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      throw new ProviderSecretsError(`secret ${this.secretId} is invalid: ${problems.join('; ')}`);
    }
    return result.data;
  }
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
  if (!secretId && env.AWS_LAMBDA_FUNCTION_NAME) {
    return { load: async () => Promise.reject(new ProviderSecretsError('PROVIDER_SECRETS_ARN is not set: give the function a signed route or needs: providerSecrets')) };
  }
  if (!secretId) return { load: async () => secretsFromEnvironment(env) };
  return new SecretsManagerProviderSecrets(secretId, new SecretsManagerClient({ region: loadConfig(env).AWS_REGION }));
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
