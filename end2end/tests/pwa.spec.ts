// The installable app (js project only: a service worker needs JavaScript). The other specs
// run with service workers blocked (playwright.config.ts); these let the worker run, as a
// phone would, and cut the network with the browser context's offline switch.
import { test, expect, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectNoAxeViolations as axe, open, paidLandSearch, signInWithDigitalId } from './helpers';

test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker has installed (precached the app) and controls the page. */
async function workerInControl(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('the manifest is valid and Chromium reports the app installable', async ({ playwright, baseURL }, testInfo) => {
  // Chromium never offers to install from an incognito profile, which a test's context is:
  // this one gets a real profile of its own.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'uraia-profile-'));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...testInfo.project.use.launchOptions, baseURL, serviceWorkers: 'allow', locale: 'en-GB',
  });
  const page = context.pages()[0] ?? await context.newPage();
  await open(page, testInfo, '/');
  await workerInControl(page);
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors, 'manifest errors').toEqual([]);
  expect(manifest.url).toMatch(/\/manifest\/en\.webmanifest$/);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors, 'installability errors').toEqual([]);

  const parsed = JSON.parse(manifest.data!);
  expect(parsed.display).toBe('standalone');
  expect(parsed.shortcuts.map((s: { url: string }) => s.url)).toEqual(['/track', '/applications']);
  expect(parsed.icons.filter((i: { purpose: string }) => i.purpose === 'maskable').length).toBeGreaterThan(0);
  for (const icon of parsed.icons) {
    const res = await page.request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()['content-type'], icon.src).toBe('image/png');
  }

  // In Kiswahili the page links the Kiswahili manifest, and the app is named in it.
  await page.getByRole('link', { name: /Kiswahili/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sw');
  await expect(page.locator('link[rel=manifest]')).toHaveAttribute('href', '/manifest/sw.webmanifest');
  const sw = await (await page.request.get('/manifest/sw.webmanifest')).json();
  expect(sw.name).toBe('Uraia – Huduma za Serikali ya Kenya');
  expect(sw.shortcuts[0].name).toBe('Fuatilia ombi');
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

test('offline, a visited application page and the offline page still render', async ({ page, context }, testInfo) => {
  await open(page, testInfo, '/');
  await workerInControl(page);
  await signInWithDigitalId(page, testInfo);
  await open(page, testInfo, '/apply/land-search');
  await page.getByRole('button', { name: /^(Start now|Continue your application)$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your application' })).toBeVisible();
  const application = new URL(page.url()).pathname;
  // The list loaded in full (the worker saves what the browser loads), the application by
  // the hydrated app's own navigation (which asks the worker to save it).
  await open(page, testInfo, '/applications');
  await page.locator(`a[href="${application}"]`).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your application' })).toBeVisible();
  await expect.poll(() => page.evaluate(async () =>
    (await (await caches.open('uraia-pages')).keys()).map((r) => new URL(r.url).pathname))).toContain(application);

  await context.setOffline(true);
  await page.goto(application);
  await expect(page.getByRole('heading', { level: 1, name: 'Your application' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved on this phone' })).toContainText('It may be out of date');
  await axe(page);

  // A page never opened: the offline page, listing what is saved.
  await page.goto('/agencies');
  await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
  const saved = page.getByRole('list').filter({ has: page.getByRole('link', { name: /My applications/ }) });
  // Each listed by the title it had (this one: the service's name).
  await expect(saved.locator(`a[href="${application}"]`)).toHaveText(/Do an official land search/);
  await axe(page);
  await saved.getByRole('link', { name: /My applications/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My applications' })).toBeVisible();
  await expect(page.getByText('Saved on this phone')).toBeVisible();

  // Back online: the live page again, without the note.
  await context.setOffline(false);
  await page.goto(application);
  await expect(page.getByRole('heading', { level: 1, name: 'Your application' })).toBeVisible();
  await expect(page.getByText('Saved on this phone')).toBeHidden();
});

test('signing out clears the personal pages saved on the phone', async ({ page, context }, testInfo) => {
  await open(page, testInfo, '/');
  await workerInControl(page);
  await signInWithDigitalId(page, testInfo);
  await open(page, testInfo, '/applications');
  await expect(page.getByRole('heading', { level: 1, name: 'My applications' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();

  await context.setOffline(true);
  await page.goto('/applications');
  await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
  await expect(page.getByText('No pages are saved yet')).toBeVisible();
  await context.setOffline(false);
});

test('on a shared computer nothing personal is saved', async ({ page, context }, testInfo) => {
  await open(page, testInfo, '/');
  await workerInControl(page);
  await open(page, testInfo, '/sign-in');
  await page.getByLabel('This is a shared or public computer').check();
  await page.getByRole('button', { name: 'Sign in with Digital ID', exact: true }).click();
  await page.getByLabel('National ID number').fill('12345678');
  await page.getByRole('button', { name: 'Confirm my identity' }).click();
  await open(page, testInfo, '/applications');
  await expect(page.getByRole('heading', { level: 1, name: 'My applications' })).toBeVisible();

  await context.setOffline(true);
  await page.goto('/applications');
  await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
  await context.setOffline(false);
});

test('/verify accepts a genuine code and rejects a changed one, online and offline', async ({ page, context }, testInfo) => {
  await open(page, testInfo, '/');
  await workerInControl(page);
  const { status } = await paidLandSearch(page, context, testInfo);
  await open(page, testInfo, status.replace(/\/status$/, '/confirmation'));
  const link = page.getByRole('link', { name: 'Check this document' });
  const href = (await link.getAttribute('href'))!;
  const code = new URL(href, 'http://uraia.test').searchParams.get('code')!;
  // The amount changed in the signed details, the signature kept.
  const [payload, signature] = code.split('.');
  const details = Buffer.from(payload, 'base64url').toString();
  expect(details).toContain('KES 550');
  const changed = `/verify?code=${Buffer.from(details.replace('KES 550', 'KES 5')).toString('base64url')}.${signature}`;

  // Online, the server checks the code against the record.
  await link.click();
  await expect(page.getByRole('heading', { name: 'This document is genuine' })).toBeVisible();
  await expect(page.locator('[data-facts]')).toContainText('KES 550');
  await axe(page);
  await page.goto(changed);
  await expect(page.getByRole('heading', { name: 'This code is not genuine' })).toBeVisible();

  // Offline, the worker checks the signature with the key it saved at install.
  await context.setOffline(true);
  await page.goto(href);
  await expect(page.getByRole('heading', { name: 'The signature is genuine' })).toBeVisible();
  await expect(page.locator('[data-facts]')).toContainText('KES 550');
  await axe(page);
  await page.goto(changed);
  await expect(page.getByRole('heading', { name: 'This code is not genuine' })).toBeVisible();
  await expect(page.locator('[data-facts]')).toHaveCount(0);
  await context.setOffline(false);
});
