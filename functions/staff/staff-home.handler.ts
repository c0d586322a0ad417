import { html } from '../http/html';
import { staffHandler } from './staff-handler';
import { agenciesLabel, roleLabel, staffPage } from './staff-layout';

/**
 * GET /staff — the staff home: the daily reconciliation board. Until the board is built here, it
 * greets the signed-in person and says what they may do.
 */
export const handler = staffHandler({ roles: ['finance', 'province'] }, async (request) => {
  const { principal, csrfToken } = request;
  return staffPage(200, {
    title: 'Bảng đối soát',
    principal,
    csrfToken,
    active: 'board',
    body: html`<h1>Bảng đối soát</h1>
<p class="lead">Xin chào ${principal.displayName}.</p>
<dl class="summary">
<dt>Vai trò</dt><dd>${roleLabel(principal)}</dd>
<dt>Cơ quan</dt><dd>${agenciesLabel(principal)}</dd>
</dl>`,
  });
});
