import { install } from 'source-map-support';

/**
 * Stack traces of a Lambda bundle point at the TypeScript file and line: infra/bundling.ts injects
 * this module at the top of every bundle. source-map-support reads the bundle's source map only when
 * a stack trace is first formatted, whereas Node's `--enable-source-maps` reads and indexes it while
 * the bundle loads, at every cold start (a quarter to a third of a function's init on the development
 * machine, `npm run bench:bundles`). Uncaught exceptions stay Node's and the Lambda runtime's.
 */
install({ environment: 'node', handleUncaughtExceptions: false });
