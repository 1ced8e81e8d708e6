// Lite mode (js project only: it matters where JavaScript could run): chosen from the
// footer, it serves plain pages with no wasm or scripts, and
// the journeys still work as server-rendered forms.
import { test, expect } from './fixtures';
import { open } from './helpers';

// The page compared is the sign-in page because it has an island (the passkey button):
// a page without islands loads no wasm in any mode, so it could not tell lite mode apart.
// If sign-in ever loses its islands, pick another page that has one (the test says so).
const WITH_ISLANDS = '/sign-in';

test('lite mode serves no wasm and search still works', async ({ page }, testInfo) => {
  await open(page, testInfo, '/services/land-search');
  const scripts: string[] = [];
  page.on('request', (r) => { if (/\.(wasm|js)$/.test(new URL(r.url()).pathname)) scripts.push(r.url()); });

  await page.getByRole('link', { name: 'Use lite mode' }).click();
  await expect(page).toHaveURL(/\/services\/land-search$/);
  await expect(page.getByText('Lite mode is on')).toBeVisible();
  await page.getByRole('link', { name: 'Find a service' }).first().click();
  await page.getByRole('searchbox', { name: 'Search for a service' }).fill('pasport');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toContainText('found for “pasport”');

  // A page with islands, in lite mode: no scripts sent, nothing loaded, never hydrated.
  await open(page, testInfo, WITH_ISLANDS);
  await page.waitForLoadState('load');
  await expect(page.locator('script:not([type]), script[type="module"], script[type="text/javascript"]'),
    'no scripts in a lite page').toHaveCount(0);
  expect(scripts, 'no wasm or JS requested in lite mode').toEqual([]);
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');

  // Lite mode off: the same page hydrates its islands again.
  await page.getByRole('link', { name: 'Turn lite mode off' }).click();
  await expect(page).toHaveURL(new RegExp(`${WITH_ISLANDS}$`));
  await expect(page.locator('leptos-island'), `${WITH_ISLANDS} is expected to have an island; pick a page that does`)
    .not.toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
});
