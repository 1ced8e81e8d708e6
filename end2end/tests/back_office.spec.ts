import { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoAxeViolations, jsEnabled, open, paidLandSearch, staffSignsIn } from './helpers';

/** axe-core runs as a script in the page: with JavaScript off there is nothing to run it. */
async function axe(page: Page, testInfo: TestInfo) {
  if (jsEnabled(testInfo)) await expectNoAxeViolations(page);
}

// This file's browsers come from addresses of their own (the server trusts X-Forwarded-For
// in the test run), so its sign-ins leave the other tests' per-address limit alone.
test.use({ extraHTTPHeaders: { 'x-forwarded-for': '10.9.0.1' } });

const OFFICER = { email: 'otieno@example.com', password: 'demo officer passphrase', phone: '+254712000002' };
const SUPERVISOR = { email: 'baraka@example.com', password: 'demo supervisor passphrase', phone: '+254712000004' };

test('an officer works an application from Submitted to Ready for collection while the citizen answers a request', async ({ page, context, browser }, testInfo) => {
  test.setTimeout(90_000);
  const { reference, status } = await paidLandSearch(page, context, testInfo);

  const staffContext = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: jsEnabled(testInfo),
    locale: 'en-GB',
    extraHTTPHeaders: { 'x-forwarded-for': '10.9.0.2' },
  });
  const officer = await staffContext.newPage();
  await staffSignsIn(officer, testInfo, OFFICER);

  // The queue of the Ministry of Lands lists it; filters keep their choices.
  await open(officer, testInfo, '/staff?agency=ministry-lands');
  await expect(officer.getByRole('heading', { level: 1, name: 'Work queue' })).toBeVisible();
  await officer.getByLabel('Service').selectOption({ label: 'Do an official land search' });
  await officer.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(officer.getByLabel('Service')).toHaveValue('land-search');
  await axe(officer, testInfo);
  await officer.getByRole('link', { name: reference }).click();
  await expect(officer.getByRole('heading', { level: 1, name: reference })).toBeVisible();
  await expect(officer.getByText('NAIROBI/BLOCK 82/1234')).toBeVisible();
  await axe(officer, testInfo);

  // Start processing: the citizen's page says so.
  await officer.getByRole('button', { name: 'Start processing' }).click();
  await expect(officer.getByRole('status').filter({ hasText: 'The applicant has been told' })).toBeVisible();
  await expect(officer.locator('.summary-list [data-status]')).toHaveText('Being processed');

  // A request for the title number again, with a mistake first: the error is beside the
  // field and the ticked question stays ticked.
  const ask = officer.locator('section.move', { has: officer.getByRole('heading', { name: 'Ask for more information' }) });
  await ask.getByLabel('Title number (land reference)').check();
  await ask.getByRole('button', { name: 'Send the request' }).click();
  await expect(ask.locator('.field__error')).toContainText('This cannot be empty.');
  await expect(ask.getByLabel('Title number (land reference)')).toBeChecked();
  await ask.getByLabel('What the applicant must do').fill('The title number does not match the registry. Check it on your deed.');
  await ask.getByRole('button', { name: 'Send the request' }).click();
  await expect(officer.locator('.summary-list [data-status]')).toHaveText('More information needed');

  // The citizen answers on their status page: the question asked again, and their words.
  await open(page, testInfo, status);
  await expect(page.getByText('The title number does not match the registry.').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Answers and documents to give again' })).toBeVisible();
  await axe(page, testInfo);
  await page.getByLabel('Title number (land reference)').fill('NAIROBI/BLOCK 82/4321');
  await page.getByLabel('Your answer').fill('Corrected from the deed.');
  await page.getByRole('button', { name: 'Send answer' }).click();
  await expect(page.getByText('Your answer was sent to the officer.')).toBeVisible();

  // The officer sees the new answer, approves, and says where to collect.
  await open(officer, testInfo, officer.url().split('?')[0]);
  await expect(officer.getByText('NAIROBI/BLOCK 82/4321')).toBeVisible();
  await expect(officer.getByText('Corrected from the deed.')).toBeVisible();
  await officer.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(officer.locator('.summary-list [data-status]')).toHaveText('Approved');
  await officer.getByLabel('Where to collect').selectOption({ label: 'Huduma Centre GPO' });
  await officer.getByRole('button', { name: 'Mark ready for collection' }).click();
  await expect(officer.locator('.summary-list [data-status]')).toHaveText('Ready for collection');
  await axe(officer, testInfo);

  // The citizen sees where to collect and who handled it (by role and office).
  await open(page, testInfo, status);
  await expect(page.locator('[data-status]').first()).toHaveText('Ready for collection');
  await expect(page.getByRole('heading', { name: 'Who has handled your application' })).toBeVisible();
  const log = page.locator('table.access-log');
  await expect(log.getByRole('cell', { name: 'Opened the application' }).first()).toBeVisible();
  await expect(log).not.toContainText('Otieno');
  await axe(page, testInfo);

  // The citizen books a time to collect it; the office's day list shows the booking.
  await page.getByRole('link', { name: 'Book a time to collect' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Book a time to collect' })).toBeVisible();
  await axe(page, testInfo);
  const time = page.locator('input[name="slot"]:not([disabled])').last();
  await time.check();
  await page.getByRole('button', { name: 'Book this time' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Booked.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your booking' })).toBeVisible();
  await staffContext.close();
});

test('a supervisor opens the dashboard and sees the charts', async ({ page }, testInfo) => {
  await staffSignsIn(page, testInfo, SUPERVISOR);
  await page.getByRole('link', { name: 'Work queue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Work queue' })).toBeVisible();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await page.getByLabel('From').fill('2026-01-01');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByLabel('From')).toHaveValue('2026-01-01');
  // Every table with figures has its chart, an SVG drawn on the server, and its table.
  const charts = page.locator('img.dash__chart');
  await expect(charts.first()).toBeVisible();
  // Per day, backlog, payments and ratings always have figures to draw.
  expect(await charts.count()).toBeGreaterThanOrEqual(4);
  const perDay = page.getByRole('img', { name: /^Chart: Applications per day/ });
  await expect(perDay).toBeVisible();
  const svg = await page.request.get((await perDay.getAttribute('src'))!);
  expect(svg.headers()['content-type']).toBe('image/svg+xml');
  expect(await svg.text()).toContain('<svg');
  await expect(page.getByRole('table', { name: 'Backlog by status (now)' })).toBeVisible();
  const csvLink = page.getByRole('link', { name: /^Download as CSV\s*: Revenue by service$/ });
  const csv = await page.request.get((await csvLink.getAttribute('href'))!);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect((await csv.text()).split('\n')[0]).toBe('Service,Paid invoices,Revenue (KES)');
  await axe(page, testInfo);
});

test('staff pages refuse a citizen and are never indexed', async ({ page }, testInfo) => {
  const robots = await (await page.request.get('/robots.txt')).text();
  expect(robots).toContain('Disallow: /staff');
  const response = await open(page, testInfo, '/staff');
  expect(response!.status()).toBe(401);
  expect(response!.headers()['x-robots-tag']).toBe('noindex, nofollow');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
