import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { ApiResponse } from '../http/responses';
import { staffErrorPage } from './staff-page-error';

type PageLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<ApiResponse>;

/**
 * One Lambda for a few page routes that belong together, each still served by its own thin handler,
 * chosen by the API's route key ("POST /staff/settlements/fetch"). Why not one Lambda per route like
 * the API: CloudFormation allows 500 resources in a stack, and each function brings its role, policy,
 * log group and alarms; the staff pages are grouped by what they work on to stay well inside it.
 */
export function byRoute(handlers: Readonly<Record<string, PageLambda>>): PageLambda {
  return async (event, context) => {
    const chosen = handlers[event.routeKey];
    // The manifest gives this function only the routes listed; anything else is a wiring mistake.
    return chosen ? chosen(event, context) : staffErrorPage(404, event.requestContext?.requestId ?? 'unknown');
  };
}
