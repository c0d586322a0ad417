/**
 * Pays (or fails, or cancels) on a mock provider's page the way a citizen's browser does: the page's
 * form posts the signed link fields back with the chosen action. `waitForCallback` makes the mock
 * answer only once its callback has been delivered, so the caller can look at the result at once.
 * Used by the demo generator and the tests.
 */
export async function actOnPaymentPage(paymentUrl: string, action: 'pay' | 'fail' | 'cancel'): Promise<Response> {
  const url = new URL(paymentUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set('action', action);
  form.set('waitForCallback', '1');
  return fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
}
