// Proves configuration has working local defaults and names every wrong variable in one clear message.
import { ConfigError, loadConfig } from '../../functions/config';

describe('loadConfig', () => {
  it('runs with no variables set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBeUndefined();
    expect(config.AUTH_JWT_SECRET).toBe('local-dev-secret');
    expect(config.publicBaseUrl).toBe('http://127.0.0.1:3000');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATA_DIR: '', PORT: '' }).PORT).toBe(3000);
  });

  it('lists every invalid variable with what it got', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', AUTH_JWT_SECRET: 'short', DYNAMODB_ENDPOINT: 'localhost' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as Error).message;
    expect(message).toMatch(/PORT: .*"eighty"/);
    expect(message).toMatch(/AUTH_JWT_SECRET: must be at least 16 characters/);
    expect(message).toMatch(/DYNAMODB_ENDPOINT: must be a URL/);
  });

  it('fails loudly in Lambda when TABLE_NAME is missing', () => {
    expect(() => loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'fn' })).toThrow(/TABLE_NAME/);
  });
});
