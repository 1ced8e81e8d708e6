// The help centre, with JavaScript on and off: searching the questions, finding a county's
// Huduma Centres, and the service status an administrator sets, shown on the agency's
// service page before anyone pays.
import { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoAxeViolations, jsEnabled, open, staffSignsIn } from './helpers';

/** axe-core runs as a script in the page: with JavaScript off there is nothing to run it. */
async function axe(page: Page, testInfo: TestInfo) {
  if (jsEnabled(testInfo)) await expectNoAxeViolations(page);
}

// Sign-ins from an address of this file's own (the test server trusts X-Forwarded-For).
test.use({ extraHTTPHeaders: { 'x-forwarded-for': '10.9.3.1' } });

test('the help centre answers a search and lists a county’s Huduma Centres', async ({ page }, testInfo) => {
  await open(page, testInfo, '/help');
  await page.getByLabel('Search the questions').fill('M-Pesa prompt');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'question matches' })).toContainText('1 question matches “M-Pesa prompt”');
  // The answer is open, the other topics are not listed.
  await expect(page.getByText('Keep your phone on and unlocked')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Signing in' })).toHaveCount(0);
  await axe(page, testInfo);

  await page.getByRole('link', { name: 'Find a Huduma Centre' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Huduma Centres' })).toBeVisible();
  await page.getByLabel('County').selectOption('Nakuru');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Huduma Centre Nakuru' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Baringo/ })).toHaveCount(0);
  await expect(page.getByText('Opening hours').first()).toBeVisible();
  await axe(page, testInfo);
});

test('an administrator reports an agency down and its service page says so before paying', async ({ page }, testInfo) => {
  await staffSignsIn(page, testInfo, { email: 'amani@example.com', password: 'demo administrator passphrase', phone: '+254712000003' });
  await open(page, testInfo, '/staff/admin/agencies/ntsa');
  await page.getByLabel('Its systems are').selectOption('down');
  await page.getByLabel('Message (English)').fill('The NTSA TIMS system is being upgraded until 6 pm.');
  await page.getByLabel('Message (Kiswahili)').fill('Mfumo wa NTSA TIMS unaboreshwa hadi saa kumi na mbili jioni.');
  await page.getByRole('button', { name: 'Save the status' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The service status is saved.' })).toBeVisible();
  await axe(page, testInfo);

  await open(page, testInfo, '/services/driving-licence-renewal');
  const notice = page.locator('[data-service-status="down"]');
  await expect(notice).toContainText('systems are down');
  await expect(notice).toContainText('being upgraded until 6 pm');
  await expect(notice).toContainText('pay later');
  await axe(page, testInfo);
  await open(page, testInfo, '/status');
  await expect(page.locator('tr[data-service-status="down"]')).toContainText('Not working');

  // Back to normal, for the other tests.
  await open(page, testInfo, '/staff/admin/agencies/ntsa');
  await page.getByLabel('Its systems are').selectOption('normal');
  await page.getByRole('button', { name: 'Save the status' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The service status is saved.' })).toBeVisible();
  await open(page, testInfo, '/services/driving-licence-renewal');
  await expect(page.locator('[data-service-status]')).toHaveCount(0);
});

test('a visitor reports a problem and an administrator reads it', async ({ page }, testInfo) => {
  await open(page, testInfo, '/help');
  await page.getByRole('link', { name: 'Report a problem' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Report a problem' })).toBeVisible();
  await page.getByLabel('What is it about?').selectOption('payment');
  const words = `The M-Pesa prompt never came (${testInfo.project.name}).`;
  await page.getByLabel('What happened?').fill(words);
  // No way to reply yet: told beside the field, and what was typed is still there.
  await page.getByRole('button', { name: 'Send the report' }).click();
  await expect(page.locator('#email-error')).toBeVisible();
  await expect(page.getByLabel('What happened?')).toHaveValue(words);
  await axe(page, testInfo);
  await page.getByLabel('Phone number').fill('0712 345 678');
  await page.getByRole('button', { name: 'Send the report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you: your report is sent' })).toBeVisible();
  const number = (await page.getByRole('status').filter({ hasText: 'Its number is' }).textContent())!.match(/T-[0-9A-Z]{6}/)![0];
  await axe(page, testInfo);

  await staffSignsIn(page, testInfo, { email: 'amani@example.com', password: 'demo administrator passphrase', phone: '+254712000003' });
  await open(page, testInfo, '/staff/admin/tickets?status=open');
  const ticket = page.locator(`section[id="${number}"]`);
  await expect(ticket).toContainText(words);
  await expect(ticket).toContainText('+254712345678');
  await ticket.getByLabel('Status').selectOption('closed');
  await ticket.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Report ${number} is saved.` })).toBeVisible();
  await axe(page, testInfo);
});
