import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { byRoute } from '../http/route-dispatch';
import type { ApiResponse } from '../http/responses';
import { staffErrorPage } from './staff-page-error';

/** Staff pages that work on one thing share a Lambda (functions/http/route-dispatch.ts says why); an unknown route is the Vietnamese 404 page. */
export function byPageRoute(handlers: Parameters<typeof byRoute>[0]) {
  return byRoute(handlers, (event: APIGatewayProxyEventV2): ApiResponse => staffErrorPage(404, event.requestContext?.requestId ?? 'unknown'));
}
