import { html, type SafeHtml } from '../http/html';
import { errorSummary, selectField, textField, type Choice, type FieldError } from './page-parts';
import { csrfField } from './staff-layout';

/** The upload form (/staff/settlements/upload): which provider, which day, which file. */
export interface UploadView {
  readonly csrfToken: string;
  readonly providerChoices: readonly Choice[];
  readonly provider: string;
  readonly dateText: string;
  readonly errors: readonly FieldError[];
}

export function uploadBody(view: UploadView): SafeHtml {
  return html`<p><a class="back-link" href="/staff">Quay lại bảng đối soát</a></p>
${errorSummary(view.errors)}
<h1>Tải file đối soát lên</h1>
<p class="lead">File CSV mã UTF-8 của nhà cung cấp cho một ngày. File hợp lệ sẽ thay file trước đó của ngày đó; file có lỗi không được lưu.</p>
<form method="post" action="/staff/settlements/upload" enctype="multipart/form-data" novalidate>
${csrfField(view.csrfToken)}
${selectField({ name: 'provider', label: 'Nhà cung cấp', choices: view.providerChoices, selected: view.provider }, view.errors)}
${textField({ name: 'businessDate', label: 'Ngày đối soát', hint: 'Ngày/tháng/năm, ví dụ 07/03/2026', value: view.dateText, width: 'short', inputmode: 'numeric' }, view.errors)}
${textField({ name: 'file', label: 'File đối soát (.csv)', type: 'file', accept: '.csv,text/csv' }, view.errors)}
<button class="button" type="submit">Tải lên</button>
</form>`;
}
