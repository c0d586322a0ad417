import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { ApiResponse } from './responses';

type RouteLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<ApiResponse>;

/**
 * One Lambda for a few routes that belong together, each still served by its own thin handler,
 * chosen by the API's route key ("POST /staff/settlements/fetch"). Why not one Lambda per route
 * everywhere: CloudFormation allows 500 resources in a stack, and each function brings its role,
 * policy, log group and alarms; routes that work on one thing share a function to stay inside it.
 * `unknownRoute` answers a route key the manifest never gives the function (a wiring mistake).
 */
export function byRoute(handlers: Readonly<Record<string, RouteLambda>>, unknownRoute: (event: APIGatewayProxyEventV2) => Promise<ApiResponse> | ApiResponse): RouteLambda {
  return async (event, context) => {
    const chosen = handlers[event.routeKey];
    return chosen ? chosen(event, context) : unknownRoute(event);
  };
}
