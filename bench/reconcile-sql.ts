/**
 * The reconciliation rules of domain/reconciliation/RULES.md as one DuckDB query over the same CSV
 * files the engine reads: the benchmark's peer and an independent check of the engine's counts.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { ReconciliationSummary } from '../domain/reconciliation/discrepancy';

export interface SqlInputs {
  internalCsv: string;
  settlementCsv: string;
  carriedOverCsv: string;
  windowStartMs: number;
}

const quote = (path: string) => `'${path.replaceAll("'", "''")}'`;

/**
 * Line numbers: `row_number() OVER ()` over a CSV scan follows the file's order while
 * preserve_insertion_order is on (DuckDB's default); line = 1 + that number, the header being line 1.
 * Only repeats and second claims depend on line order; the unit test "agree where the order of rows
 * decides the outcome" covers them.
 */
export function reconciliationSql(inputs: SqlInputs): string {
  const { windowStartMs } = inputs;
  return `
WITH
settlement AS (
  SELECT row_number() OVER () + 1 AS line, provider_txn_id, payment_id, amount, fee, status
  FROM read_csv(${quote(inputs.settlementCsv)}, header = true, auto_detect = false, columns = {
    'provider_txn_id': 'VARCHAR', 'payment_id': 'VARCHAR', 'amount': 'BIGINT', 'fee': 'BIGINT',
    'status': 'VARCHAR', 'paid_at': 'VARCHAR'})
),
day_transactions AS (
  SELECT payment_id, dossier_id, amount, status, epoch_ms(paid_at) AS paid_ms
  FROM read_csv(${quote(inputs.internalCsv)}, header = true, auto_detect = false, columns = {
    'payment_id': 'VARCHAR', 'provider_txn_id': 'VARCHAR', 'dossier_id': 'VARCHAR', 'amount': 'BIGINT',
    'status': 'VARCHAR', 'paid_at': 'TIMESTAMPTZ'})
),
known AS (
  SELECT payment_id, amount, status, paid_ms, false AS carried FROM day_transactions
  UNION ALL
  SELECT payment_id, amount, 'SUCCEEDED', epoch_ms(CAST(paid_at AS TIMESTAMPTZ)), true
  FROM read_csv(${quote(inputs.carriedOverCsv)}, header = true, auto_detect = false, columns = {
    'payment_id': 'VARCHAR', 'dossier_id': 'VARCHAR', 'amount': 'BIGINT', 'paid_at': 'VARCHAR',
    'business_date': 'VARCHAR'})
),
-- Rule 1: a row is a repeat when an earlier line has its provider_txn_id. Aggregates and joins
-- rather than partitioned windows: the same result, and DuckDB runs them faster in less memory.
first_lines AS (SELECT provider_txn_id, min(line) AS first_line FROM settlement GROUP BY ALL),
ranked AS (
  SELECT s.*, CASE WHEN s.line = f.first_line THEN 1 ELSE 2 END AS txn_occurrence
  FROM settlement s JOIN first_lines f USING (provider_txn_id)
),
-- Rule 4: the first non-repeat SUCCEEDED row of a payment claims it; later ones are duplicates.
claim_lines AS (
  SELECT payment_id, min(line) AS claim_line FROM ranked
  WHERE txn_occurrence = 1 AND status = 'SUCCEEDED' GROUP BY ALL
),
rows_with_payment AS (
  SELECT r.*, k.payment_id IS NOT NULL AS is_known, k.amount AS internal_amount,
         k.status AS internal_status, k.carried,
         CASE WHEN r.line > c.claim_line THEN 2 ELSE 1 END AS claim_rank
  FROM ranked r
  LEFT JOIN known k ON k.payment_id = r.payment_id
  LEFT JOIN claim_lines c ON c.payment_id = r.payment_id
),
row_outcomes AS (
  SELECT *, CASE
      WHEN txn_occurrence > 1 THEN 'DUPLICATE'
      WHEN NOT is_known THEN 'UNKNOWN_REFERENCE'
      WHEN status = 'REVERSED' THEN CASE WHEN internal_status = 'SUCCEEDED' THEN 'STATUS_MISMATCH' ELSE 'REVERSED_AGREED' END
      WHEN claim_rank > 1 THEN 'DUPLICATE'
      WHEN amount <> internal_amount THEN 'AMOUNT_MISMATCH'
      WHEN internal_status = 'SUCCEEDED' THEN CASE WHEN carried THEN 'CARRIED_OVER_SETTLED' ELSE 'MATCHED' END
      ELSE 'MISSING_INTERNAL'
    END AS outcome
  FROM rows_with_payment
),
-- Rule 6: a payment is seen when a non-repeat row of any status refers to it.
seen AS (SELECT DISTINCT payment_id FROM ranked WHERE txn_occurrence = 1),
unsettled AS (
  SELECT CASE WHEN carried THEN 'MISSING_AT_PROVIDER'
              WHEN paid_ms >= ${windowStartMs} THEN 'PENDING_NEXT_DAY'
              ELSE 'MISSING_AT_PROVIDER' END AS outcome
  FROM known k
  WHERE status = 'SUCCEEDED' AND NOT EXISTS (SELECT 1 FROM seen s WHERE s.payment_id = k.payment_id)
),
dossier_repeats AS (
  SELECT COALESCE(sum(n - 1), 0) AS n FROM (
    SELECT count(*) AS n FROM day_transactions WHERE status = 'SUCCEEDED' GROUP BY dossier_id)
),
outcome_counts AS (
  SELECT outcome, count(*) AS n, COALESCE(sum(amount), 0) AS amount,
         count(*) FILTER (WHERE outcome = 'MISSING_INTERNAL' AND internal_status IN ('PENDING', 'EXPIRED')) AS auto_apply
  FROM row_outcomes GROUP BY outcome
  UNION ALL
  SELECT outcome, count(*), 0, 0 FROM unsettled GROUP BY outcome
  UNION ALL
  SELECT 'DUPLICATE', n, 0, 0 FROM dossier_repeats
)
SELECT 'outcome' AS kind, outcome AS name, sum(n)::BIGINT AS n, sum(amount)::BIGINT AS amount, sum(auto_apply)::BIGINT AS extra
FROM outcome_counts GROUP BY outcome
UNION ALL
SELECT 'internal', 'internal', count(*), COALESCE(sum(amount), 0), 0
FROM day_transactions WHERE status = 'SUCCEEDED'
UNION ALL
SELECT 'provider', status, count(*), COALESCE(sum(amount), 0), COALESCE(sum(fee), 0) FROM settlement GROUP BY status
`;
}

