// Proves the provider secrets come from Secrets Manager once per container (validated, never echoed), and from environment variables when no secret is configured.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ProviderSecretsError,
  SecretsManagerProviderSecrets,
  forgetProviderSecrets,
  getProviderSecrets,
  providerSecretsSource,
} from '../../functions/adapters/secrets/provider-secrets';

const secretsManager = mockClient(SecretsManagerClient);
const ARN = 'arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:fee-payments/provider-secrets-AbCdEf';
const aValidSecret = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    mockBankSecrets: ['bank-secret-new-0123456789', 'bank-secret-old-0123456789'],
    mockPortalSecrets: ['portal-secret-0123456789'],
    portalWebhookSecret: 'webhook-secret-0123456789',
    ...overrides,
  });
const fromSecretsManager = () => new SecretsManagerProviderSecrets(ARN, new SecretsManagerClient({ region: 'ap-southeast-1' }));

beforeEach(() => {
  secretsManager.reset();
  forgetProviderSecrets();
});

describe('getProviderSecrets', () => {
  it('reads the secret once and serves every later call from the container cache', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: aValidSecret() });

    const [first, second] = await Promise.all([getProviderSecrets(fromSecretsManager), getProviderSecrets(fromSecretsManager)]);
    const third = await getProviderSecrets(fromSecretsManager);

    expect(first.mockBankSecrets).toEqual(['bank-secret-new-0123456789', 'bank-secret-old-0123456789']);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: ARN });
  });

  it('reads the secret again once the cached copy is 15 minutes old, so a rotation reaches warm containers', async () => {
    secretsManager.on(GetSecretValueCommand).resolvesOnce({ SecretString: aValidSecret() }).resolves({
      SecretString: aValidSecret({ mockBankSecrets: ['bank-secret-rotated-0123456789'] }),
    });
    let clock = 0;
    await getProviderSecrets(fromSecretsManager, () => clock);
    clock = 15 * 60_000;

    const later = await getProviderSecrets(fromSecretsManager, () => clock);

    expect(later.mockBankSecrets).toEqual(['bank-secret-rotated-0123456789']);
  });

  it('does not cache a failed read, so the next request tries again', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves({ SecretString: aValidSecret() });

    await expect(getProviderSecrets(fromSecretsManager)).rejects.toBeInstanceOf(ProviderSecretsError);
    await expect(getProviderSecrets(fromSecretsManager)).resolves.toMatchObject({ portalWebhookSecret: 'webhook-secret-0123456789' });
  });

  it('rejects a secret with an empty rotation list or a short secret, naming the field but not the value', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: aValidSecret({ mockBankSecrets: [], portalWebhookSecret: 'short-value' }) });

    const failure = getProviderSecrets(fromSecretsManager);

    await expect(failure).rejects.toThrow(/mockBankSecrets: must list at least one secret/);
    await expect(failure).rejects.toThrow(/portalWebhookSecret: must be at least 16 characters/);
    await expect(failure).rejects.not.toThrow(/short-value/);
  });

  it('rejects a secret that is not JSON without echoing it', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'bank=plain-text-secret' });

    await expect(getProviderSecrets(fromSecretsManager)).rejects.toThrow(new ProviderSecretsError(`secret ${ARN} is not JSON`));
  });
});

describe('providerSecretsSource', () => {
  it('falls back to the environment variables when PROVIDER_SECRETS_ARN is unset, so local runs need no AWS', async () => {
    const secrets = await providerSecretsSource({ MOCK_BANK_SECRET: 'bank-from-environment-01,bank-from-environment-00' }).load();

    expect(secrets).toEqual({
      mockBankSecrets: ['bank-from-environment-01', 'bank-from-environment-00'],
      mockPortalSecrets: ['mock-portal-local-secret'],
      portalWebhookSecret: 'portal-webhook-local-secret',
    });
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('refuses the local defaults inside Lambda, where a missing secret must not mean a public one', async () => {
    await expect(providerSecretsSource({ AWS_LAMBDA_FUNCTION_NAME: 'BankCallback', TABLE_NAME: 'fee-payments' }).load()).rejects.toThrow(
      /PROVIDER_SECRETS_ARN is not set/,
    );
  });

  it('uses Secrets Manager when PROVIDER_SECRETS_ARN is set', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: aValidSecret() });

    const secrets = await providerSecretsSource({ PROVIDER_SECRETS_ARN: ARN, AWS_REGION: 'ap-southeast-1' }).load();

    expect(secrets.mockPortalSecrets).toEqual(['portal-secret-0123456789']);
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input.SecretId).toBe(ARN);
  });
});
