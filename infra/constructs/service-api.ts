import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
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
 * pool's app client. `public` routes (health, the catalog, fee quotes, and the staff pages, which
 * verify the staff session from its cookie themselves) and `signed` routes (provider callbacks, which
 * verify an HMAC over the raw body in the handler) have none. The stage throttles
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

  /** Adds every route of the given functions; a route's `auth` decides its authorizer. */
  addRoutes(functions: readonly ServiceFunction[], props: { readonly userPool: UserPool; readonly client: UserPoolClient; readonly stage: StageSettings }): void {
    this.authorizerFor ??= new HttpJwtAuthorizer('CognitoJwt', props.userPool.userPoolProviderUrl, {
      jwtAudience: [props.client.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const authorizerOf = (route: HttpRoute) => (route.auth === 'jwt' ? this.authorizerFor : undefined);
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
          acknowledge(
            added,
            'AwsSolutions-APIG4',
            route.page
              ? `${route.method} ${route.path} is a staff page: its handler verifies the staff session from its cookie itself, so it can answer a person in Vietnamese (docs/STAFF.md).`
              : `${route.method} ${route.path} is public by contract (CONTRACT.md: health, the catalog and fee quotes need no token).`,
          );
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
}
