/**
 * The route and function manifest: what the service is made of. The CDK stack deploys exactly this
 * (one Lambda per function, API routes, queues, schedules) and the local dev server serves exactly
 * this, so a route that works locally is a route that is deployed.
 *
 * Reading a flow: find the route here → open its `entry` (the handler) → follow the use case it calls.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRoute {
  readonly method: HttpMethod;
  /** API Gateway path syntax: /v1/procedures/{code} */
  readonly path: string;
  /** `jwt`: the API's JWT authorizer checks the token; `public`/`signed`: no authorizer (callbacks verify their own signature). */
  readonly auth: 'public' | 'signed' | 'jwt';
  /**
   * A server-rendered staff page (functions/staff/), not an API operation: left out of the API
   * document. Its auth is `public` at the gateway because the page handler verifies the staff session
   * from its cookie itself, so it can answer a person in Vietnamese (a redirect to /login, a 403 page)
   * rather than with the gateway's JSON 401.
   */
  readonly page?: true;
}

export interface QueueDefinition {
  /** Logical queue name used with the MessageQueue port, e.g. "payment-events". */
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message is moved to the queue's dead-letter queue. */
  readonly maxReceiveCount: number;
  /** In AWS, S3 puts an event on this queue for every object created in the settlement-file bucket. */
  readonly notifiedBy?: 'settlementBucket';
}

/** AWS resources a function reaches beyond its table and queues; the stack grants only these. */
export type ResourceNeed =
  /** Reads the provider secrets (implied by a `signed` route). */
  | 'providerSecrets'
  /** Reads and writes settlement files (consuming the queue the bucket notifies implies reading them). */
  | 'settlementBucket'
  /** Signs staff in through the user pool's managed login (STAFF_SIGN_IN=cognito and the pool's URLs). */
  | 'staffSignIn';

export interface FunctionDefinition {
  /** PascalCase, unique: becomes the Lambda's logical id. */
  readonly name: string;
  /** Path of the handler module from the repository root; it exports `handler`. */
  readonly entry: string;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  readonly routes?: readonly HttpRoute[];
  /** Consumes this queue (SQS event source with partial batch responses). */
  readonly consumes?: { readonly queue: string; readonly batchSize: number };
  /**
   * Reads the table's change stream (a DynamoDB Streams event source in AWS, the local stream runner
   * locally), with partial batch responses; a record still failing after maxRetryAttempts is skipped
   * and reported, as an on-failure destination would receive it.
   */
  readonly streams?: {
    readonly batchSize: number;
    readonly maxRetryAttempts: number;
    /** Only records whose new image has `attribute` equal to one of `values`, e.g. outbox records (AWS: an event filter). */
    readonly filter?: { readonly attribute: string; readonly values: readonly string[] };
  };
  /** Invoked on a schedule (EventBridge Scheduler in AWS, a timer locally). */
  readonly schedule?: { readonly expression: string; readonly localEveryMs: number };
  /**
   * What its role may do with the table. Default: `none` for an authorizer; `read` when every route is
   * an unsigned GET and the function consumes nothing and runs on no schedule; otherwise `readWrite`.
   * `none` also leaves the DynamoDB client out of its bundle.
   */
  readonly tableAccess?: 'none' | 'read' | 'readWrite';
  /** Queues it sends to: only these get a `QUEUE_URL_<NAME>` variable and send permission. Default: none. */
  readonly sends?: readonly string[];
  readonly needs?: readonly ResourceNeed[];
  /**
   * Files (paths from the repository root) copied next to the function's bundle, for a handler that
   * reads them at run time rather than importing them, e.g. the API reference's Swagger UI assets.
   */
  readonly bundleFiles?: readonly string[];
  /**
   * Modules (paths from the repository root, in the handler's own folder) that the handler imports with
   * `await import('./name')` for some requests only. Each is bundled into a file of its own beside
   * index.js and loaded from there on first use, so a cold start neither parses nor runs it
   * (infra/bundling.ts), e.g. the PDF renderer with its font engine.
   */
  readonly loadsOnDemand?: readonly string[];
}

export const queues: readonly QueueDefinition[] = [
  // PaymentSucceeded events carried from the outbox; a notification that keeps failing ends in the DLQ.
  { name: 'payment-events', visibilityTimeoutSeconds: 60, maxReceiveCount: 8 },
  // One message per reconciliation run; a visibility timeout above the worker's 15-minute timeout.
  { name: 'reconciliation-jobs', visibilityTimeoutSeconds: 960, maxReceiveCount: 3 },
  // S3 announces every object created in the settlement bucket here.
  { name: 'settlement-uploads', visibilityTimeoutSeconds: 360, maxReceiveCount: 5, notifiedBy: 'settlementBucket' },
];

