import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type ApiResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

const JSON_TYPE = 'application/json; charset=utf-8';

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { statusCode, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function text(statusCode: number, body: string, contentType: string, headers: Record<string, string> = {}): ApiResponse {
  return { statusCode, headers: { 'content-type': contentType, ...headers }, body };
}

export function binary(statusCode: number, body: Buffer, contentType: string, headers: Record<string, string> = {}): ApiResponse {
  return { statusCode, headers: { 'content-type': contentType, ...headers }, body: body.toString('base64'), isBase64Encoded: true };
}
