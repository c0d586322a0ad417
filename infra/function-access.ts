import type { FunctionDefinition, QueueDefinition } from '../functions/manifest';

/**
 * What one function may reach, derived from its manifest entry. The stack grants exactly this, and
 * the bundler leaves out the clients of what it may not reach (infra/bundling.ts).
 */
export interface FunctionAccess {
  readonly table: 'none' | 'read' | 'readWrite';
  /** Queues it may send to. */
  readonly sends: readonly string[];
  /** The queue it consumes, whose messages it may put off (ChangeMessageVisibility); null if none. */
  readonly consumes: string | null;
  /** Queues whose URL it is told: those it sends to and the one it consumes. */
  readonly queueUrls: readonly string[];
  readonly providerSecrets: boolean;
  /** Consumers of the upload notifications only read settlement files; `needs` lets a function write them. */
  readonly settlementBucket: 'none' | 'read' | 'readWrite';
  /** Told the user pool's managed login (STAFF_SIGN_IN=cognito): needs no grant, the pool's endpoints are public. */
  readonly staffSignIn: boolean;
}

export function accessOf(fn: FunctionDefinition, queues: readonly QueueDefinition[]): FunctionAccess {
  const routes = fn.routes ?? [];
  const onlyReads = routes.length > 0 && routes.every((route) => route.method === 'GET' && route.auth !== 'signed');
  const doesOtherWork = fn.consumes !== undefined || fn.schedule !== undefined || fn.streams !== undefined;
  const needs = new Set(fn.needs ?? []);
  const consumesSettlementUploads = queues.some((queue) => queue.notifiedBy === 'settlementBucket' && queue.name === fn.consumes?.queue);
  return {
    table: fn.tableAccess ?? (onlyReads && !doesOtherWork ? 'read' : 'readWrite'),
    sends: [...new Set(fn.sends ?? [])],
    consumes: fn.consumes?.queue ?? null,
    queueUrls: [...new Set([...(fn.sends ?? []), ...(fn.consumes ? [fn.consumes.queue] : [])])],
    // A signed route verifies provider signatures, so it needs the provider secrets.
    providerSecrets: needs.has('providerSecrets') || routes.some((route) => route.auth === 'signed'),
    settlementBucket: needs.has('settlementBucket') ? 'readWrite' : consumesSettlementUploads ? 'read' : 'none',
    staffSignIn: needs.has('staffSignIn'),
  };
}
