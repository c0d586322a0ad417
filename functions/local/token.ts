import { tokenCommand } from './token-command';

/** `npm run token -- --help`: see token-command.ts. */
tokenCommand(process.argv.slice(2)).then(
  (result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  },
  (error: unknown) => {
    console.error(`token: ${(error as Error).message ?? String(error)}`);
    process.exitCode = 1;
  },
);
