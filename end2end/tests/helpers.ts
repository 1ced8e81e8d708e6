import { APIRequestContext, BrowserContext, Page, TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import * as fs from 'node:fs';
import { expect, test } from './fixtures';

export const jsEnabled = (testInfo: TestInfo) => testInfo.project.name === 'js';

/** Waits until the page's islands have hydrated: the islands loader marks
 *  <html data-hydrated="true"> once every <leptos-island> is live. Returns at once where
 *  nothing will hydrate: with JavaScript off, on a page without islands (it gets no wasm
 *  at all), and on a lite page (no scripts at all; every other page has at least the inline
 *  script registering the service worker). Call it once the page to check has arrived. */
export async function waitForHydration(page: Page) {
  if (!jsEnabled(test.info())) return;
  await page.waitForLoadState('domcontentloaded');
  const islands = await page.locator('leptos-island').count();
  if (islands === 0) return;
  const scripts = await page.locator('script:not([type]), script[type="module"], script[type="text/javascript"]').count();
  if (scripts === 0) return; // lite mode
  await expect(page.locator('html'), `${page.url()}: its ${islands} island(s) hydrated`)
    .toHaveAttribute('data-hydrated', 'true');
}

/** Opens a page and, with JavaScript on, waits for its islands to hydrate (if it has any).
 *  Script errors fail the test wherever they happen (the `browserErrors` fixture in
 *  fixtures.ts), so a hydration panic that leaves the page looking fine is still caught. */
export async function open(page: Page, testInfo: TestInfo, url: string) {
  const response = await page.goto(url);
  if (jsEnabled(testInfo)) await waitForHydration(page);
  return response;
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) and expects no violations. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, 'axe-core violations').toEqual([]);
}

/** Notes a secret the test used (password, code, session id) for the log scan that runs
 *  after the suite (scripts/scan-logs.py): none of them may appear in the server's log. */
export function recordSecret(value: string | undefined) {
  const file = process.env.E2E_SECRETS_FILE;
  if (file && value) fs.appendFileSync(file, value + '\n');
}

/** Records the session cookies the browser holds now. */
export async function recordSessionCookies(page: Page) {
  for (const c of await page.context().cookies()) {
    if (c.name.includes('uraia_session') || c.name.includes('uraia_device')) recordSecret(c.value);
  }
}

/** Signs the demo citizen in through the local Digital ID provider (no password or code,
 *  so this does not depend on what other tests did to her password). */
export async function signInWithDigitalId(page: Page, testInfo: TestInfo) {
  await open(page, testInfo, '/sign-in');
  await page.getByRole('button', { name: 'Sign in with Digital ID', exact: true }).click();
  await page.getByLabel('National ID number').fill('12345678');
  await page.getByRole('button', { name: 'Confirm my identity' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await recordSessionCookies(page);
}


/** Pays the newest M-Pesa prompt of `amount` on the development phone of the demo citizen. */
export async function payOnPhone(context: BrowserContext, amount: string) {
  const phone = await context.newPage();
  await phone.goto('/dev/phone?phone=0712000001');
  await expect(phone.getByRole('heading', { name: `Pay KES ${amount} to account` }).first()).toBeVisible();
  await phone.getByRole('button', { name: 'Enter PIN and pay' }).first().click();
  await expect(phone.getByRole('status')).toContainText('Done');
  await phone.close();
}

/** The 6-digit code in the newest message to `to` whose subject contains `subject`, as the
 *  local sink delivered it (read from /dev/mailbox; the worker delivers within a second). */
export async function latestCode(request: APIRequestContext, to: string, subject: string, not?: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const html = await (await request.get(`/dev/mailbox?to=${encodeURIComponent(to)}`)).text();
      const article = html.split('<article').find((a) => a.includes(subject));
      code = article?.match(/<pre>[^<]*?\b(\d{6})\b/)?.[1];
      return code !== undefined && code !== not;
    }, { timeout: 10_000 })
    .toBe(true);
  recordSecret(code);
  return code!;
}

/** Opens the part "The land" of the signed-in person's land search (started if they have
 *  none), hydrated where JavaScript is on: the draft's id and the part's section. */
export async function openTheLand(page: Page, testInfo: TestInfo) {
  await open(page, testInfo, '/apply/land-search');
  await page.getByRole('button', { name: /^(Start now|Continue your application)$/ }).click();
  await page.getByRole('link', { name: 'The land', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The land' })).toBeVisible();
  await waitForHydration(page);
  const [, , id, , section] = new URL(page.url()).pathname.split('/');
  return { id, section };
}

/** The demo citizen applies for a land search and pays it by M-Pesa: its reference and
 *  its status page. */
export async function paidLandSearch(page: Page, context: BrowserContext, testInfo: TestInfo) {
  await signInWithDigitalId(page, testInfo);
  await open(page, testInfo, '/apply/land-search');
  await page.getByRole('button', { name: /^(Start now|Continue your application)$/ }).click();
  await page.getByRole('link', { name: 'The land', exact: true }).click();
  await page.getByRole('radio', { name: 'Nairobi', exact: true }).check();
  await page.getByLabel('Title number (land reference)').fill('NAIROBI/BLOCK 82/1234');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('link', { name: 'Why you are searching', exact: true }).click();
  await page.getByRole('radio', { name: 'I am thinking of buying the land' }).check();
  await page.getByRole('radio', { name: 'No', exact: true }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('link', { name: 'Check your answers' }).click();
  await page.getByLabel('I agree with the declaration').check();
  await page.getByRole('button', { name: 'Accept and send' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pay for your application' })).toBeVisible();
  const reference = (await page.locator('.lead').textContent())!.match(/[A-Z]{2,4}-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{5}/)![0];
  const id = new URL(page.url()).pathname.split('/')[2];
  await page.getByRole('button', { name: 'Send payment request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your phone' })).toBeVisible();
  await payOnPhone(context, '550');
  if (!jsEnabled(testInfo)) await page.getByRole('link', { name: 'Check again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Payment received' })).toBeVisible();
  return { reference, status: `/applications/${id}/status` };
}

/** Signs a demo staff member in with password and SMS code. */
export async function staffSignsIn(page: Page, testInfo: TestInfo, who: { email: string; password: string; phone: string }) {
  await open(page, testInfo, '/sign-in');
  await page.getByLabel('Email address or ID number').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  // An earlier code to this phone may still be in the mailbox: wait for the new one.
  const before = await (await page.request.get(`/dev/mailbox?to=${encodeURIComponent(who.phone)}`)).text();
  const old = before.split('<article').find((a) => a.includes('sign-in code'))?.match(/<pre>[^<]*?\b(\d{6})\b/)?.[1];
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeVisible();
  await page.getByLabel('Sign-in code').fill(await latestCode(page.request, who.phone, 'sign-in code', old));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await recordSessionCookies(page);
}
