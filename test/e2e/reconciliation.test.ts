// Proves the daily reconciliation over HTTP on the local stack: a day paid on the mock bank's pages (real signed callbacks) with a dropped callback, an altered amount and a reversal is uploaded, reconciled, auto-applied, resolved and exported, payments at 23:59:59 and 00:00:00 land on their own days, a malformed file is refused by line, and re-running the day changes nothing (its findings join the same cases).
import ExcelJS from 'exceljs';
import type { LocalStack } from '../../functions/local/local-stack';
import { DynamoDbReportCounterRepository } from '../../functions/reports/report-counter-repository';
import { startTestStack, tokenFor } from '../support/local-stack';
import { ManualClock } from '../support/payments';

const clock = new ManualClock(new Date('2026-03-10T08:00:00+07:00'));
const DAY = '2026-03-10';
const NEXT_DAY = '2026-03-11';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('reconciliation over HTTP', () => {
  let stack: LocalStack;
  let portal: string;
  let finance: string;
  let province: string;
  let stpFinance: string;
  let tranBienFinance: string;
  let dossierCounter = 0;
  const payments: Record<'normal1' | 'normal2' | 'dropped' | 'altered' | 'reversed' | 'beforeMidnight' | 'atMidnight', Json> = {} as never;

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    portal = await tokenFor(stack, 'portal');
    finance = await tokenFor(stack, { sub: 'finance-province', roles: ['finance'], agencies: ['*'] });
    province = await tokenFor(stack, 'province');
    stpFinance = await tokenFor(stack, 'finance');
    tranBienFinance = await tokenFor(stack, { sub: 'finance-tran-bien', roles: ['finance'], agencies: ['TRANBIEN'] });
  });
  afterAll(async () => stack.stop());

  const api = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${stack.url}${path}`, { ...init, headers: { authorization: `Bearer ${init.token ?? finance}`, ...(init.headers as Record<string, string>) } });
  const postJson = (path: string, body: unknown, token = finance) =>
    api(path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const upload = (businessDate: string, csv: string) =>
    api(`/v1/settlements/mock-bank/${businessDate}`, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: csv });

  async function createPayment(at: string): Promise<Json> {
    clock.set(at);
    const response = await fetch(`${stack.url}/v1/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}`, 'idempotency-key': `recon-${++dossierCounter}` },
      body: JSON.stringify({
        dossierId: `HS-RECON-${dossierCounter}`,
        procedureCode: 'CT-BANSAO',
        agencyCode: 'TRANBIEN',
        provider: 'mock-bank',
        inputs: { pages: 5, copies: 2 },
        payer: { name: 'Nguyễn Văn A' },
        returnUrl: 'https://dichvucong.dongnai.gov.vn/ho-so/return',
      }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Json;
  }

  /** Pays on the mock bank's page at `at`, as a citizen pressing "Thanh toán" would; its callback (if any) is delivered before it returns. */
  async function pay(payment: Json, at: string, fault?: Record<string, unknown>): Promise<void> {
    if (fault) {
      const set = await fetch(`${stack.url}/mock-bank/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paymentId: payment.paymentId, ...fault }) });
      expect(set.status).toBeLessThan(300);
    }
    clock.set(at);
    const link = new URL(payment.paymentUrl as string);
    const form = new URLSearchParams(link.search);
    form.set('action', 'pay');
    form.set('waitForCallback', '1');
    const response = await fetch(`${stack.url}${link.pathname}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
    expect(response.status).toBe(303);
  }

  /** Waits until the mock bank has delivered (or given up on) every callback, and the service has handled them. */
  async function callbacksSettled(): Promise<void> {
    await stack.mocks.whenIdle();
    await stack.whenQueuesIdle(30_000);
  }

  async function runReconciliation(businessDate: string): Promise<Json> {
    const started = await postJson('/v1/reconciliations', { provider: 'mock-bank', businessDate });
    expect(started.status).toBe(202);
    const body = (await started.json()) as Json;
    expect(body).toMatchObject({ runId: expect.stringMatching(/^rec_/), status: 'QUEUED' });
    await stack.whenQueuesIdle(30_000);
    const run = (await (await api(`/v1/reconciliations/${body.runId}`)).json()) as Json;
    expect(run.status).toBe('COMPLETED');
    for (const field of ['requestedAt', 'startedAt', 'completedAt']) expect(run[field]).toMatch(/\+07:00$/);
    return run;
  }

  const listDiscrepancies = async (runId: string, query = '', token = finance) => {
    const response = await api(`/v1/reconciliations/${runId}/discrepancies${query}`, { token });
    expect(response.status).toBe(200);
    return ((await response.json()) as Json).items as Json[];
  };
  const getPayment = async (paymentId: string) => (await (await api(`/v1/payments/${paymentId}`, { token: portal })).json()) as Json;
  const onlineCounter = async () => {
    const counters = await new DynamoDbReportCounterRepository(stack.dependencies.dynamoDb.doc, stack.config.TABLE_NAME).queryCounters({ agencies: ['TRANBIEN'], from: DAY, to: DAY });
    return counters.find((counter) => counter.channel === 'ONLINE');
  };

  let firstRun: Json;
  let settlementCsv: string;

  it('pays a day through the mock bank with a dropped callback, an altered amount and a reversal', async () => {
    payments.normal1 = await createPayment(`${DAY}T09:00:00+07:00`);
    await pay(payments.normal1, `${DAY}T09:01:00+07:00`);
    payments.normal2 = await createPayment(`${DAY}T10:00:00+07:00`);
    await pay(payments.normal2, `${DAY}T10:01:00+07:00`);
    payments.dropped = await createPayment(`${DAY}T11:00:00+07:00`);
    await pay(payments.dropped, `${DAY}T11:01:00+07:00`, { drop: true });
    payments.altered = await createPayment(`${DAY}T12:00:00+07:00`);
    await pay(payments.altered, `${DAY}T12:01:00+07:00`, { alterAmount: 1000 });
    payments.reversed = await createPayment(`${DAY}T13:00:00+07:00`);
    await pay(payments.reversed, `${DAY}T13:01:00+07:00`, { reverse: true });
    payments.beforeMidnight = await createPayment(`${DAY}T23:50:00+07:00`);
    await pay(payments.beforeMidnight, `${DAY}T23:59:59+07:00`);
    payments.atMidnight = await createPayment(`${DAY}T23:55:00+07:00`);
    await pay(payments.atMidnight, `${NEXT_DAY}T00:00:00+07:00`);

    await callbacksSettled();
    for (const name of ['normal1', 'normal2', 'reversed', 'beforeMidnight', 'atMidnight'] as const) {
      expect([name, (await getPayment(payments[name].paymentId)).status]).toEqual([name, 'SUCCEEDED']);
    }
    // The callback carried 15 000 ₫ for a 14 000 ₫ payment: refused as a mismatch, the payment stays PENDING.
    expect((await getPayment(payments.altered.paymentId)).status).toBe('PENDING');
    expect((await getPayment(payments.dropped.paymentId)).status).toBe('PENDING');
    expect((await getPayment(payments.beforeMidnight.paymentId)).businessDate).toBe(DAY);
    expect((await getPayment(payments.atMidnight.paymentId)).businessDate).toBe(NEXT_DAY);
  });

  it('refuses a malformed settlement file with its line number and stores nothing', async () => {
    clock.set(`${NEXT_DAY}T08:00:00+07:00`);
    settlementCsv = await (await fetch(`${stack.url}/mock-bank/settlements/${DAY}.csv`)).text();
    const lines = settlementCsv.trimEnd().split('\n');
    expect(lines).toHaveLength(7); // header + 6 rows: the 00:00:00 payment is in the next day's file
    expect(settlementCsv).toContain(payments.beforeMidnight.paymentId);
    expect(settlementCsv).not.toContain(payments.atMidnight.paymentId);

    const broken = [...lines];
    broken[2] = broken[2]!.replace(',14000,', ',14.000,');
    const refused = await upload(DAY, `${broken.join('\n')}\n`);
    expect(refused.status).toBe(400);
    const error = ((await refused.json()) as Json).error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details[0].path).toBe('line 3: amount');
    expect((await api(`/v1/settlements/mock-bank/${DAY}`)).status).toBe(404);
    expect((await postJson('/v1/reconciliations', { provider: 'mock-bank', businessDate: DAY })).status).toBe(409);
  });

  it('takes the valid file: 201 with its rows and total', async () => {
    const response = await upload(DAY, settlementCsv);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ provider: 'mock-bank', businessDate: DAY, rows: 6, totalAmount: 4 * 14_000 + 15_000, uploadedBy: 'finance-province', uploadedAt: `${NEXT_DAY}T08:00:00+07:00` });
    const stored = (await (await api(`/v1/settlements/mock-bank/${DAY}`)).json()) as Json;
    expect(stored.current).toMatchObject({ rows: 6, checksumSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('finds exactly the dropped, altered and reversed payments, and auto-applies the dropped one', async () => {
    firstRun = await runReconciliation(DAY);
    expect(firstRun.summary).toMatchObject({
      internal: { count: 4, amount: 56_000 },
      provider: { count: 5, amount: 71_000 },
      matched: { count: 3, amount: 42_000 },
      discrepancies: { MISSING_INTERNAL: 1, AMOUNT_MISMATCH: 1, STATUS_MISMATCH: 1, MISSING_AT_PROVIDER: 0, DUPLICATE: 0, UNKNOWN_REFERENCE: 0, PENDING_NEXT_DAY: 0 },
      autoApplied: 1,
      reversalsRecorded: 1,
    });
    const items = await listDiscrepancies(firstRun.runId);
    const byType = Object.fromEntries(items.map((item) => [item.type, item]));
    expect(items).toHaveLength(3);
    expect(byType.MISSING_INTERNAL).toMatchObject({ paymentId: payments.dropped.paymentId, status: 'RESOLVED', autoApplied: true, resolution: { action: 'AUTO_APPLIED', by: 'reconciliation' } });
    expect(byType.AMOUNT_MISMATCH).toMatchObject({ paymentId: payments.altered.paymentId, status: 'OPEN', internalAmount: 14_000, providerAmount: 15_000, agencyCode: 'TRANBIEN' });
    expect(byType.STATUS_MISMATCH).toMatchObject({ paymentId: payments.reversed.paymentId, status: 'OPEN', providerStatus: 'REVERSED', reversalRecorded: true });

    const dropped = await getPayment(payments.dropped.paymentId);
    expect(dropped.status).toBe('SUCCEEDED');
    // The success, then its AutoApplied note (the notifier's e-receipt and portal events come in their own time).
    const notifierEvents = ['EReceiptIssued', 'PortalNotified'];
    expect(dropped.events.map((event: Json) => event.type).filter((type: string) => !notifierEvents.includes(type))).toEqual(['PaymentCreated', 'PaymentSucceeded', 'AutoApplied']);
    const reversed = await getPayment(payments.reversed.paymentId);
    expect(reversed.events.find((event: Json) => event.type === 'PaymentReversed')).toMatchObject({ settlementBusinessDate: DAY, providerTxnId: expect.stringMatching(/^MB/) });
    // Five successes of the day were counted (the dropped one by its auto-apply); the reversed one no longer counts.
    expect(await onlineCounter()).toMatchObject({ paymentTransactions: 4, amount: 56_000, dossiersPaid: 4 });
  });

  it('filters by type and status and pages with a cursor', async () => {
    expect((await listDiscrepancies(firstRun.runId, '?type=AMOUNT_MISMATCH')).map((item) => item.type)).toEqual(['AMOUNT_MISMATCH']);
    expect(await listDiscrepancies(firstRun.runId, '?status=OPEN')).toHaveLength(2);
    expect((await listDiscrepancies(firstRun.runId, '?status=RESOLVED')).map((item) => item.type)).toEqual(['MISSING_INTERNAL']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await api(`/v1/reconciliations/${firstRun.runId}/discrepancies?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json()) as Json;
      seen.push(...page.items.map((item: Json) => item.discrepancyId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(3);
    expect((await api(`/v1/reconciliations/${firstRun.runId}/discrepancies?cursor=bm90LWEtY3Vyc29y`)).status).toBe(400);
  });

  it('shows each caller its own agencies only', async () => {
    expect(await listDiscrepancies(firstRun.runId, '', province)).toHaveLength(3);
    expect(await listDiscrepancies(firstRun.runId, '', tranBienFinance)).toHaveLength(3);
    expect(await listDiscrepancies(firstRun.runId, '', stpFinance)).toHaveLength(0);
    const scoped = (await (await api(`/v1/reconciliations/${firstRun.runId}`, { token: stpFinance })).json()) as Json;
    expect(scoped.summary).toEqual({ scope: 'AGENCIES', agencies: ['STP'], internal: { count: 0, amount: 0 }, discrepancies: expect.objectContaining({ AMOUNT_MISMATCH: 0 }) });
    const own = (await (await api(`/v1/reconciliations/${firstRun.runId}`, { token: tranBienFinance })).json()) as Json;
    expect(own.summary).toMatchObject({ scope: 'AGENCIES', internal: { count: 4, amount: 56_000 }, discrepancies: { MISSING_INTERNAL: 1, AMOUNT_MISMATCH: 1, STATUS_MISMATCH: 1 } });
    expect(own.summary.provider).toBeUndefined();
    const item = (await listDiscrepancies(firstRun.runId, '?type=AMOUNT_MISMATCH'))[0]!;
    const other = await postJson(`/v1/reconciliations/${firstRun.runId}/discrepancies/${item.discrepancyId}/resolve`, { action: 'WRITE_OFF' }, stpFinance);
    expect(other.status).toBe(403);
    expect((await postJson(`/v1/reconciliations/${firstRun.runId}/discrepancies/${item.discrepancyId}/resolve`, { action: 'WRITE_OFF' }, province)).status).toBe(403);
  });

  it('resolves once (409 after), keeps notes and who did what', async () => {
    const [amount] = await listDiscrepancies(firstRun.runId, '?type=AMOUNT_MISMATCH');
    const [status] = await listDiscrepancies(firstRun.runId, '?type=STATUS_MISMATCH');
    clock.set(`${NEXT_DAY}T09:30:00+07:00`);
    const resolvePath = (item: Json) => `/v1/reconciliations/${firstRun.runId}/discrepancies/${item.discrepancyId}/resolve`;
    const resolved = await postJson(resolvePath(amount!), { action: 'WRITE_OFF', note: 'Ngân hàng thu thừa 1.000 ₫, đã đối chiếu' });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({
      status: 'RESOLVED',
      resolution: { action: 'WRITE_OFF', by: 'finance-province', at: `${NEXT_DAY}T09:30:00+07:00` },
      trail: [{ action: 'WRITE_OFF', by: 'finance-province' }],
    });
    const again = await postJson(resolvePath(amount!), { action: 'REFUND' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).error.code).toBe('ALREADY_RESOLVED');

    const noted = await postJson(resolvePath(status!), { action: 'NOTE', note: '=HYPERLINK("http://evil.example","bấm vào")' });
    expect(noted.status).toBe(200);
    const afterNote = (await noted.json()) as Json;
    expect(afterNote.status).toBe('OPEN');
    expect(afterNote.trail).toEqual([expect.objectContaining({ action: 'NOTE', note: '=HYPERLINK("http://evil.example","bấm vào")' })]);
    expect((await postJson(resolvePath(status!), { action: 'NOTE' })).status).toBe(400);
    const resolvedWithNote = await postJson(resolvePath(status!), { action: 'ACCEPT_PROVIDER', note: '=HYPERLINK("http://evil.example","bấm vào")' });
    expect(resolvedWithNote.status).toBe(200);
    const read = (await (await api(`/v1/reconciliations/${firstRun.runId}/discrepancies/${status!.discrepancyId}`)).json()) as Json;
    expect(read.trail.map((entry: Json) => entry.action)).toEqual(['NOTE', 'ACCEPT_PROVIDER']);
  });

  it('exports an XLSX that opens with the rows, numeric amounts and neutralised text', async () => {
    const response = await api(`/v1/reconciliations/${firstRun.runId}/export?format=xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain(`doi-soat-mock-bank-${DAY}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Mã thanh toán');
    expect(header).toContain('Số tiền nhà cung cấp (VND)');
    expect(sheet.rowCount).toBe(4);
    const column = (name: string) => header.indexOf(name) + 1;
    const rows = [2, 3, 4].map((r) => sheet.getRow(r));
    const amountRow = rows.find((row) => row.getCell(column('Loại')).value === 'AMOUNT_MISMATCH')!;
    expect(amountRow.getCell(column('Mã thanh toán')).value).toBe(payments.altered.paymentId);
    expect(amountRow.getCell(column('Số tiền trên hệ thống (VND)')).value).toBe(14_000);
    expect(amountRow.getCell(column('Số tiền nhà cung cấp (VND)')).value).toBe(15_000);
    expect(amountRow.getCell(column('Số tiền nhà cung cấp (VND)')).type).toBe(ExcelJS.ValueType.Number);
    const statusRow = rows.find((row) => row.getCell(column('Loại')).value === 'STATUS_MISMATCH')!;
    expect(statusRow.getCell(column('Ghi chú')).value).toBe('\'=HYPERLINK("http://evil.example","bấm vào")');
    expect(statusRow.getCell(column('Ghi chú')).type).toBe(ExcelJS.ValueType.String);

    const csvBytes = Buffer.from(await (await api(`/v1/reconciliations/${firstRun.runId}/export?format=csv`)).arrayBuffer());
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte order mark Excel needs for Vietnamese
    const csv = csvBytes.subarray(3).toString('utf8');
    expect(csv.startsWith('Mã chênh lệch,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm vào"")"`);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(4);
  });

  it('re-running the day changes nothing: same summary, same findings and decisions, nothing applied twice', async () => {
    const secondRun = await runReconciliation(DAY);
    expect(secondRun.runId).not.toBe(firstRun.runId);
    expect(secondRun.summary).toEqual(firstRun.summary);
    const first = await listDiscrepancies(firstRun.runId);
    const second = await listDiscrepancies(secondRun.runId);
    const comparable = (items: Json[]) => items.map(({ runId: _runId, ...rest }) => rest);
    expect(comparable(second)).toEqual(comparable(first));
    expect(second.map((item) => item.status)).toEqual(['RESOLVED', 'RESOLVED', 'RESOLVED']);

    const dropped = await getPayment(payments.dropped.paymentId);
    expect(dropped.events.filter((event: Json) => event.type === 'AutoApplied')).toHaveLength(1);
    const reversed = await getPayment(payments.reversed.paymentId);
    expect(reversed.events.filter((event: Json) => event.type === 'PaymentReversed')).toHaveLength(1);
    expect(await onlineCounter()).toMatchObject({ paymentTransactions: 4, amount: 56_000, dossiersPaid: 4 });

    const superseded = (await (await api(`/v1/reconciliations/${firstRun.runId}`)).json()) as Json;
    expect(superseded.supersededBy).toBe(secondRun.runId);
    // Both runs' findings are one case: a note through the old run joins the same trail, and a decision through either is refused.
    const [item] = await listDiscrepancies(firstRun.runId, '?type=STATUS_MISMATCH');
    const onOldRun = await postJson(`/v1/reconciliations/${firstRun.runId}/discrepancies/${item!.discrepancyId}/resolve`, { action: 'NOTE', note: 'muộn' });
    expect(onOldRun.status).toBe(200);
    const onNewRun = (await (await api(`/v1/reconciliations/${secondRun.runId}/discrepancies/${item!.discrepancyId}`)).json()) as Json;
    expect(onNewRun.caseId).toBe(item!.caseId);
    expect(onNewRun.trail.map((entry: Json) => entry.action)).toEqual(['NOTE', 'ACCEPT_PROVIDER', 'NOTE']);
    expect((await postJson(`/v1/reconciliations/${secondRun.runId}/discrepancies/${item!.discrepancyId}/resolve`, { action: 'WRITE_OFF' })).status).toBe(409);
  });

  it('reconciles the payment made at 00:00:00+07:00 on the next day', async () => {
    clock.set('2026-03-12T08:00:00+07:00');
    const csv = await (await fetch(`${stack.url}/mock-bank/settlements/${NEXT_DAY}.csv`)).text();
    expect(csv).toContain(payments.atMidnight.paymentId);
    expect((await upload(NEXT_DAY, csv)).status).toBe(201);
    const run = await runReconciliation(NEXT_DAY);
    expect(run.summary).toMatchObject({ internal: { count: 1, amount: 14_000 }, matched: { count: 1, amount: 14_000 }, carriedOver: 0 });
    expect(Object.values(run.summary.discrepancies as Record<string, number>).every((count) => count === 0)).toBe(true);
    expect(run.carriedOverFromRunId).toBeDefined();
  });

  it('shows a reference the service never issued only to callers who see every agency', async () => {
    const csv = 'provider_txn_id,payment_id,amount,fee,status,paid_at\nMB999999999999,pay_NEVER0ISSUED00000000000,50000,400,SUCCEEDED,2026-03-12T10:00:00+07:00\n';
    clock.set('2026-03-13T08:00:00+07:00');
    expect((await upload('2026-03-12', csv)).status).toBe(201);
    const run = await runReconciliation('2026-03-12');
    expect(run.summary.discrepancies.UNKNOWN_REFERENCE).toBe(1);
    expect((await listDiscrepancies(run.runId, '', province)).map((item) => item.type)).toEqual(['UNKNOWN_REFERENCE']);
    expect(await listDiscrepancies(run.runId, '', tranBienFinance)).toEqual([]);
  });

  it('answers 401, 403 and 400 on the reconciliation routes', async () => {
    expect((await fetch(`${stack.url}/v1/reconciliations`, { method: 'POST' })).status).toBe(401);
    expect((await postJson('/v1/reconciliations', { provider: 'mock-bank', businessDate: DAY }, portal)).status).toBe(403);
    expect((await postJson('/v1/reconciliations', { provider: 'mock-bank', businessDate: DAY }, province)).status).toBe(403);
    const bad = await postJson('/v1/reconciliations', { provider: 'bank-x', businessDate: '2026-02-30' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).error.details.map((detail: Json) => detail.path).sort()).toEqual(['businessDate', 'provider']);
    const wrongType = await api(`/v1/settlements/mock-bank/${DAY}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    expect((await api('/v1/reconciliations/rec_0000000000AAAAAAAAAAA')).status).toBe(404);
    expect((await api(`/v1/settlements/mock-bank/${DAY}/upload-url`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sizeBytes: 1000 }) })).status).toBe(501);
  });
});
