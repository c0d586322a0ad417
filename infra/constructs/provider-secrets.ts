import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import type { StageSettings } from '../stage';

/**
 * The one secret shared with payment providers (read by functions/adapters/secrets/provider-secrets.ts):
 *   { "mockBankSecrets": [...], "mockPortalSecrets": [...], "portalWebhookSecret": "..." }
 * Deploying creates it with a generated portal webhook secret (ours to choose) and empty provider
 * lists, which the operator fills with what each provider issued (README, Deploy › The provider secret). It is encrypted
 * with its own rotating KMS key, so reading it needs both the secret and the key grant.
 */
export class ProviderSecrets extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, stage: StageSettings) {
    super(scope, id);
    const key = new Key(this, 'Key', {
      description: 'Encrypts the payment provider secrets',
      enableKeyRotation: true,
      removalPolicy: stage.removalPolicy,
    });
    this.secret = new Secret(this, 'Secret', {
      description: 'Payment provider signing secrets (JSON: mockBankSecrets, mockPortalSecrets, portalWebhookSecret)',
      encryptionKey: key,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ mockBankSecrets: [], mockPortalSecrets: [] }),
        generateStringKey: 'portalWebhookSecret',
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: stage.removalPolicy,
    });
    acknowledge(
      this.secret,
      'AwsSolutions-SMG4',
      'The provider secrets are issued by the providers and change on their schedule; the lists hold old and new during a rotation (README, Deploy › The provider secret), so a Secrets Manager rotation Lambda could not produce them.',
    );
  }
}
