import { test, expect, Page, BrowserContext, TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { expectNoAxeViolations as axe, jsEnabled, open, payOnPhone, signInWithDigitalId } from './helpers';

/** Moves an application on as its agency would: `uraia advance` on the server's database. */
function advance(reference: string, status: string, ...flags: string[]) {
  execFileSync(process.env.URAIA_BIN!, ['advance', reference, status, ...flags], {
    env: { ...process.env, DATABASE_URL: `sqlite://${process.env.E2E_DB_FILE}`, RUST_LOG: 'warn' },
  });
}

/** The demo citizen applies for a land search and pays it by M-Pesa: its reference and
 *  its status page. */
async function paidLandSearch(page: Page, context: BrowserContext, testInfo: TestInfo) {
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

test('an officer\'s change appears on the open status page without reloading (JavaScript only)', async ({ page, context }, testInfo) => {
  const { reference, status } = await paidLandSearch(page, context, testInfo);
  await open(page, testInfo, status);
  await expect(page.getByRole('heading', { level: 1, name: 'Your application' })).toBeVisible();
  await expect(page.locator('[data-status]')).toHaveText('Submitted');
  await expect(page.getByText('This page updates by itself')).toBeVisible();
  await axe(page);

  advance(reference, 'processing');
  await expect(page.locator('[data-status]')).toHaveText('Being processed');
  await expect(page.getByRole('status').filter({ hasText: 'status has changed' })).toBeAttached();

  // A request for information, answered on the page.
  advance(reference, 'info_requested', '--note', 'Which plot is it, exactly?');
  await expect(page.locator('[data-status]')).toHaveText('More information needed');
  await expect(page.getByText('Which plot is it, exactly?').first()).toBeVisible();
  await axe(page);
  await page.getByLabel('Your answer').fill('Plot 1234, off Ngong Road.');
  await page.getByRole('button', { name: 'Send answer' }).click();
  await expect(page.getByText('Your answer was sent to the officer.')).toBeVisible();
  await expect(page.locator('[data-status]')).toHaveText('Answer sent');

  // Ready: where to collect, live too.
  advance(reference, 'approved');
  advance(reference, 'ready_for_collection', '--place', 'huduma-gpo');
  await expect(page.locator('[data-status]')).toHaveText('Ready for collection');
  await expect(page.getByRole('heading', { name: 'Where to collect' })).toBeVisible();
  await axe(page);
});

test('anyone with the reference and year of birth can track an application', async ({ page, context, browser }, testInfo) => {
  const { reference } = await paidLandSearch(page, context, testInfo);
  // Someone else's browser, not signed in.
  const other = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
  const tracker = await other.newPage();
  await open(tracker, testInfo, '/track');
  await expect(tracker.getByRole('heading', { level: 1, name: 'Track an application' })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(tracker);
  await tracker.getByLabel('Reference').fill(reference);
  await tracker.getByLabel('Year of birth, or passport number').fill('1991');
  await tracker.getByRole('button', { name: 'Track' }).click();
  await expect(tracker.getByRole('alert')).toContainText('We found no application');
  await expect(tracker.getByLabel('Reference')).toHaveValue(reference);
  if (jsEnabled(testInfo)) await axe(tracker);
  await tracker.getByLabel('Year of birth, or passport number').fill('1990');
  await tracker.getByRole('button', { name: 'Track' }).click();
  await expect(tracker.locator('[data-status]')).toHaveText('Submitted');
  await expect(tracker.getByText('Updated at')).toBeVisible();
  if (jsEnabled(testInfo)) await axe(tracker);

  advance(reference, 'processing');
  if (jsEnabled(testInfo)) {
    await expect(tracker.locator('[data-status]')).toHaveText('Being processed');
  } else {
    // Without JavaScript: the new status after a refresh.
    await expect(tracker.locator('[data-status]')).toHaveText('Submitted');
    await tracker.getByRole('link', { name: 'Refresh' }).click();
    await expect(tracker.locator('[data-status]')).toHaveText('Being processed');
  }
  await other.close();
});
