/**
 * Stands in for `@aws-sdk/middleware-endpoint-discovery` in Lambda bundles (see infra/bundling.ts).
 * DynamoDB endpoint discovery finds a per-account endpoint through DescribeEndpoints; it is off unless
 * a client or the environment turns it on, and none of ours does, nor does any DynamoDB operation we
 * call require it. Yet every DynamoDB client builds its 1000-entry LRU endpoint cache at construction,
 * which brings the middleware, @aws-sdk/endpoint-cache, mnemonist and obliterator (~8 KB) into every
 * function that reads the table. This keeps discovery off with the same config shapes as the real
 * package: the client resolves the same settings (an empty cache that is never filled), the plugins
 * pass requests through untouched, and asking for discovery — `endpointDiscoveryEnabled: true`,
 * AWS_ENABLE_ENDPOINT_DISCOVERY=true, or an operation that requires it — throws
 * EndpointDiscoveryNotBundledError rather than silently calling the regional endpoint.
 * Local runs and tests do not use bundles and keep the real package.
 */
export class EndpointDiscoveryNotBundledError extends Error {
  constructor(what: string) {
    super(`${what}: DynamoDB endpoint discovery is not bundled into this Lambda (infra/lambda-shims/no-endpoint-discovery.ts); remove the alias in infra/bundling.ts to use it`);
    this.name = 'EndpointDiscoveryNotBundledError';
  }
}

// The variables and profile entry the real package reads, in its order; "false" and "0" turn it off.
const ENV_ENDPOINT_DISCOVERY = ['AWS_ENABLE_ENDPOINT_DISCOVERY', 'AWS_ENDPOINT_DISCOVERY_ENABLED'] as const;
const CONFIG_ENDPOINT_DISCOVERY = 'endpoint_discovery_enabled';
const isFalsy = (value: string | undefined) => value === 'false' || value === '0';

/** The real selectors for "not set" (undefined) and "off" (false); "on" is refused. */
export const NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS = {
  environmentVariableSelector: (env: Record<string, string | undefined>): boolean | undefined => {
    const key = ENV_ENDPOINT_DISCOVERY.find((name) => name in env);
    if (key === undefined) return undefined;
    const value = env[key];
    if (value === '') throw new Error(`Environment variable ${key} can't be empty of undefined, got "${value}"`);
    if (isFalsy(value)) return false;
    throw new EndpointDiscoveryNotBundledError(`${key}=${value}`);
  },
  configFileSelector: (profile: Record<string, string | undefined>): boolean | undefined => {
    if (!(CONFIG_ENDPOINT_DISCOVERY in profile)) return undefined;
    const value = profile[CONFIG_ENDPOINT_DISCOVERY];
    if (value === undefined) throw new Error(`Shared config entry ${CONFIG_ENDPOINT_DISCOVERY} can't be undefined, got "${value}"`);
    if (isFalsy(value)) return false;
    throw new EndpointDiscoveryNotBundledError(`${CONFIG_ENDPOINT_DISCOVERY}=${value}`);
  },
  default: undefined,
};

/** The shape of @aws-sdk/endpoint-cache's EndpointCache, always empty: with discovery off nothing is ever discovered. */
const emptyEndpointCache = {
  getEndpoint: (_key: string): string | undefined => undefined,
  get: (_key: string): { Address: string; Expires: number }[] | undefined => undefined,
  set: (_key: string, _endpoints: unknown[]): never => {
    throw new EndpointDiscoveryNotBundledError('EndpointCache.set');
  },
  delete: (_key: string): void => undefined,
  has: (_key: string): boolean => false,
  clear: (): void => undefined,
};

interface DiscoveryInput {
  endpointDiscoveryEnabled?: boolean | undefined;
  endpointDiscoveryEnabledProvider: () => Promise<boolean | undefined>;
  endpointCacheSize?: number;
}

/** As the real resolver, with the empty cache in place of the LRU one; a client that asks for discovery is refused. */
export const resolveEndpointDiscoveryConfig = <T extends DiscoveryInput>(input: T, { endpointDiscoveryCommandCtor }: { endpointDiscoveryCommandCtor: new (config: never) => unknown }) => {
  const { endpointDiscoveryEnabled, endpointDiscoveryEnabledProvider } = input;
  if (endpointDiscoveryEnabled === true) throw new EndpointDiscoveryNotBundledError('endpointDiscoveryEnabled: true');
  return Object.assign(input, {
    endpointDiscoveryCommandCtor,
    endpointCache: emptyEndpointCache,
    endpointDiscoveryEnabled: endpointDiscoveryEnabled !== undefined ? () => Promise.resolve(endpointDiscoveryEnabled) : endpointDiscoveryEnabledProvider,
    isClientEndpointDiscoveryEnabled: endpointDiscoveryEnabled !== undefined,
  });
};

export const endpointDiscoveryMiddlewareOptions = {
  name: 'endpointDiscoveryMiddleware',
  step: 'build',
  tags: ['ENDPOINT_DISCOVERY'],
  override: true,
} as const;

interface PluginConfig {
  isCustomEndpoint?: boolean;
  isClientEndpointDiscoveryEnabled?: boolean;
  endpointDiscoveryEnabled: () => Promise<boolean | undefined>;
}
type Next = (args: unknown) => Promise<unknown>;
interface CommandStack {
  add(middleware: (next: Next, context: { commandName?: string }) => Next, options: typeof endpointDiscoveryMiddlewareOptions): void;
}

/** Passes every request through as the real middleware does with discovery off; refuses where it would discover. */
const passThrough =
  (config: PluginConfig, required: boolean) =>
  (next: Next, context: { commandName?: string }): Next =>
  async (args) => {
    if (config.isCustomEndpoint) {
      if (config.isClientEndpointDiscoveryEnabled) throw new Error('Custom endpoint is supplied; endpointDiscoveryEnabled must not be true.');
      return next(args);
    }
    if (required) throw new EndpointDiscoveryNotBundledError(`${context.commandName ?? 'this operation'} requires endpoint discovery`);
    if (await config.endpointDiscoveryEnabled()) throw new EndpointDiscoveryNotBundledError('endpoint discovery is enabled');
    return next(args);
  };

const plugin = (config: PluginConfig, required: boolean) => ({
  applyToStack: (commandStack: CommandStack) => commandStack.add(passThrough(config, required), endpointDiscoveryMiddlewareOptions),
});

export const getEndpointDiscoveryPlugin = (pluginConfig: PluginConfig, middlewareConfig: { isDiscoveredEndpointRequired: boolean }) =>
  plugin(pluginConfig, middlewareConfig.isDiscoveredEndpointRequired);
export const getEndpointDiscoveryRequiredPlugin = (pluginConfig: PluginConfig, _middlewareConfig?: unknown) => plugin(pluginConfig, true);
export const getEndpointDiscoveryOptionalPlugin = (pluginConfig: PluginConfig, _middlewareConfig?: unknown) => plugin(pluginConfig, false);
