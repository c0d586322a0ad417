import document from '../../data/receipt-series.json';
import { parseReceiptSeriesConfig, type ReceiptSeriesConfig } from '../../domain/receipts/receipt-series';

let loaded: ReceiptSeriesConfig | undefined;

/** data/receipt-series.json, checked once per cold start: a bad edit fails the first issue loudly, naming the field. */
export function shippedReceiptSeries(): ReceiptSeriesConfig {
  loaded ??= parseReceiptSeriesConfig(document);
  return loaded;
}
