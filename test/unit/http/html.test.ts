// Proves the HTML templates escape every interpolated value, in text and attributes, unless it is markup built by the templates themselves.
import { escapeHtml, html, trusted } from '../../../functions/http/html';

describe('html templates', () => {
  it('escapes the five characters that can open markup or leave an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('escapes interpolated strings and numbers, keeps nested templates, and renders nothing for null, undefined and false', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(html`<td title="${name}">${name}</td>`.value).toBe('<td title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html`<ul>${['<b>', html`<li>${'a&b'}</li>`]}</ul>`.value).toBe('<ul>&lt;b&gt;<li>a&amp;b</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
    expect(html`${trusted('<hr>')}`.value).toBe('<hr>');
  });
});
