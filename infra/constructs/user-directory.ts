import { Duration, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
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
  /** The staff pages' client of the managed login (addStaffSignIn). */
  staffClient?: UserPoolClient;
  staffDomain?: UserPoolDomain;

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

  /**
   * The staff pages' sign-in (docs/STAFF.md): the pool's managed login on a Cognito domain, and an app
   * client of its own that allows only the authorization code grant, returning to the service's
   * /login/callback. The client is public (no secret: the browser flow binds each code with PKCE,
   * which Cognito enforces when the request carries a challenge, as /login always does). MFA is the
   * pool's, so required in prod as for every other sign-in.
   */
  addStaffSignIn(serviceUrl: string, stage: StageSettings): { readonly loginUrl: string; readonly clientId: string; readonly issuer: string } {
    this.staffDomain = this.userPool.addDomain('StaffLogin', {
      // Domain prefixes are global per region: the account id keeps each deployment's its own.
      cognitoDomain: { domainPrefix: `fee-payments-${stage.name}-${Stack.of(this).account}` },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.staffClient = this.userPool.addClient('StaffPagesClient', {
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${serviceUrl}/login/callback`],
        logoutUrls: [`${serviceUrl}/login?reason=signed-out`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // The service keeps its own session (at most 12 h); it never refreshes tokens.
      refreshTokenValidity: Duration.hours(1),
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }).withCustomAttributes('agencies'),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    // The managed login pages need a style of the client's own; Cognito's defaults are used.
    new CfnManagedLoginBranding(this, 'StaffLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.staffClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    return { loginUrl: this.staffDomain.baseUrl(), clientId: this.staffClient.userPoolClientId, issuer: this.userPool.userPoolProviderUrl };
  }
}