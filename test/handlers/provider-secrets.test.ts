// Proves the provider secrets come from the Parameters and Secrets extension (a real local HTTP server stands in for it) once per container, validated and never echoed, and from environment variables when no secret is configured.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  EXTENSION_DEFAULT_PORT,
  ExtensionProviderSecrets,
  ProviderSecretsError,
  forgetProviderSecrets,
  getProviderSecrets,
  providerSecretsSource,
} from '../../functions/adapters/secrets/provider-secrets';

const ARN = 'arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:fee-payments/provider-secrets-AbCdEf';
const SESSION_TOKEN = 'session-token-of-the-function-role';
const aValidSecret = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    mockBankSecrets: ['bank-secret-new-0123456789', 'bank-secret-old-0123456789'],
    mockPortalSecrets: ['portal-secret-0123456789'],
    portalWebhookSecret: 'webhook-secret-0123456789',
    ...overrides,
  });

interface ExtensionAnswer {
  readonly status: number;
  readonly body: string;
}
/** What the extension answers when it has the secret: GetSecretValue's JSON. */
const secretAnswer = (secretString: string | null = aValidSecret()): ExtensionAnswer => ({
  status: 200,
  body: JSON.stringify({ ARN, Name: 'fee-payments/provider-secrets', VersionId: 'v1', VersionStages: ['AWSCURRENT'], ...(secretString === null ? {} : { SecretString: secretString }) }),
});

/** A local HTTP server in the extension's place: it answers from a queue and records every request. */
class FakeExtension {
  readonly requests: { url: string; headers: IncomingHttpHeaders }[] = [];
  private answers: ExtensionAnswer[] = [];
  private readonly server: Server = createServer((request, response) => {
    this.requests.push({ url: request.url ?? '', headers: request.headers });
    const answer = this.answers.length > 1 ? this.answers.shift()! : this.answers[0] ?? { status: 500, body: 'no answer queued' };
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, 'localhost', resolve));
  }
  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  /** The answers in order; the last one repeats. */
  answer(...answers: ExtensionAnswer[]): void {
    this.answers = answers;
  }
  reset(): void {
    this.requests.length = 0;
    this.answers = [];
  }
}

const extension = new FakeExtension();
const fromExtension = () => new ExtensionProviderSecrets(ARN, { port: extension.port, sessionToken: SESSION_TOKEN });

beforeAll(() => extension.start());
afterAll(() => extension.stop());
beforeEach(() => {
  extension.reset();
  forgetProviderSecrets();
});