export async function runSqlReconciliation(inputs: SqlInputs): Promise<ReconciliationSummary> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(reconciliationSql(inputs));
    const summary: ReconciliationSummary = {
      internal: { count: 0, amount: 0 },
      provider: { count: 0, amount: 0, fee: 0 },
      matched: { count: 0, amount: 0 },
      discrepancies: {
        MISSING_INTERNAL: 0, MISSING_AT_PROVIDER: 0, AMOUNT_MISMATCH: 0, STATUS_MISMATCH: 0, DUPLICATE: 0,
        UNKNOWN_REFERENCE: 0, PENDING_NEXT_DAY: 0,
      },
      rows: 0,
      providerReversed: { count: 0, amount: 0 },
      carriedOverSettled: { count: 0, amount: 0 },
      autoApplicable: 0,
    };
    for (const row of reader.getRowObjects()) {
      const name = String(row.name);
      const n = Number(row.n);
      const amount = Number(row.amount);
      const extra = Number(row.extra);
      if (row.kind === 'internal') {
        summary.internal = { count: n, amount };
      } else if (row.kind === 'provider') {
        summary.rows += n;
        summary.provider.fee += extra;
        if (name === 'SUCCEEDED') Object.assign(summary.provider, { count: n, amount });
        else summary.providerReversed = { count: n, amount };
      } else if (name === 'MATCHED') {
        summary.matched = { count: n, amount };
      } else if (name === 'CARRIED_OVER_SETTLED') {
        summary.carriedOverSettled = { count: n, amount };
      } else if (name !== 'REVERSED_AGREED') {
        summary.discrepancies[name as keyof ReconciliationSummary['discrepancies']] += n;
        summary.autoApplicable += extra;
      }
    }
    return summary;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
