// Proves the deployed functions are told where the real portal webhook and provider APIs are, from CDK context, and that a non-https value is refused at synth.
import { functions } from '../../functions/manifest';
import { synthTemplate } from '../support/synth';
import { environmentOf } from './template-support';

describe('counterpart URLs from context', () => {
  it('sets PORTAL_WEBHOOK_URL and PROVIDERS_BASE_URL on every function when given', () => {
    const { template } = synthTemplate('dev', { context: { portalWebhookUrl: 'https://portal.example.gov.vn/hooks/payments', providersBaseUrl: 'https://gateway.example.vn' } });
    for (const fn of functions) {
      expect(environmentOf(template, fn.name)).toMatchObject({ PORTAL_WEBHOOK_URL: 'https://portal.example.gov.vn/hooks/payments', PROVIDERS_BASE_URL: 'https://gateway.example.vn' });
    }
  });

  it('leaves them unset without context, and refuses a plain-http URL', () => {
    const { template } = synthTemplate('dev');
    expect(environmentOf(template, 'NotifyPortal').PORTAL_WEBHOOK_URL).toBeUndefined();
    expect(() => synthTemplate('dev', { context: { portalWebhookUrl: 'http://portal.example.gov.vn' } })).toThrow(/must be an https:\/\/ URL/);
  });
});