export const functions: readonly FunctionDefinition[] = [
  {
    name: 'Health',
    entry: 'functions/health/health.handler.ts',
    routes: [{ method: 'GET', path: '/health', auth: 'public' }],
    tableAccess: 'none',
  },
  {
    name: 'ApiDocs',
    entry: 'functions/openapi/api-docs.handler.ts',
    routes: [
      { method: 'GET', path: '/openapi.json', auth: 'public' },
      { method: 'GET', path: '/docs', auth: 'public' },
      { method: 'GET', path: '/docs/assets/{file}', auth: 'public' },
    ],
    tableAccess: 'none',
    // Swagger UI's script and style sheet, served by /docs/assets/{file} (functions/openapi/reference-assets.ts).
    bundleFiles: ['node_modules/swagger-ui-dist/swagger-ui-bundle.js', 'node_modules/swagger-ui-dist/swagger-ui.css', 'node_modules/swagger-ui-dist/favicon-32x32.png'],
  },
  {
    name: 'ListProcedures',
    entry: 'functions/catalog/list-procedures.handler.ts',
    routes: [{ method: 'GET', path: '/v1/procedures', auth: 'public' }],
  },
  {
    name: 'GetProcedure',
    entry: 'functions/catalog/get-procedure.handler.ts',
    routes: [{ method: 'GET', path: '/v1/procedures/{code}', auth: 'public' }],
  },
  {
    name: 'QuoteFees',
    entry: 'functions/fees/quote-fees.handler.ts',
    routes: [{ method: 'POST', path: '/v1/fees/quote', auth: 'public' }],
  },
  {
    name: 'CreatePayment',
    entry: 'functions/payments/create-payment.handler.ts',
    // Well inside the idempotency lease (payment-request-repository.ts), so a key is never taken over from a live request.
    timeoutSeconds: 10,
    routes: [{ method: 'POST', path: '/v1/payments', auth: 'jwt' }],
    // Signs the payment-page links it hands out.
    needs: ['providerSecrets'],
  },
  {
    name: 'GetPayment',
    entry: 'functions/payments/get-payment.handler.ts',
    routes: [{ method: 'GET', path: '/v1/payments/{paymentId}', auth: 'jwt' }],
  },
  {
    name: 'CancelPayment',
    entry: 'functions/payments/cancel-payment.handler.ts',
    routes: [{ method: 'POST', path: '/v1/payments/{paymentId}/cancel', auth: 'jwt' }],
  },
  {
    name: 'Refunds',
    entry: 'functions/refunds/refunds.handler.ts',
    routes: [
      { method: 'POST', path: '/v1/payments/{paymentId}/refunds', auth: 'jwt' },
      { method: 'GET', path: '/v1/payments/{paymentId}/refunds', auth: 'jwt' },
    ],
  },
  {
    name: 'ExpirePayments',
    entry: 'functions/payments/expire-payments.handler.ts',
    timeoutSeconds: 60,
    schedule: { expression: 'rate(1 minute)', localEveryMs: 15_000 },
  },
  {
    name: 'MockBankCallback',
    entry: 'functions/callbacks/mock-bank-callback.handler.ts',
    routes: [{ method: 'POST', path: '/v1/callbacks/mock-bank', auth: 'signed' }],
  },
  {
    name: 'MockPortalCallback',
    entry: 'functions/callbacks/mock-portal-callback.handler.ts',
    routes: [
      { method: 'GET', path: '/v1/callbacks/mock-portal', auth: 'signed' },
      { method: 'POST', path: '/v1/callbacks/mock-portal', auth: 'signed' },
    ],
  },
  {
    name: 'RecordCounterPayment',
    entry: 'functions/counter-payments/record-counter-payment.handler.ts',
    routes: [{ method: 'POST', path: '/v1/offline-payments', auth: 'jwt' }],
  },
  {
    name: 'ListReviewItems',
    entry: 'functions/review/list-review-items.handler.ts',
    routes: [{ method: 'GET', path: '/v1/review-items', auth: 'jwt' }],
  },
  {
    name: 'ListCases',
    entry: 'functions/cases/list-cases.handler.ts',
    routes: [{ method: 'GET', path: '/v1/cases', auth: 'jwt' }],
  },
  {
    name: 'GetCase',
    entry: 'functions/cases/get-case.handler.ts',
    routes: [{ method: 'GET', path: '/v1/cases/{caseId}', auth: 'jwt' }],
  },
  {
    name: 'ResolveReviewItem',
    entry: 'functions/review/resolve-review-item.handler.ts',
    routes: [{ method: 'POST', path: '/v1/review-items/{reviewId}/resolve', auth: 'jwt' }],
  },
  {
    name: 'RelayOutbox',
    entry: 'functions/outbox/relay-outbox.handler.ts',
    streams: { batchSize: 100, maxRetryAttempts: 10, filter: { attribute: 'recordType', values: ['OUTBOX'] } },
    tableAccess: 'none',
    sends: ['payment-events'],
  },
  {
    name: 'NotifyPortal',
    entry: 'functions/notifications/notify-portal.handler.ts',
    timeoutSeconds: 30,
    consumes: { queue: 'payment-events', batchSize: 10 },
    // Signs the webhook to the portal.
    needs: ['providerSecrets'],
  },
  {
    name: 'MopUpPayments',
    entry: 'functions/mop-up/mop-up-payments.handler.ts',
    timeoutSeconds: 120,
    schedule: { expression: 'rate(5 minutes)', localEveryMs: 60_000 },
    // Signs its status queries and verifies the providers' signed answers.
    needs: ['providerSecrets'],
  },
  {
    name: 'UploadSettlementFile',
    entry: 'functions/settlements/upload-settlement.handler.ts',
    memoryMb: 1024,
    timeoutSeconds: 29,
    routes: [{ method: 'PUT', path: '/v1/settlements/{provider}/{businessDate}', auth: 'jwt' }],
    needs: ['settlementBucket'],
  },
  {
    name: 'GetSettlementFile',
    entry: 'functions/settlements/get-settlement.handler.ts',
    routes: [{ method: 'GET', path: '/v1/settlements/{provider}/{businessDate}', auth: 'jwt' }],
  },
  {
    name: 'CreateSettlementUploadUrl',
    entry: 'functions/settlements/create-upload-url.handler.ts',
    routes: [{ method: 'POST', path: '/v1/settlements/{provider}/{businessDate}/upload-url', auth: 'jwt' }],
    // Presigns PUTs to the bucket (and records the requested upload).
    needs: ['settlementBucket'],
  },
  {
    name: 'AcceptSettlementUpload',
    entry: 'functions/settlements/settlement-uploaded.handler.ts',
    // Validates files of up to SETTLEMENT_FILE_MAX_MB streamed from S3.
    memoryMb: 1024,
    timeoutSeconds: 300,
    consumes: { queue: 'settlement-uploads', batchSize: 1 },
  },
  {
    name: 'StartReconciliation',
    entry: 'functions/reconciliation/start-reconciliation.handler.ts',
    routes: [{ method: 'POST', path: '/v1/reconciliations', auth: 'jwt' }],
    sends: ['reconciliation-jobs'],
  },
  {
    name: 'RunReconciliation',
    entry: 'functions/reconciliation/run-reconciliation.handler.ts',
    // A provider's whole day in one invocation: the engine keeps about 80 bytes per payment.
    memoryMb: 2048,
    timeoutSeconds: 900,
    consumes: { queue: 'reconciliation-jobs', batchSize: 1 },
    // Reads the run's settlement file (the manifest has no read-only bucket need; it writes none).
    needs: ['settlementBucket'],
  },
  {
    name: 'GetReconciliation',
    entry: 'functions/reconciliation/get-reconciliation.handler.ts',
    routes: [{ method: 'GET', path: '/v1/reconciliations/{runId}', auth: 'jwt' }],
  },
  {
    name: 'ListDiscrepancies',
    entry: 'functions/reconciliation/list-discrepancies.handler.ts',
    routes: [{ method: 'GET', path: '/v1/reconciliations/{runId}/discrepancies', auth: 'jwt' }],
  },
  {
    name: 'GetDiscrepancy',
    entry: 'functions/reconciliation/get-discrepancy.handler.ts',
    routes: [{ method: 'GET', path: '/v1/reconciliations/{runId}/discrepancies/{discrepancyId}', auth: 'jwt' }],
  },
  {
    name: 'ResolveDiscrepancy',
    entry: 'functions/reconciliation/resolve-discrepancy.handler.ts',
    routes: [{ method: 'POST', path: '/v1/reconciliations/{runId}/discrepancies/{discrepancyId}/resolve', auth: 'jwt' }],
  },
  {
    name: 'ExportDiscrepancies',
    entry: 'functions/reconciliation/export-discrepancies.handler.ts',
    memoryMb: 1024,
    timeoutSeconds: 29,
    routes: [{ method: 'GET', path: '/v1/reconciliations/{runId}/export', auth: 'jwt' }],
  },
  {
    name: 'ListTargetSets',
    entry: 'functions/reports/target-sets.handler.ts',
    routes: [{ method: 'GET', path: '/v1/target-sets', auth: 'jwt' }],
    // The sets are data shipped with the code.
    tableAccess: 'none',
  },
  {
    name: 'OnlinePaymentReport',
    entry: 'functions/reports/online-payment-report.handler.ts',
    timeoutSeconds: 29,
    memoryMb: 1024,
    routes: [{ method: 'GET', path: '/v1/reports/online-payments', auth: 'jwt' }],
  },
  {
    name: 'Dashboard',
    entry: 'functions/reports/dashboard.handler.ts',
    timeoutSeconds: 29,
    memoryMb: 1024,
    routes: [{ method: 'GET', path: '/dashboard', auth: 'public', page: true }],
  },
  {
    name: 'GetReceipt',
    entry: 'functions/receipts/get-receipt.handler.ts',
    memoryMb: 512,
    routes: [
      { method: 'GET', path: '/v1/payments/{paymentId}/receipt', auth: 'jwt' },
      // The citizen's link: the token in the path is the permission (functions/receipts/).
      { method: 'GET', path: '/receipts/{token}', auth: 'public' },
    ],
    // The PDF's font (Vietnamese letters), read beside the handler.
    bundleFiles: ['node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'],
    // pdfkit and its font engine are two thirds of the code: the JSON and the page never load them.
    loadsOnDemand: ['functions/receipts/receipt-pdf.ts'],
  },
  // The staff pages (functions/staff/): `public` at the gateway, each page verifies the staff session
  // from its cookie itself (see HttpRoute.page).
  {
    name: 'StaffSignIn',
    entry: 'functions/staff/login.handler.ts',
    // Exchanges the managed login's code at the pool domain and checks the ID token against the pool's keys.
    needs: ['staffSignIn'],
    routes: [
      { method: 'GET', path: '/login', auth: 'public', page: true },
      { method: 'POST', path: '/login', auth: 'public', page: true },
      // Where the Cognito managed login returns (STAFF_SIGN_IN=cognito).
      { method: 'GET', path: '/login/callback', auth: 'public', page: true },
      // The dashboard's old token form: a bookmark of it now leads to the sign-in.
      { method: 'GET', path: '/dashboard/login', auth: 'public', page: true },
    ],
  },
  {
    name: 'StaffSignOut',
    entry: 'functions/staff/logout.handler.ts',
    // Ends the managed login's session too.
    needs: ['staffSignIn'],
    routes: [{ method: 'POST', path: '/logout', auth: 'public', page: true }],
  },
  {
    // The daily board, finance's home.
    name: 'StaffHome',
    entry: 'functions/staff/board.handler.ts',
    routes: [{ method: 'GET', path: '/staff', auth: 'public', page: true }],
  },
  {
    // The board's actions; staff pages that work on one thing share a function (route-dispatch.ts says why).
    name: 'StaffBoardActions',
    entry: 'functions/staff/board-actions.handler.ts',
    memoryMb: 1024,
    timeoutSeconds: 29,
    routes: [
      { method: 'POST', path: '/staff/settlements/fetch', auth: 'public', page: true },
      { method: 'GET', path: '/staff/settlements/upload', auth: 'public', page: true },
      { method: 'POST', path: '/staff/settlements/upload', auth: 'public', page: true },
      { method: 'POST', path: '/staff/reconciliations', auth: 'public', page: true },
    ],
    needs: ['settlementBucket'],
    sends: ['reconciliation-jobs'],
  },
  {
    name: 'StaffRuns',
    entry: 'functions/staff/runs.handler.ts',
    memoryMb: 1024,
    timeoutSeconds: 29,
    routes: [
      { method: 'GET', path: '/staff/runs/{runId}', auth: 'public', page: true },
      { method: 'GET', path: '/staff/runs/{runId}/export.csv', auth: 'public', page: true },
      { method: 'GET', path: '/staff/runs/{runId}/export.xlsx', auth: 'public', page: true },
    ],
  },
  {
    name: 'StaffCases',
    entry: 'functions/staff/cases.handler.ts',
    routes: [
      { method: 'GET', path: '/staff/cases', auth: 'public', page: true },
      { method: 'GET', path: '/staff/cases/{caseId}', auth: 'public', page: true },
      { method: 'POST', path: '/staff/cases/{caseId}', auth: 'public', page: true },
    ],
  },
  {
    name: 'StaffCounterPayments',
    entry: 'functions/staff/counter-payments.handler.ts',
    routes: [
      { method: 'GET', path: '/staff/counter-payments', auth: 'public', page: true },
      { method: 'POST', path: '/staff/counter-payments', auth: 'public', page: true },
    ],
  },
  {
    name: 'StaffPaymentLookup',
    entry: 'functions/staff/payment-lookup.handler.ts',
    routes: [{ method: 'GET', path: '/staff/payments', auth: 'public', page: true }],
  },
  {
    name: 'StaffAssets',
    entry: 'functions/staff/staff-assets.handler.ts',
    routes: [{ method: 'GET', path: '/staff/assets/staff.css', auth: 'public', page: true }],
    tableAccess: 'none',
  },
];