describe('ExtensionProviderSecrets', () => {
  it('asks the extension for the secret by its encoded id, presenting the session token', async () => {
    extension.answer(secretAnswer());

    const secrets = await fromExtension().load();

    expect(secrets.mockPortalSecrets).toEqual(['portal-secret-0123456789']);
    expect(extension.requests).toHaveLength(1);
    const [request] = extension.requests;
    expect(request!.url).toBe(`/secretsmanager/get?secretId=${encodeURIComponent(ARN)}`);
    expect(request!.url).not.toContain(':secret:');
    expect(new URL(request!.url, 'http://localhost').searchParams.get('secretId')).toBe(ARN);
    expect(request!.headers['x-aws-parameters-secrets-token']).toBe(SESSION_TOKEN);
  });

  it('names the status and the extension’s reason when it does not answer 200', async () => {
    extension.answer({ status: 400, body: 'AccessDeniedException: User is not authorized to perform: secretsmanager:GetSecretValue' });

    const failure = fromExtension().load();

    await expect(failure).rejects.toBeInstanceOf(ProviderSecretsError);
    await expect(failure).rejects.toThrow(`the Parameters and Secrets extension answered HTTP 400 for secret ${ARN}: AccessDeniedException: User is not authorized`);
  });

  it('asks again, shortly, while the extension answers that it is not ready to serve traffic', async () => {
    const notReady = { status: 400, body: 'not ready to serve traffic, please wait' };
    extension.answer(notReady, notReady, secretAnswer());

    const secrets = await fromExtension().load();

    expect(secrets.mockBankSecrets).toHaveLength(2);
    expect(extension.requests).toHaveLength(3);
  });

  it('gives up after a few "not ready" answers, and asks only once on any other 400', async () => {
    extension.answer({ status: 400, body: 'not ready to serve traffic, please wait' });
    await expect(fromExtension().load()).rejects.toThrow('answered HTTP 400 for secret');
    expect(extension.requests).toHaveLength(5);

    extension.reset();
    extension.answer({ status: 400, body: 'ResourceNotFoundException: Secrets Manager can’t find the specified secret.' });
    await expect(fromExtension().load()).rejects.toThrow('ResourceNotFoundException');
    expect(extension.requests).toHaveLength(1);
  });

  it('refuses an answer that is not JSON, or has no secret string, without quoting it', async () => {
    extension.answer({ status: 200, body: 'bank=plain-text-secret' });
    await expect(fromExtension().load()).rejects.toThrow(new ProviderSecretsError(`the Parameters and Secrets extension did not answer JSON for secret ${ARN}`));

    extension.answer(secretAnswer(null));
    await expect(fromExtension().load()).rejects.toThrow(new ProviderSecretsError(`secret ${ARN} has no string value`));
  });

  it('says it could not reach the extension when nothing listens on its port', async () => {
    const closed = new FakeExtension();
    await closed.start();
    const port = closed.port;
    await closed.stop();

    const failure = new ExtensionProviderSecrets(ARN, { port, sessionToken: SESSION_TOKEN }).load();

    await expect(failure).rejects.toThrow(`could not read secret ${ARN} from the Parameters and Secrets extension on port ${port} (is its layer attached?)`);
  });

  it('gives up on an extension that does not answer within its time limit', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, 'localhost', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      await expect(new ExtensionProviderSecrets(ARN, { port, sessionToken: SESSION_TOKEN, timeoutMs: 100 }).load()).rejects.toBeInstanceOf(ProviderSecretsError);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('getProviderSecrets', () => {
  it('reads the secret once and serves every later call from the container cache', async () => {
    extension.answer(secretAnswer());

    const [first, second] = await Promise.all([getProviderSecrets(fromExtension), getProviderSecrets(fromExtension)]);
    const third = await getProviderSecrets(fromExtension);

    expect(first.mockBankSecrets).toEqual(['bank-secret-new-0123456789', 'bank-secret-old-0123456789']);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(extension.requests).toHaveLength(1);
  });

  it('reads the secret again once the cached copy is 15 minutes old, so a rotation reaches warm containers', async () => {
    extension.answer(secretAnswer(), secretAnswer(aValidSecret({ mockBankSecrets: ['bank-secret-rotated-0123456789'] })));
    let clock = 0;
    await getProviderSecrets(fromExtension, () => clock);
    clock = 15 * 60_000;

    const later = await getProviderSecrets(fromExtension, () => clock);

    expect(later.mockBankSecrets).toEqual(['bank-secret-rotated-0123456789']);
    expect(extension.requests).toHaveLength(2);
  });

  it('does not cache a failed read, so the next request tries again', async () => {
    extension.answer({ status: 500, body: 'ThrottlingException: Rate exceeded' }, secretAnswer());

    await expect(getProviderSecrets(fromExtension)).rejects.toBeInstanceOf(ProviderSecretsError);
    await expect(getProviderSecrets(fromExtension)).resolves.toMatchObject({ portalWebhookSecret: 'webhook-secret-0123456789' });
  });

  it('rejects a secret with an empty rotation list or a short secret, naming the field but not the value', async () => {
    extension.answer(secretAnswer(aValidSecret({ mockBankSecrets: [], portalWebhookSecret: 'short-value' })));

    const failure = getProviderSecrets(fromExtension);

    await expect(failure).rejects.toThrow(/mockBankSecrets: must list at least one secret/);
    await expect(failure).rejects.toThrow(/portalWebhookSecret: must be at least 16 characters/);
    await expect(failure).rejects.not.toThrow(/short-value/);
  });

  it('rejects a secret that is not JSON without echoing it', async () => {
    extension.answer(secretAnswer('bank=plain-text-secret'));

    await expect(getProviderSecrets(fromExtension)).rejects.toThrow(new ProviderSecretsError(`secret ${ARN} is not JSON`));
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
    expect(extension.requests).toHaveLength(0);
  });

  it('refuses the local defaults inside Lambda, where a missing secret must not mean a public one', async () => {
    await expect(providerSecretsSource({ AWS_LAMBDA_FUNCTION_NAME: 'BankCallback', TABLE_NAME: 'fee-payments' }).load()).rejects.toThrow(
      /PROVIDER_SECRETS_ARN is not set/,
    );
  });

  it('reads through the extension on the port Lambda names when PROVIDER_SECRETS_ARN is set', async () => {
    extension.answer(secretAnswer());

    const secrets = await providerSecretsSource({ PROVIDER_SECRETS_ARN: ARN, AWS_SESSION_TOKEN: SESSION_TOKEN, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port) }).load();

    expect(secrets.mockPortalSecrets).toEqual(['portal-secret-0123456789']);
    expect(extension.requests.map((request) => request.headers['x-aws-parameters-secrets-token'])).toEqual([SESSION_TOKEN]);
  });

  it('uses the extension’s default port when Lambda names none, and refuses without a session token or with a bad port', async () => {
    expect(providerSecretsSource({ PROVIDER_SECRETS_ARN: ARN, AWS_SESSION_TOKEN: SESSION_TOKEN })).toEqual(
      new ExtensionProviderSecrets(ARN, { port: EXTENSION_DEFAULT_PORT, sessionToken: SESSION_TOKEN }),
    );
    await expect(providerSecretsSource({ PROVIDER_SECRETS_ARN: ARN }).load()).rejects.toThrow(/^AWS_SESSION_TOKEN is not set/);
    await expect(providerSecretsSource({ PROVIDER_SECRETS_ARN: ARN, AWS_SESSION_TOKEN: SESSION_TOKEN, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '70000' }).load()).rejects.toThrow(
      'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT must be a port number from 1 to 65535 (got 70000)',
    );
  });
});
