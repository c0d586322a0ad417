import { createHash } from 'node:crypto';

/**
 * The staff pages' one style sheet, served by the service itself (/staff/assets/staff.css) so the
 * Content Security Policy can say `style-src 'self'` and no page needs an inline style. It lives in a
 * module rather than a file so every bundle that renders a page carries it without copying files.
 * Narrow screens: the navigation wraps, tables scroll inside their own box, forms take the full width.
 */
export const STAFF_STYLESHEET = `
:root { --ink: #0b0c0c; --muted: #505a5f; --line: #b1b4b6; --soft: #f3f2f1; --brand: #12355b; --link: #1d70b8; --focus: #ffdd00; --error: #d4351c; --ok: #00703c; --met: #1b7a3a; --missed: #c0392b; --none: #9aa5b1; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; font-size: 16px; line-height: 1.45; color: var(--ink); background: #fff; }
a { color: var(--link); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: inset 0 0 0 2px var(--ink); }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: 0; padding: 0; overflow: hidden; clip: rect(0 0 0 0); border: 0; white-space: nowrap; }
.skip-link { position: absolute; left: -9999px; top: 0; background: var(--focus); color: var(--ink); padding: 8px 12px; z-index: 10; }
.skip-link:focus { left: 8px; top: 8px; }
.staff-header { background: var(--brand); color: #fff; padding: 10px 24px; display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px 24px; }
.staff-header .service { font-size: 18px; font-weight: 700; color: #fff; text-decoration: none; }
.staff-header .who { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; font-size: 14px; }
.staff-header .who .name { font-weight: 700; }
.staff-header form { margin: 0; }
.staff-header button { background: transparent; color: #fff; border: 2px solid #fff; border-radius: 0; padding: 4px 12px; font: inherit; cursor: pointer; }
.staff-nav { background: var(--soft); border-bottom: 1px solid var(--line); padding: 0 24px; }
.staff-nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 4px; }
.staff-nav a { display: block; padding: 12px 12px; text-decoration: none; font-weight: 700; color: var(--link); border-bottom: 4px solid transparent; }
.staff-nav a[aria-current="page"] { color: var(--ink); border-bottom-color: var(--link); }
main { display: block; padding: 24px; max-width: 1280px; margin: 0 auto; }
main:focus { outline: none; }
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 20px; }
h2 { font-size: 22px; margin: 28px 0 12px; }
h3 { font-size: 18px; margin: 20px 0 8px; }
p { margin: 0 0 16px; }
.lead { font-size: 19px; }
.muted, .hint { color: var(--muted); }
.hint { display: block; font-size: 15px; margin-bottom: 6px; }
.panel { border: 1px solid var(--line); padding: 16px 18px; margin-bottom: 20px; background: #fff; }
.form-group { margin-bottom: 20px; }
.form-group.has-error { border-left: 5px solid var(--error); padding-left: 12px; }
label, .label { display: block; font-weight: 700; margin-bottom: 4px; }
input[type="text"], input[type="password"], input[type="search"], input[type="number"], input[type="file"], select, textarea { font: inherit; width: 100%; max-width: 28em; padding: 6px 8px; border: 2px solid var(--ink); border-radius: 0; background: #fff; color: var(--ink); }
.has-error input, .has-error select, .has-error textarea { border-color: var(--error); }
.error-message { display: block; color: var(--error); font-weight: 700; margin-bottom: 6px; }
.error-summary { border: 5px solid var(--error); padding: 16px 18px; margin-bottom: 24px; }
.error-summary h2 { margin-top: 0; }
.error-summary ul { margin: 0; padding-left: 20px; }
.error-summary a { color: var(--error); font-weight: 700; }
.notice { border-left: 5px solid var(--link); background: var(--soft); padding: 12px 16px; margin-bottom: 20px; }
.notice.success { border-left-color: var(--ok); }
.button, button.button { font: inherit; display: inline-block; padding: 8px 16px; border: 0; border-radius: 0; background: var(--ok); color: #fff; text-decoration: none; cursor: pointer; box-shadow: 0 2px 0 #002d18; margin: 0 8px 8px 0; }
.button.secondary { background: var(--soft); color: var(--ink); box-shadow: 0 2px 0 #929191; }
.button.warning { background: var(--error); box-shadow: 0 2px 0 #55150b; }
/* Positioned, so the visually hidden text of its buttons is placed inside it and cannot widen a narrow page. */
.table-wrap { overflow-x: auto; margin-bottom: 20px; position: relative; }
table { border-collapse: collapse; width: 100%; font-size: 15px; }
th, td { padding: 8px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 700; background: var(--soft); }
td.number, th.number { text-align: right; white-space: nowrap; }
.tag { display: inline-block; padding: 2px 8px; font-size: 14px; font-weight: 700; background: #e8f1f8; color: #0c2d4a; }
.tag.open { background: #fcd6c3; color: #6e3619; }
.tag.done { background: #cce2d8; color: #005a30; }
dl.summary { display: grid; grid-template-columns: minmax(10em, max-content) 1fr; gap: 6px 20px; margin: 0 0 20px; }
dl.summary dt { font-weight: 700; }
dl.summary dd { margin: 0; }
.staff-footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 14px; padding: 16px 24px; }
.login { max-width: 36em; }
/* The provincial dashboard's parts. */
main section { margin-bottom: 28px; }
.note { color: var(--muted); font-size: 15px; }
section footer { color: var(--muted); font-size: 14px; }
section footer dt { font-weight: 700; color: var(--ink); }
section footer dd { margin: 0 0 6px; }
.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 12px 16px; margin-bottom: 16px; }
.filters .form-group { margin-bottom: 0; }
.filters input, .filters select { min-width: 10em; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(15em, 1fr)); gap: 14px; margin-bottom: 16px; }
.kpi { border: 1px solid var(--line); border-left: 6px solid var(--none); padding: 14px 16px; }
.kpi.met { border-left-color: var(--met); }
.kpi.missed { border-left-color: var(--missed); }
.kpi .label { color: var(--muted); font-size: 14px; font-weight: normal; }
.kpi .value { font-size: 30px; font-weight: 700; margin: 4px 0 2px; }
.kpi .detail { font-size: 14px; color: var(--muted); }
.kpi .verdict { margin-top: 8px; font-weight: 700; }
.kpi .verdict .target { color: var(--muted); font-weight: normal; font-size: 14px; }
.status { font-weight: 700; white-space: nowrap; }
.status.met { color: var(--met); }
.status.missed { color: var(--missed); }
.status.none { color: var(--muted); font-weight: normal; }
.gap { color: var(--missed); font-size: 14px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 34em), 1fr)); gap: 16px; }
.chart svg { width: 100%; height: auto; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; font-size: 14px; color: var(--muted); margin-top: 4px; }
.legend .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.legend .swatch.met { background: var(--met); }
.legend .swatch.missed { background: var(--missed); }
.legend .swatch.target { background: none; border-top: 2px dashed var(--ink); height: 0; width: 16px; vertical-align: 3px; }
td.key { min-width: 12em; }
td.key .code { color: var(--muted); font-size: 13px; display: block; }
tfoot td { font-weight: 700; background: var(--soft); border-top: 2px solid var(--line); }
.empty { color: var(--muted); font-style: italic; }
.filters .button { margin-bottom: 0; }
/* The workbench pages' parts (board, runs, cases, counter payments, lookup). */
.actions { display: flex; flex-wrap: wrap; gap: 6px 8px; }
.actions form { margin: 0; }
.actions .button { margin: 0; white-space: nowrap; }
.radios .radio { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 10px; margin-bottom: 10px; }
.radios .radio input { width: 22px; height: 22px; margin: 0; }
.radios .radio label { display: inline; font-weight: normal; }
.radios .radio .hint { flex-basis: 100%; margin: 2px 0 0 32px; }
fieldset { border: 0; padding: 0; margin: 0 0 20px; }
legend { font-weight: 700; font-size: 18px; margin-bottom: 8px; }
.case-list { list-style: none; padding: 0; margin: 0 0 20px; }
.case-item { border-top: 1px solid var(--line); padding: 14px 0; }
.case-item h3 { margin-top: 0; }
.inline-facts { display: flex; flex-wrap: wrap; gap: 6px 24px; margin: 0; font-size: 15px; }
.inline-facts dt { color: var(--muted); }
.inline-facts dd { margin: 0; font-weight: 700; }
.timeline { padding-left: 20px; }
.timeline li { margin-bottom: 8px; }
.timeline .note { margin: 2px 0 0; color: var(--muted); white-space: pre-wrap; }
.back-link { display: inline-block; margin-bottom: 12px; }
.input-short { max-width: 12em; }
.input-long { max-width: 36em; }
@media (max-width: 640px) {
  .staff-header, .staff-nav, main, .staff-footer { padding-left: 12px; padding-right: 12px; }
  h1 { font-size: 24px; }
  .staff-nav a { padding: 10px 8px; }
  dl.summary { grid-template-columns: 1fr; }
}
@media print { .staff-nav, .staff-header form, .skip-link { display: none; } }
`;

/** A short content hash: the URL changes when the sheet does, so it may be cached for long. */
export const STAFF_STYLESHEET_VERSION = createHash('sha256').update(STAFF_STYLESHEET).digest('hex').slice(0, 12);
export const STAFF_STYLESHEET_PATH = `/staff/assets/staff.css?v=${STAFF_STYLESHEET_VERSION}`;
