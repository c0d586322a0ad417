import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import type { FunctionAccess } from './function-access';

/**
 * How every Lambda's code is bundled, in one place: the stack hands `nodejsBundling` to each
 * NodejsFunction, and `npm run bench:bundles` builds with `esbuildOptionsFor`, which maps the very same
 * settings onto the flags NodejsFunction passes to esbuild. Change a setting here and both follow.
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
  },
} as const;

/** Lambda runs the bundle with these options; the benchmark measures init with them too. */
export const lambdaNodeOptions = '--enable-source-maps';

/**
 * Compile-time switches read by functions/composition.ts: a function the manifest gives no table
 * (or no queue to send to or consume, or no settlement bucket) gets a bundle without the DynamoDB
 * (or SQS, or S3) client. Empty for local runs and tests.
 */
export function bundleDefines(access: FunctionAccess | undefined): Record<string, string> {
  if (!access) return {};
  return {
    ...(access.table === 'none' ? { 'process.env.LAMBDA_BUNDLE_OMITS_TABLE': JSON.stringify('true') } : {}),
    ...(access.queueUrls.length === 0 ? { 'process.env.LAMBDA_BUNDLE_OMITS_QUEUE': JSON.stringify('true') } : {}),
    ...(access.settlementBucket === 'none' ? { 'process.env.LAMBDA_BUNDLE_OMITS_BUCKET': JSON.stringify('true') } : {}),
  };
}

export function nodejsBundling(access: FunctionAccess): BundlingOptions {
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
