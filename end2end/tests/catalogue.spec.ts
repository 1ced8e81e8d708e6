import { test, expect } from './fixtures';
import { jsEnabled, open, waitForHydration } from './helpers';

test('search for passport renewal, open the service and read the fees', async ({ page }, testInfo) => {
  await open(page, testInfo, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'Find a government service' })).toBeVisible();

  // A plain GET form with JavaScript on or off: the search page sends no wasm
  // (docs/decisions/0018-islands.md), so the results come with the page.
  const box = page.getByRole('searchbox', { name: 'Search for a service' });
  await box.fill('passport renewal');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search\?q=passport\+renewal/);
  await expect(page.getByRole('status')).toContainText('found for “passport renewal”');
  if (jsEnabled(testInfo)) {
    expect(await page.locator('script[type=module]').count(), 'no script loads wasm on the search page').toBe(0);
  }

  const first = page.locator('.service-list .service-card__title a').first();
  await expect(first).toHaveText('Renew a passport');
  await first.click();

  await expect(page).toHaveURL(/\/services\/passport-renewal$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Renew a passport' })).toBeVisible();
  const fees = page.getByRole('table', { name: 'Fees' });
  await expect(fees).toBeVisible();
  await expect(fees.getByRole('rowheader', { name: /34-page/ })).toBeVisible();
  await expect(fees.getByRole('cell', { name: 'KES 7,500' })).toBeVisible();
  await expect(fees.getByRole('rowheader', { name: /convenience fee/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Documents you need' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Start application/ })).toHaveAttribute('href', '/apply/passport-renewal');
});

test('a misspelt search still finds passports', async ({ page }, testInfo) => {
  await open(page, testInfo, '/search?q=pasport');
  await expect(page.locator('.service-list .service-card__title a').first()).toContainText(/passport/i);
});

test('the language switch shows the page in Kiswahili and back', async ({ page }, testInfo) => {
  await open(page, testInfo, '/services/passport-renewal');
  await page.getByRole('link', { name: /Kiswahili/ }).click();
  if (jsEnabled(testInfo)) await waitForHydration(page);
  await expect(page).toHaveURL(/\/services\/passport-renewal$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sw');
  await expect(page.getByRole('heading', { name: 'Hati unazohitaji' })).toBeVisible();
  await page.getByRole('link', { name: /English/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Documents you need' })).toBeVisible();
});

test('an unknown service gets the 404 page', async ({ page }, testInfo) => {
  const response = await open(page, testInfo, '/services/no-such-service');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});

test('a search is narrowed to a county and read page by page', async ({ page }, testInfo) => {
  await open(page, testInfo, '/search?q=certificate');
  const heading = page.locator('h2.search-status');
  await expect(heading).toContainText('services found for “certificate”');
  // Pages: plain links with their own address, JavaScript or not.
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages).toContainText('Page 1 of');
  await pages.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(pages).toContainText('Page 2 of');
  await expect(page.locator('.service-list li')).not.toHaveCount(0);
  await pages.getByRole('link', { name: 'Previous page' }).click();
  await expect(page).not.toHaveURL(/page=/);

  // Narrowing: folded away until opened; the choices are sent with the words, and stay
  // chosen (and unfolded).
  await expect(page.getByLabel('County')).toBeHidden();
  await page.locator('summary', { hasText: 'Narrow the results' }).click();
  await page.getByLabel('County').selectOption({ label: 'Nairobi City County' });
  await page.getByRole('searchbox', { name: 'Search for a service' }).fill('permit');
  await page.getByRole('button', { name: 'Show services' }).click();
  await expect(page).toHaveURL(/county=nairobi-county/);
  await expect(page.getByLabel('County')).toBeVisible();
  await expect(page.getByLabel('County')).toHaveValue('nairobi-county');
  const agencies = page.locator('.service-card__agency');
  await expect(agencies.first()).toBeVisible();
  for (const name of await agencies.allTextContents()) {
    expect(name).toBe('Nairobi City County');
  }
});
