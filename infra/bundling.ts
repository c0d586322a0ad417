import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import type { FunctionDefinition } from '../functions/manifest';
import type { FunctionAccess } from './function-access';

/**
 * How every Lambda's code is bundled, in one place: the stack hands `nodejsBundling` to each
 * NodejsFunction, and `npm run bench:bundles` builds with `esbuildOptionsFor`, which maps the very same
 * settings onto the flags NodejsFunction passes to esbuild. Change a setting here and both follow.
 *
 * What goes into a bundle is what its handler imports, after tree shaking (package.json declares
 * `"sideEffects": false`, so a module nothing uses is dropped whole): each handler lists the
 * dependencies it uses from functions/composition.ts, and only their adapters and SDK clients come
 * along; `bundleDefines` below then keeps out any client the manifest does not grant.
 */
export const lambdaBundling = {
  minify: true,
  sourceMap: true,
  // Stack traces still point at the original file and line; leaving the source text out of the map
  // makes it a third of the size, and Node parses the whole map at init under --enable-source-maps.
  sourcesContent: false,
  target: 'node22',
  format: 'cjs',
  // ESM builds (`module`) tree-shake far better than the CommonJS ones the SDK also ships.
  mainFields: ['module', 'main'],
  // The runtime's SDK version is not pinned; bundling ours keeps what was tested what runs.
  bundleAwsSDK: true,
  alias: {
    // Lambda gives a function its role's credentials in environment variables, which the SDK's default
    // chain reads first; the rest of the chain (profiles, SSO, web identity, instance metadata and the
    // STS/SSO clients they bring, ~130 KB) can never run there. Paths are relative to the project root,
    // the directory esbuild runs in.
    '@aws-sdk/credential-provider-node': './infra/lambda-shims/credentials-from-environment.ts',
    // Event streams (~15 KB): the SDK loads the codec only for an event-stream operation, which none of
    // our clients' operations is. A subpath alias replaces only this entry point of @smithy/core.
    '@smithy/core/event-streams': './infra/lambda-shims/no-event-streams.ts',
    // DynamoDB endpoint discovery (~8 KB with its LRU cache): off unless configured, and we never do.
    '@aws-sdk/middleware-endpoint-discovery': './infra/lambda-shims/no-endpoint-discovery.ts',
    // Checksums (~4.5 KB): the SDK's SHA-256 and MD5 classes each carry a pure-JavaScript fallback for
    // runtimes without node:crypto; the shim builds the same classes on node:crypto alone.
    '@smithy/core/checksum': './infra/lambda-shims/node-checksums.ts',
    // pdfkit's CommonJS build: its ES module build finds its data files through import.meta.url, which
    // a CommonJS bundle does not have (it would throw at load); the CommonJS build reads them lazily.
    pdfkit: './node_modules/pdfkit/js/pdfkit.js',
    // fontkit's WOFF2 decoder (~480 KB): the receipt PDF embeds TrueType fonts only.
    'brotli/decompress.js': './infra/lambda-shims/no-brotli.ts',
  },
} as const;

/**
 * The most a function's minified bundle may weigh. Lambda unpacks and Node parses all of it on every
 * cold start; `test/infra/bundling.test.ts` holds every function to it, and `npm run bench:bundles`
 * shows how close each one is and what it is made of.
 */
export const bundleSizeLimitBytes = 300 * 1024;

/** Lambda runs the bundle with these options; the benchmark measures init with them too. */
export const lambdaNodeOptions = '--enable-source-maps';

/**
 * Compile-time switches read by the recipes of functions/composition.ts, from the function's manifest
 * entry: does its bundle leave out the table, sending to queues, putting off the messages of the
 * queue it consumes, the settlement bucket, the provider secrets? A handler's bundle only holds the adapters it lists anyway;
 * the switches make sure it never carries a client its role may not use — listing one fails loudly
 * with AdapterNotBundledError rather than at IAM — and that the provider secrets reader, called while
 * the configuration loads, comes only with the secrets. Every switch is set, "true" or "false", so
 * esbuild keeps one branch of each test. Empty for local runs and tests, where everything is built.
 */
export function bundleDefines(access: FunctionAccess | undefined): Record<string, string> {
  if (!access) return {};
  const omits = (what: string, omitted: boolean) => [`process.env.LAMBDA_BUNDLE_OMITS_${what}`, JSON.stringify(String(omitted))];
  return Object.fromEntries([
    omits('TABLE', access.table === 'none'),
    omits('SENDS', access.sends.length === 0),
    omits('CONSUMES', access.consumes === null),
    omits('BUCKET', access.settlementBucket === 'none'),
    omits('SECRETS', !access.providerSecrets),
  ]);
}

/** The limit of one function: the default, or the larger one its manifest entry states with a reason. */
export function bundleSizeLimitOf(definition: Pick<FunctionDefinition, 'bundleSizeLimitKb'>): number {
  return definition.bundleSizeLimitKb !== undefined ? definition.bundleSizeLimitKb * 1024 : bundleSizeLimitBytes;
}

/**
 * Shell commands that copy a function's `bundledFiles` into its asset after esbuild, so the code finds
 * them beside its handler (`<into>/<file name>`).
 */
export function bundledFileCommands(files: FunctionDefinition['bundledFiles'], inputDir: string, outputDir: string): string[] {
  if (!files) return [];
  const target = `${outputDir}/${files.into}`;
  return [`mkdir -p "${target}"`, ...files.files.map((file) => `cp "${inputDir}/${file}" "${target}/"`)];
}

export function nodejsBundling(access: FunctionAccess, files?: FunctionDefinition['bundledFiles']): BundlingOptions {
  return {
    minify: lambdaBundling.minify,
    sourceMap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    target: lambdaBundling.target,
    format: OutputFormat.CJS,
    mainFields: [...lambdaBundling.mainFields],
    bundleAwsSDK: lambdaBundling.bundleAwsSDK,
    define: bundleDefines(access),
    esbuildArgs: { '--alias': Object.entries(lambdaBundling.alias).map(([from, to]) => `${from}=${to}`) },
    ...(files
      ? {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) => bundledFileCommands(files, inputDir, outputDir),
          },
        }
      : {}),
  };
}

/**
 * The esbuild build NodejsFunction runs (`esbuild --bundle <entry> --platform=node --target --format
 * --minify --sourcemap --sources-content --main-fields --define --alias`, nothing external with bundleAwsSDK) in the
 * project root. `metafile` only adds the size report; it does not change the output.
 */
export function esbuildOptionsFor(entry: string, outfile: string, access: FunctionAccess | undefined, projectRoot: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    absWorkingDir: projectRoot,
    bundle: true,
    platform: 'node',
    target: lambdaBundling.target,
    format: lambdaBundling.format,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    mainFields: [...lambdaBundling.mainFields],
    define: bundleDefines(access),
    alias: { ...lambdaBundling.alias },
    metafile: true,
    logLevel: 'warning',
  };
}
