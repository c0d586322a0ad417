import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda's code is bundled, in one place: the stack hands `nodejsBundling` to each
 * NodejsFunction, and `npm run bench:bundles` builds with `esbuildOptionsFor`, which maps the very same
 * settings onto the flags NodejsFunction passes to esbuild. Change a setting here and both follow.
 */
export const lambdaBundling = {
  minify: true,
  sourceMap: true,
  target: 'node22',
  format: 'cjs',
  // ESM builds (`module`) tree-shake far better than the CommonJS ones the SDK also ships.
  mainFields: ['module', 'main'],
  // The runtime's SDK version is not pinned; bundling ours keeps what was tested what runs.
  bundleAwsSDK: true,
} as const;

/** Lambda runs the bundle with these options; the benchmark measures init with them too. */
export const lambdaNodeOptions = '--enable-source-maps';

export function nodejsBundling(): BundlingOptions {
  return {
    minify: lambdaBundling.minify,
    sourceMap: lambdaBundling.sourceMap,
    target: lambdaBundling.target,
    format: OutputFormat.CJS,
    mainFields: [...lambdaBundling.mainFields],
    bundleAwsSDK: lambdaBundling.bundleAwsSDK,
  };
}

/**
 * The esbuild build NodejsFunction runs for `entry` (it calls the esbuild CLI with `--bundle
 * --platform=node --target --format --minify --sourcemap --main-fields`; with bundleAwsSDK nothing is
 * external). `metafile` only adds the size report and does not change the output.
 */
export function esbuildOptionsFor(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: lambdaBundling.target,
    format: lambdaBundling.format,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourceMap,
    mainFields: [...lambdaBundling.mainFields],
    metafile: true,
    logLevel: 'warning',
  };
}
