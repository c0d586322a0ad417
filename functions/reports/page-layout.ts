import { createHash } from 'node:crypto';
import { html, trusted, type SafeHtml } from '../http/html';
import { text, type ApiResponse } from '../http/responses';

/**
 * The frame of the report pages: one inline style sheet, no script, no external resource (the pages
 * must work with no network, and a page without script cannot be made to run one). The Content
 * Security Policy allows exactly that style sheet by its hash and nothing else.
 */
const STYLE = `
:root { --ink: #1d2733; --muted: #5b6776; --line: #dde3ea; --bg: #f3f6f9; --brand: #12355b; --met: #1b7a3a; --missed: #c0392b; --none: #9aa5b1; --accent: #1f6fb2; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; font-size: 14px; color: var(--ink); background: var(--bg); }
header.top { background: var(--brand); color: #fff; padding: 14px 28px; display: flex; align-items: center; justify-content: space-between; gap: 16px; }
header.top h1 { font-size: 20px; margin: 0; font-weight: 600; }
header.top .sub { font-size: 13px; opacity: .85; margin-top: 2px; }
header.top .who { font-size: 13px; display: flex; align-items: center; gap: 10px; }
header.top .who button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.6); border-radius: 4px; padding: 4px 10px; cursor: pointer; font: inherit; }
main { padding: 18px 28px 32px; max-width: 1360px; margin: 0 auto; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin-bottom: 16px; }
section h2 { font-size: 16px; margin: 0 0 4px; }
section p.note { color: var(--muted); margin: 0 0 12px; font-size: 13px; }
form.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 12px 16px; }
form.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 4px; }
form.filters input, form.filters select { font: inherit; padding: 6px 8px; border: 1px solid #b9c3ce; border-radius: 4px; background: #fff; color: var(--ink); min-width: 140px; }
.button { font: inherit; display: inline-block; padding: 7px 14px; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; text-decoration: none; cursor: pointer; }
.button.secondary { background: #fff; color: var(--accent); }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 14px; margin-bottom: 16px; }
.kpi { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--none); border-radius: 8px; padding: 14px 16px; }
.kpi.met { border-left-color: var(--met); }
.kpi.missed { border-left-color: var(--missed); }
.kpi .label { color: var(--muted); font-size: 13px; }
.kpi .value { font-size: 30px; font-weight: 700; margin: 4px 0 2px; }
.kpi .detail { font-size: 13px; color: var(--muted); }
.kpi .verdict { margin-top: 8px; font-weight: 600; }
.kpi .verdict .target { color: var(--muted); font-weight: normal; font-size: 13px; }
.status { font-weight: 600; white-space: nowrap; }
.status.met { color: var(--met); }
.status.missed { color: var(--missed); }
.status.none { color: var(--muted); font-weight: normal; }
.gap { color: var(--missed); font-size: 13px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 16px; }
.chart h3 { font-size: 14px; margin: 4px 0 6px; }
.chart svg { width: 100%; height: auto; display: block; }
.legend { display: flex; gap: 16px; font-size: 12px; color: var(--muted); margin-top: 4px; }
.legend .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.legend .swatch.met { background: var(--met); }
.legend .swatch.missed { background: var(--missed); }
.legend .swatch.target { background: none; border-top: 2px dashed var(--ink); height: 0; width: 16px; vertical-align: 3px; border-radius: 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 7px 8px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
td { white-space: nowrap; }
td.key { white-space: normal; min-width: 210px; }
th { background: #eef2f6; color: #314152; font-weight: 600; font-size: 12px; position: sticky; top: 0; }
th:first-child, td:first-child, th.text, td.text { text-align: left; }
td.key .code { color: var(--muted); font-size: 12px; display: block; }
tfoot td { font-weight: 700; background: #f7f9fb; border-top: 2px solid #b9c3ce; }
.table-wrap { overflow-x: auto; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; line-height: 1.6; }
footer dt { font-weight: 600; color: var(--ink); }
footer dd { margin: 0 0 6px; }
.login { max-width: 560px; margin: 48px auto; }
.login textarea { width: 100%; font-family: "DejaVu Sans Mono", monospace; font-size: 12px; padding: 8px; border: 1px solid #b9c3ce; border-radius: 4px; }
.error { color: var(--missed); font-weight: 600; }
code { background: #eef2f6; padding: 1px 4px; border-radius: 3px; font-size: 12px; }
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  // Same-origin only: the pages link nowhere else, and a POST keeps a real Origin to be checked.
  'referrer-policy': 'same-origin',
  'cache-control': 'private, no-store',
};

export function page(title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${trusted(STYLE)}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function htmlResponse(statusCode: number, markup: SafeHtml, headers: Record<string, string> = {}): ApiResponse {
  return text(statusCode, markup.value, 'text/html; charset=utf-8', { ...PAGE_SECURITY_HEADERS, ...headers });
}
