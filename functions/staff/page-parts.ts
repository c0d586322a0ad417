import { html, type HtmlValue, type SafeHtml } from '../http/html';

/**
 * The pieces every workbench page is built of, in the GOV.UK Design System's habits: an error
 * summary at the top whose entries link to the fields, the message next to its field, radios and
 * selects with plain labels, a banner confirming what just happened. Each field's id is its name, so
 * an error summary link (#name) lands on the field.
 */
export interface FieldError {
  /** The form field's name (and id). */
  readonly field: string;
  /** Vietnamese, saying what to do. */
  readonly message: string;
}

export function errorSummary(errors: readonly FieldError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Có lỗi cần sửa</h2>
<ul>${errors.map((error) => html`<li><a href="#${error.field}">${error.message}</a></li>`)}</ul>
</div>`;
}

export function errorFor(errors: readonly FieldError[], field: string): FieldError | undefined {
  return errors.find((error) => error.field === field);
}

function fieldMessage(error: FieldError | undefined): SafeHtml {
  return error ? html`<span class="error-message" id="${error.field}-error"><span class="visually-hidden">Lỗi:</span> ${error.message}</span>` : html``;
}

export interface TextFieldSpec {
  readonly name: string;
  readonly label: string;
  readonly value?: string;
  readonly hint?: string;
  readonly type?: 'text' | 'search' | 'number' | 'file';
  readonly inputmode?: 'numeric' | 'text';
  readonly autocomplete?: string;
  readonly accept?: string;
  readonly width?: 'short' | 'medium' | 'long';
}

export function textField(spec: TextFieldSpec, errors: readonly FieldError[] = []): SafeHtml {
  const error = errorFor(errors, spec.name);
  const described = [spec.hint ? `${spec.name}-hint` : '', error ? `${spec.name}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="form-group${error ? ' has-error' : ''}">
<label for="${spec.name}">${spec.label}</label>
${spec.hint ? html`<p class="hint" id="${spec.name}-hint">${spec.hint}</p>` : ''}
${fieldMessage(error)}
<input class="input input-${spec.width ?? 'medium'}" id="${spec.name}" name="${spec.name}" type="${spec.type ?? 'text'}"${spec.type === 'file' ? '' : html` value="${spec.value ?? ''}"`}${spec.inputmode ? html` inputmode="${spec.inputmode}"` : ''}${spec.accept ? html` accept="${spec.accept}"` : ''} autocomplete="${spec.autocomplete ?? 'off'}"${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}>
</div>`;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
}

export function radioGroup(spec: { name: string; legend: string; choices: readonly Choice[]; checked?: string; hint?: string }, errors: readonly FieldError[] = []): SafeHtml {
  const error = errorFor(errors, spec.name);
  // The summary links to #name: the first radio carries the group's name as id.
  return html`<fieldset class="form-group${error ? ' has-error' : ''}"${error ? html` aria-describedby="${spec.name}-error"` : ''}>
<legend>${spec.legend}</legend>
${spec.hint ? html`<p class="hint">${spec.hint}</p>` : ''}
${fieldMessage(error)}
<div class="radios">${spec.choices.map((choice, i) => {
    const id = i === 0 ? spec.name : `${spec.name}-${i + 1}`;
    return html`<div class="radio"><input type="radio" id="${id}" name="${spec.name}" value="${choice.value}"${choice.value === spec.checked ? ' checked' : ''}${choice.hint ? html` aria-describedby="${id}-hint"` : ''}><label for="${id}">${choice.label}</label>${choice.hint ? html`<p class="hint" id="${id}-hint">${choice.hint}</p>` : ''}</div>`;
  })}</div>
</fieldset>`;
}

export function selectField(spec: { name: string; label: string; choices: readonly Choice[]; selected?: string; anyLabel?: string }, errors: readonly FieldError[] = []): SafeHtml {
  const error = errorFor(errors, spec.name);
  return html`<div class="form-group${error ? ' has-error' : ''}">
<label for="${spec.name}">${spec.label}</label>
${fieldMessage(error)}
<select class="select" id="${spec.name}" name="${spec.name}"${error ? html` aria-describedby="${spec.name}-error" aria-invalid="true"` : ''}>
${spec.anyLabel !== undefined ? html`<option value="">${spec.anyLabel}</option>` : ''}
${spec.choices.map((choice) => html`<option value="${choice.value}"${choice.value === spec.selected ? ' selected' : ''}>${choice.label}</option>`)}
</select>
</div>`;
}

export function textArea(spec: { name: string; label: string; value?: string; hint?: string; maxLength?: number }, errors: readonly FieldError[] = []): SafeHtml {
  const error = errorFor(errors, spec.name);
  return html`<div class="form-group${error ? ' has-error' : ''}">
<label for="${spec.name}">${spec.label}</label>
${spec.hint ? html`<p class="hint" id="${spec.name}-hint">${spec.hint}</p>` : ''}
${fieldMessage(error)}
<textarea class="textarea" id="${spec.name}" name="${spec.name}" rows="3"${spec.maxLength ? html` maxlength="${spec.maxLength}"` : ''}${spec.hint ? html` aria-describedby="${spec.name}-hint"` : ''}>${spec.value ?? ''}</textarea>
</div>`;
}

/** A green confirmation of what just happened (after a 303 back to the page). */
export function successBanner(message: string | undefined): SafeHtml {
  return message ? html`<div class="notice success" role="status"><p>${message}</p></div>` : html``;
}

/** A neutral notice (nothing to show, read-only view, …). */
export function notice(message: HtmlValue): SafeHtml {
  return html`<div class="notice"><p>${message}</p></div>`;
}

/** A definition list of facts: label → value. */
export function summaryList(rows: readonly (readonly [string, HtmlValue])[]): SafeHtml {
  return html`<dl class="summary">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

/** A table that scrolls sideways on narrow screens instead of overflowing the page. */
export function dataTable(spec: { caption: string; headers: readonly string[]; rows: readonly (readonly HtmlValue[])[]; numeric?: readonly number[] }): SafeHtml {
  const numeric = new Set(spec.numeric ?? []);
  return html`<div class="table-wrap" role="region" aria-label="${spec.caption}" tabindex="0"><table>
<caption class="visually-hidden">${spec.caption}</caption>
<thead><tr>${spec.headers.map((header, i) => html`<th scope="col"${numeric.has(i) ? html` class="number"` : ''}>${header}</th>`)}</tr></thead>
<tbody>${spec.rows.map((row) => html`<tr>${row.map((cell, i) => html`<td${numeric.has(i) ? html` class="number"` : ''}>${cell}</td>`)}</tr>`)}</tbody>
</table></div>`;
}
