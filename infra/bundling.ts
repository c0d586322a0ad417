import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { basename, dirname } from 'node:path';
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
  // makes it a third of the size.
  sourcesContent: false,
  target: 'node22',
  format: 'cjs',
  // ESM builds (`module`) tree-shake far better than the CommonJS ones the SDK also ships.
  mainFields: ['module', 'main'],
  // The runtime's SDK version is not pinned; bundling ours keeps what was tested what runs. The SDK's
  // packages are bundled as published: no alias replaces any part of them.
  bundleAwsSDK: true,
  // Entry points chosen for packages whose default one cannot run from a CommonJS bundle.
  alias: {
    // pdfkit's CommonJS build: its ES module build finds its data files through import.meta.url, which
    // a CommonJS bundle does not have (it would throw at load); the CommonJS build reads them lazily.
    pdfkit: './node_modules/pdfkit/js/pdfkit.js',
  },
} as const;

/**
 * Put at the top of every bundle: maps stack traces through the source map when one is first
 * formatted, rather than Node's `--enable-source-maps`, which reads the map at every cold start (the
 * module says why). A path from the project root, where NodejsFunction runs esbuild.
 */
export const lambdaInject = ['functions/observability/source-mapped-traces.ts'] as const;

/**
 * Compile-time switches read by the recipes of functions/composition.ts, from the function's manifest
 * entry: does its bundle leave out the table, sending to queues, putting off the messages of the
 * queue it consumes, the settlement bucket, the provider secrets? They serve least privilege and
 * clarity, not bundle bytes: a handler that lists a dependency its role may not use fails with
 * AdapterNotBundledError naming the manifest field to change (test/infra/bundling.test.ts finds it
 * before a deploy) rather than with an IAM refusal at run time; a Lambda bundle never carries the local
 * directory store; and a function that is not given the provider secrets never reads them while its
 * configuration loads. Leaving a client out of a function that cannot use it also spares that
 * function its init time. Every switch is set, "true" or "false", so esbuild keeps one branch of each
 * test. Empty for local runs and tests, where everything is built.
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

/** What the manifest adds to a function's asset beside index.js. */
export interface AssetExtras {
  readonly bundleFiles?: readonly string[];
  readonly loadsOnDemand?: readonly string[];
}

/**
 * Modules loaded on demand (the manifest's `loadsOnDemand`) stay out of index.js: their import
 * specifier `./name` is external, and esbuild turns the `import()` into a `require()` so that Node's
 * CommonJS resolution finds `name.js` beside index.js (an ES `import()` of an external would need the
 * extension written out, which tsx and jest then could not map back to the .ts file). Each is built
 * by afterBundling into `name.js` with the same settings. esbuild cannot split one CommonJS bundle into
 * chunks, and a lazily wrapped module inside index.js is still parsed at every cold start.
 */
function onDemandSpecifiers(loadsOnDemand: readonly string[]): string[] {
  return loadsOnDemand.map((module) => `./${basename(module).replace(/\.ts$/, '')}`);
}

/** The esbuild command line that builds one on-demand module beside index.js (run in the project root). */
function onDemandBuildCommand(inputDir: string, outputDir: string, module: string): string {
  const flags = [
    '--bundle',
    '--platform=node',
    `--target=${lambdaBundling.target}`,
    `--format=${lambdaBundling.format}`,
    ...(lambdaBundling.minify ? ['--minify'] : []),
    ...(lambdaBundling.sourceMap ? ['--sourcemap'] : []),
    `--sources-content=${String(lambdaBundling.sourcesContent)}`,
    `--main-fields=${lambdaBundling.mainFields.join(',')}`,
    ...Object.entries(lambdaBundling.alias).map(([from, to]) => `--alias:${from}=${to}`),
    `--outfile="${outputDir}/${basename(module).replace(/\.ts$/, '.js')}"`,
  ];
  return `cd "${inputDir}" && node_modules/.bin/esbuild "${module}" ${flags.join(' ')} --log-level=warning`;
}

/**
 * `bundleFiles` (the manifest's) are copied flat next to index.js after esbuild runs, for a handler
 * that reads them from its own directory at run time; `loadsOnDemand` modules are built there too.
 */
export function nodejsBundling(access: FunctionAccess, extras: AssetExtras = {}): BundlingOptions {
  const bundleFiles = extras.bundleFiles ?? [];
  const loadsOnDemand = extras.loadsOnDemand ?? [];
  const afterBundling = (inputDir: string, outputDir: string) => [
    ...bundleFiles.map((file) => `cp "${inputDir}/${file}" "${outputDir}/${basename(file)}"`),
    ...loadsOnDemand.map((module) => onDemandBuildCommand(inputDir, outputDir, module)),
  ];
  return {
    minify: lambdaBundling.minify,
    sourceMap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    target: lambdaBundling.target,
    format: OutputFormat.CJS,
    mainFields: [...lambdaBundling.mainFields],
    bundleAwsSDK: lambdaBundling.bundleAwsSDK,
    define: bundleDefines(access),
    inject: [...lambdaInject],
    esbuildArgs: {
      '--alias': Object.entries(lambdaBundling.alias).map(([from, to]) => `${from}=${to}`),
      ...(loadsOnDemand.length > 0 ? { '--supported:dynamic-import': 'false' } : {}),
    },
    ...(loadsOnDemand.length > 0 ? { externalModules: onDemandSpecifiers(loadsOnDemand) } : {}),
    ...(bundleFiles.length + loadsOnDemand.length > 0 ? { commandHooks: { beforeBundling: () => [], beforeInstall: () => [], afterBundling } } : {}),
  };
}

/** A module loaded on demand must sit in its handler's folder, which imports it as `./name`. */
export function checkLoadsOnDemand(entry: string, loadsOnDemand: readonly string[]): void {
  for (const module of loadsOnDemand) {
    if (dirname(module) !== dirname(entry) || !module.endsWith('.ts')) throw new Error(`${module} is loaded on demand by ${entry}, so it must be a .ts file in the same folder`);
  }
}

/**
 * The esbuild build NodejsFunction runs (`esbuild --bundle <entry> --platform=node --target --format
 * --minify --sourcemap --sources-content --main-fields --define --alias --inject`, nothing external with bundleAwsSDK) in the
 * project root, with `--external` and `--supported` for the modules loaded on demand. `metafile` only
 * adds the size report; it does not change the output.
 */
export function esbuildOptionsFor(entry: string, outfile: string, access: FunctionAccess | undefined, projectRoot: string, loadsOnDemand: readonly string[] = []): BuildOptions {
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
    alias: Object.fromEntries(Object.entries(lambdaBundling.alias)),
    inject: [...lambdaInject],
    ...(loadsOnDemand.length > 0 ? { external: onDemandSpecifiers(loadsOnDemand), supported: { 'dynamic-import': false } } : {}),
    metafile: true,
    logLevel: 'warning',
  };
}
