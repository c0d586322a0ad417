import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { Duration } from 'aws-cdk-lib';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import type { HttpRoute } from '../../functions/manifest';
import type { StageSettings } from '../stage';
import type { ServiceFunction } from './service-functions';

/**
 * The HTTP API. Every `jwt` route sits behind a JWT authorizer that accepts ID tokens of the user
 * pool's app client, except the `browserSession` routes (the report pages a browser opens), which sit
 * behind the Lambda authorizer of the manifest (`authorizes: 'browserSession'`): it verifies the same
 * tokens, taken from the Authorization header or else the session cookie, which the JWT authorizer
 * cannot read. `public` routes (health, the catalog, fee quotes) and `signed` routes (provider
 * callbacks, which verify an HMAC over the raw body in the handler) have none. The stage throttles
 * the whole API and callbacks more tightly, and writes a JSON access log.
 */
export class ServiceApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `fee-payments-${settings.name}`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: ['*'],
        allowMethods: [CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
        exposeHeaders: ['x-request-id', 'idempotent-replayed'],
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: settings.logRetention, removalPolicy: settings.removalPolicy });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: settings.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });
  }

  private authorizerFor?: HttpJwtAuthorizer;
  private browserSessionAuthorizer?: HttpLambdaAuthorizer;

  /** Adds every route of the given functions; a route's `auth` (and `browserSession`) decides its authorizer. */
  addRoutes(functions: readonly ServiceFunction[], props: { readonly userPool: UserPool; readonly client: UserPoolClient; readonly stage: StageSettings }): void {
    this.authorizerFor ??= new HttpJwtAuthorizer('CognitoJwt', props.userPool.userPoolProviderUrl, {
      jwtAudience: [props.client.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const authorizerOf = (route: HttpRoute) => {
      if (route.auth !== 'jwt') return undefined;
      return route.browserSession ? this.browserSessionAuthorizerFrom(functions, route) : this.authorizerFor;
    };
    // CfnStage.routeSettings is untyped JSON, so the keys are CloudFormation's own (PascalCase).
    const throttledCallbacks: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const { definition, fn } of functions) {
      if (!definition.routes?.length) continue;
      const integration = new HttpLambdaIntegration(`${definition.name}Integration`, fn);
      for (const route of definition.routes) {
        const authorizer = authorizerOf(route);
        const [added] = this.api.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
          ...(authorizer ? { authorizer } : {}),
        });
        if (!added) continue;
        if (route.auth === 'public') {
          acknowledge(added, 'AwsSolutions-APIG4', `${route.method} ${route.path} is public by contract (CONTRACT.md: health, the catalog and fee quotes need no token).`);
        }
        if (route.auth === 'signed') {
          acknowledge(
            added,
            'AwsSolutions-APIG4',
            `${route.method} ${route.path} is a provider callback: providers cannot hold a user token, so the handler verifies an HMAC signature over the raw body before it reads anything.`,
          );
          throttledCallbacks[`${route.method} ${route.path}`] = {
            ThrottlingRateLimit: props.stage.callbackThrottle.rateLimit,
            ThrottlingBurstLimit: props.stage.callbackThrottle.burstLimit,
          };
          // Route settings name the route by key, so the route must exist first.
          this.stage.node.addDependency(added);
        }
      }
    }
    if (Object.keys(throttledCallbacks).length > 0) (this.stage.node.defaultChild as CfnStage).routeSettings = throttledCallbacks;
  }

  /**
   * The Lambda REQUEST authorizer of the `browserSession` routes, built once: payload 2.0 with simple
   * responses (`isAuthorized` and the caller's claims as context, which handlers read from
   * `requestContext.authorizer.lambda`).
   *
   * No identity source and no caching, on purpose. API Gateway invokes a Lambda authorizer only when
   * every identity source it lists is present, and otherwise answers 401 without calling it; an API
   * client sends only the Authorization header and a browser only the cookie, so listing either (or
   * both) would shut one of them out. Identity sources are optional only while caching is off, so the
   * authorizer runs on every request and finds the token itself. Caching off also means no decision
   * outlives the request: an expired token is refused the moment it expires.
   */
  private browserSessionAuthorizerFrom(functions: readonly ServiceFunction[], route: HttpRoute): HttpLambdaAuthorizer {
    if (route.method !== 'GET') throw new Error(`${route.method} ${route.path}: only GET routes may take the browser session (the cookie), never a route that changes anything`);
    if (this.browserSessionAuthorizer) return this.browserSessionAuthorizer;
    const authorizers = functions.filter(({ definition }) => definition.authorizes === 'browserSession');
    if (authorizers.length !== 1) {
      throw new Error(`${route.method} ${route.path} takes the browser session: the manifest needs exactly one function that authorizes: 'browserSession' (found ${authorizers.length})`);
    }
    this.browserSessionAuthorizer = new HttpLambdaAuthorizer('BrowserSession', authorizers[0]!.fn, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      resultsCacheTtl: Duration.seconds(0),
      identitySource: [],
    });
    return this.browserSessionAuthorizer;
  }
}
