import { byPageRoute } from './page-routes';
import { handler as runExport } from './run-export-page.handler';
import { handler as runPage } from './run-page.handler';

/** A run's page and its exports. */
export const handler = byPageRoute({
  'GET /staff/runs/{runId}': runPage,
  'GET /staff/runs/{runId}/export.csv': runExport,
  'GET /staff/runs/{runId}/export.xlsx': runExport,
});
