// Lite mode (js project only: it matters where JavaScript could run): chosen from the
// footer, it serves plain pages with no wasm or scripts, and
// the journeys still work as server-rendered forms.
import { test, expect } from '@playwright/test';
import { open } from './helpers';

test('lite mode serves no wasm and search still works', async ({ page }, testInfo) => {
  await open(page, testInfo, '/services/land-search');
  const wasm: string[] = [];
  page.on('request', (r) => { if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) wasm.push(r.url()); });

  await page.getByRole('link', { name: 'Use lite mode' }).click();
  await expect(page).toHaveURL(/\/services\/land-search$/);
  await expect(page.getByText('Lite mode is on')).toBeVisible();
  await page.getByRole('link', { name: 'Find a service' }).first().click();
  await page.getByRole('searchbox', { name: 'Search for a service' }).fill('pasport');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toContainText('found for “pasport”');
  expect(wasm, 'no wasm or JS requested in lite mode').toEqual([]);
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');

  await page.getByRole('link', { name: 'Turn lite mode off' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
});
