import { Duration } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../functions/http/principal';
import { acknowledge } from '../nag';
import type { StageSettings } from '../stage';
import { pascal } from './message-queues';

/**
 * Staff sign-in: a Cognito user pool whose groups are the roles (portal, finance, province) and whose
 * `custom:agencies` attribute lists the agencies a user acts for. The ID token carries both
 * (`cognito:groups`, `custom:agencies`), which functions/http/principal.ts reads. Users are created
 * by an administrator (no self sign-up), and the app client may not write `custom:agencies`, so
 * nobody can grant themselves another agency.
 */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, stage: StageSettings) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      customAttributes: { agencies: new StringAttribute({ mutable: true, maxLen: 2048 }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Production staff move money: a second factor (an authenticator app) and threat protection.
      mfa: stage.production ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: stage.production ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(stage.production ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: stage.production,
      removalPolicy: stage.removalPolicy,
    });
    if (!stage.production) {
      acknowledge(
        this.userPool,
        'AwsSolutions-COG2',
        'The dev pool holds only test users created by the team, and scripted test sign-ins cannot answer an MFA challenge; MFA is optional there and required in prod.',
      );
      acknowledge(
        this.userPool,
        'AwsSolutions-COG8',
        'Threat protection needs the Plus feature plan, billed per user; the dev pool has only test users, so it stays on Essentials. Prod is on Plus with full threat protection.',
      );
    }

    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `${pascal(role)}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `Role ${role} (CONTRACT.md, Authentication and roles)`,
      });
    }

    this.client = this.userPool.addClient('Client', {
      // Staff sign in with SRP (or a password over TLS from the CLI); no hosted UI, so no OAuth flows.
      authFlows: { userSrp: true, userPassword: true },
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(stage.production ? 1 : 30),
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }).withCustomAttributes('agencies'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
