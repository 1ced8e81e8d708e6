import { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoAxeViolations, jsEnabled, open, staffSignsIn } from './helpers';

/** axe-core runs as a script in the page: with JavaScript off there is nothing to run it. */
async function axe(page: Page, testInfo: TestInfo) {
  if (jsEnabled(testInfo)) await expectNoAxeViolations(page);
}

// Sign-ins from an address of this file's own (the test server trusts X-Forwarded-For).
test.use({ extraHTTPHeaders: { 'x-forwarded-for': '10.9.1.1' } });

const ADMINISTRATOR = { email: 'amani@example.com', password: 'demo administrator passphrase', phone: '+254712000003' };

test('an administrator adds an agency, corrects an office and reaches the staff roles', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await staffSignsIn(page, testInfo, ADMINISTRATOR);

  // From the work queue to the administration pages.
  await open(page, testInfo, '/staff');
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await axe(page, testInfo);

  // A new agency: a mistake first, shown beside the field with what was typed kept.
  const slug = `kenya-ports-${testInfo.project.name}`;
  await page.getByRole('link', { name: 'Add an agency' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add an agency' })).toBeVisible();
  await page.getByLabel('Web address').fill(slug);
  await page.getByLabel('Kind of agency').selectOption('authority');
  await page.getByLabel('Name in English').fill('Kenya Ports Authority');
  await page.getByLabel('What it does, in English').fill('Runs the ports of Mombasa and Lamu.');
  await page.getByLabel('What it does, in Kiswahili').fill('Inaendesha bandari za Mombasa na Lamu.');
  await page.getByLabel('Website').fill('http://www.kpa.co.ke');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#name_sw-error')).toHaveText('This cannot be empty.');
  await expect(page.locator('#website-error')).toContainText('starting with https://');
  await expect(page.getByLabel('Name in English')).toHaveValue('Kenya Ports Authority');
  await expect(page.getByLabel('What it does, in Kiswahili')).toHaveValue('Inaendesha bandari za Mombasa na Lamu.');
  await axe(page, testInfo);
  await page.getByLabel('Name in Kiswahili').fill('Mamlaka ya Bandari ya Kenya');
  await page.getByLabel('Website').fill('https://www.kpa.co.ke');
  await page.getByLabel('Show applicants the names of the staff').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Kenya Ports Authority' })).toBeVisible();
  await expect(page.getByLabel('Show applicants the names of the staff')).toBeChecked();
  await open(page, testInfo, `/agencies/${slug}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Kenya Ports Authority' })).toBeVisible();

  // A service's settings and fees.
  await open(page, testInfo, '/staff/admin/services/land-search');
  await expect(page.getByRole('heading', { level: 2, name: 'Fees' })).toBeVisible();
  await page.getByLabel('Longest processing time, in working days').fill('0');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.locator('#days_max-error')).toBeVisible();
  await axe(page, testInfo);

  // An office's hours for appointments: the short form is checked.
  await open(page, testInfo, '/staff/admin/offices');
  await expect(page.getByRole('heading', { level: 1, name: 'Offices' })).toBeVisible();
  await axe(page, testInfo);
  await page.getByRole('link', { name: 'Huduma Centre Baringo' }).click();
  const hours = page.getByLabel('Hours for appointments and SMS');
  const kept = await hours.inputValue();
  await hours.fill('weekdays');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#hours_short-error')).toContainText('like Mon-Fri 8-17');
  await expect(hours).toHaveValue('weekdays');
  await hours.fill(kept);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await axe(page, testInfo);

  // Staff and roles: an address with no account is refused beside the field.
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Staff and roles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff and roles' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /otieno@example.com/ })).toBeVisible();
  await page.getByLabel('Email address').fill('nobody@example.com');
  await page.getByLabel('Role', { exact: true }).selectOption('supervisor');
  await page.getByRole('button', { name: 'Give the role' }).click();
  await expect(page.locator('#email-error')).toContainText('No active account has this email address');
  await expect(page.getByLabel('Email address')).toHaveValue('nobody@example.com');
  await expect(page.locator('#agency-error')).toHaveText('This cannot be empty.');
  await axe(page, testInfo);
});

test('administration refuses a supervisor', async ({ page }, testInfo) => {
  await staffSignsIn(page, testInfo, { email: 'baraka@example.com', password: 'demo supervisor passphrase', phone: '+254712000004' });
  const response = await page.goto('/staff/admin');
  expect(response?.status()).toBe(403);
});
