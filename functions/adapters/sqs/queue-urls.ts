/**
 * Queue URLs come from the environment the CDK stack sets, `QUEUE_URL_<NAME>` (QUEUE_URL_PAYMENT_EVENTS
 * for "payment-events"), for the queues the manifest lets the function send to or consume.
 */
export function queueUrlOf(queueName: string, env: NodeJS.ProcessEnv): string {
  const variable = `QUEUE_URL_${queueName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const url = env[variable];
  if (!url) throw new Error(`${variable} environment variable is not set`);
  return url;
}
