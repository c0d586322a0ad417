import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A valid API Gateway payload 2.0 event with sensible defaults; override what the test is about. */
export function anApiEvent(overrides: {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
  claims?: Record<string, string>;
  /** The context a Lambda authorizer would return (requestContext.authorizer.lambda): the API reads no principal from it. */
  authorizerContext?: Record<string, string>;
  requestId?: string;
} = {}): APIGatewayProxyEventV2 {
  const method = overrides.method ?? 'GET';
  const path = overrides.path ?? '/test';
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(overrides.query ?? {}).toString(),
    headers: overrides.headers ?? {},
    ...(overrides.query ? { queryStringParameters: overrides.query } : {}),
    ...(overrides.pathParameters ? { pathParameters: overrides.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: overrides.requestId ?? 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      ...(overrides.claims ? { authorizer: { jwt: { claims: overrides.claims, scopes: null } } } : {}),
      ...(overrides.authorizerContext ? { authorizer: { lambda: overrides.authorizerContext } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(overrides.body !== undefined ? { body: overrides.body } : {}),
    isBase64Encoded: false,
  };
}
