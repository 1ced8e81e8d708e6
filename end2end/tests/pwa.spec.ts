// The installable app (js project only: a service worker needs JavaScript). The other specs
// run with service workers blocked (playwright.config.ts); these let the worker run, as a
// phone would, and cut the network with the browser context's offline switch.
import { Page } from '@playwright/test';
import { test, expect, watchContext } from './fixtures';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expectNoAxeViolations as axe, open, openTheLand, paidLandSearch, signInWithDigitalId, waitForHydration } from './helpers';

test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker has installed (precached the shell) and controls the page. */
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
  watchContext(context); // another browser: its pages' errors count too
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
  // Both loaded as pages (every link is a page load): the worker saves what the browser loads.
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

test('a draft typed offline is kept on the phone and sent when the connection is back', async ({ page, context }, testInfo) => {
  await open(page, testInfo, '/');
  await workerInControl(page);
  await signInWithDigitalId(page, testInfo);
  // Keeping answers on the phone is the part's island: typed once it has hydrated, and
  // once it has fetched the drafts code, which it does at once where the worker keeps the
  // page for offline use (docs/decisions/0019).
  const { id, section } = await openTheLand(page, testInfo);
  await page.locator('html[data-drafts-ready]').waitFor({ state: 'attached' });
  const part = `/applications/${id}/section/${section}`;
  const title = page.getByLabel('Title number (land reference)');
  const status = page.locator('[data-draft-status]');

  // Offline: typed answers are kept on the phone, and the page says so.
  await context.setOffline(true);
  await page.getByRole('radio', { name: 'Nakuru', exact: true }).check();
  await title.fill('NAKURU/BLOCK 7/99');
  await expect(status).toContainText("Saved on this phone — will send when you're back online.");
  await expect.poll(() => page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('uraia-drafts');
    open.onsuccess = () => {
      const get = open.result.transaction('answers').objectStore('answers').getAll();
      get.onsuccess = () => { open.result.close(); resolve(JSON.stringify(get.result)); };
    };
  }))).toContain('NAKURU/BLOCK 7/99');
  // "Save and continue" does not try the server: the page stays, with the answers.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page).toHaveURL(part);
  await expect(title).toHaveValue('NAKURU/BLOCK 7/99');
  await axe(page);

  // Back online: the kept answers are sent, and the server has them.
  await context.setOffline(false);
  await expect(status).toContainText('the answers saved on this phone have been sent');
  await page.reload();
  await waitForHydration(page);
  await expect(title).toHaveValue('NAKURU/BLOCK 7/99');
  await expect(page.getByRole('radio', { name: 'Nakuru', exact: true })).toBeChecked();

  // Offline again; then the same part is changed elsewhere (another device) after this
  // phone typed: that newer answer is kept, and the page says so with what this phone had.
  await context.setOffline(true);
  await title.fill('NAKURU/BLOCK 7/100');
  await expect(status).toContainText('Saved on this phone');
  const name = await title.getAttribute('name');
  const county = await page.getByRole('radio', { name: 'Nakuru', exact: true }).getAttribute('name');
  const elsewhere = await page.request.post('/api/applications/save', {
    form: { id, section, [name!]: 'NAKURU/BLOCK 7/200', [county!]: 'nakuru' },
    headers: { accept: 'text/html' },
    maxRedirects: 0,
  });
  // Saved: the plain post is sent on to the task list.
  expect(elsewhere.headers()['location']).toBe(`/applications/${id}`);
  await context.setOffline(false);
  await expect(status).toContainText('This part was changed somewhere else after you typed here (Title number (land reference))');
  await expect(status).toContainText('NAKURU/BLOCK 7/100');
  await expect(title).toHaveValue('NAKURU/BLOCK 7/200');
  await axe(page);

  // Sending is never tried offline: the check page's button waits for the connection.
  await open(page, testInfo, `/applications/${id}`);
  await page.getByRole('link', { name: 'Why you are searching', exact: true }).click();
  await page.getByRole('radio', { name: 'I am thinking of buying the land' }).check();
  await page.getByRole('radio', { name: 'No', exact: true }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('link', { name: 'Check your answers' }).click();
  const send = page.getByRole('button', { name: 'Accept and send' });
  await expect(send).toBeEnabled();
  await context.setOffline(true);
  await expect(page.getByText('Sending and paying need a connection')).toBeVisible();
  await expect(send).toBeDisabled();
  await context.setOffline(false);
  await expect(send).toBeEnabled();
  await expect(page.getByText('Sending and paying need a connection')).toBeHidden();
});

test('a file chosen offline is kept and uploaded when the connection is back', async ({ page, context }, testInfo) => {
  await open(page, testInfo, '/');
  await workerInControl(page);
  await signInWithDigitalId(page, testInfo);
  await open(page, testInfo, '/apply/passport-renewal');
  await page.getByRole('button', { name: /^(Start now|Continue your application)$/ }).click();
  await page.getByRole('link', { name: 'Documents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  await waitForHydration(page);
  await page.locator('html[data-drafts-ready]').waitFor({ state: 'attached' });
  const passport = page.locator('#doc_passport');
  // A name of its own: the other journeys upload passport.pdf to this draft.
  const scan = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'uraia-scan-')), 'passport-scan.pdf');
  fs.copyFileSync(path.join(__dirname, '../fixtures/passport.pdf'), scan);
  await context.setOffline(true);
  await passport.locator('input[type=file]').setInputFiles(scan);
  await passport.getByRole('button', { name: 'Upload' }).click();
  await expect(passport).toContainText("passport-scan.pdf is saved on this phone — it will upload when you're back online.");
  await axe(page);
  await context.setOffline(false);
  await expect(passport).toContainText('Uploaded: passport-scan.pdf');
  await expect(passport).not.toContainText('saved on this phone');
  fs.rmSync(path.dirname(scan), { recursive: true, force: true });
});

test('answers kept on the phone by an earlier version of the portal are still found and sent', async ({ page, context }, testInfo) => {
  await open(page, testInfo, '/');
  await workerInControl(page);
  await signInWithDigitalId(page, testInfo);
  const { id, section } = await openTheLand(page, testInfo);
  const title = page.getByLabel('Title number (land reference)');
  const key = (await title.getAttribute('name'))!.replace(/^answers\[(.*)\]$/, '$1');
  // The server's answer as the phone knew it: only this phone changed it since.
  const before = await title.inputValue();
  // What an earlier version left: the answers in IndexedDB, and none of the marks in
  // localStorage by which a part's page now knows there is something to send.
  await page.evaluate(({ part, key, before }) => new Promise<void>((resolve, reject) => {
    localStorage.clear();
    const open = indexedDB.open('uraia-drafts', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('answers');
      open.result.createObjectStore('files');
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('answers', 'readwrite');
      const base = before ? { [key]: before } : {};
      const draft = { answers: { [key]: 'NAKURU/BLOCK 7/321' }, base, typed_at: Date.now() };
      tx.objectStore('answers').put(JSON.stringify(draft), part);
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), { part: `${id}/${section}`, key, before });

  await page.reload();
  await waitForHydration(page);
  await expect(page.locator('[data-draft-status]')).toContainText('the answers saved on this phone have been sent');
  await expect(title).toHaveValue('NAKURU/BLOCK 7/321');
  // The marks are made now: this part has nothing left on the phone, so it is not marked.
  const marks = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('uraia-kept')).sort());
  expect(await marks()).toEqual(['uraia-kept']);

  // A mark with nothing behind it (the worker deletes the drafts at sign-out; the marks
  // stay) costs one look, which drops it.
  await page.evaluate((part) => localStorage.setItem(`uraia-kept:${part}`, '1'), `${id}/${section}`);
  await page.reload();
  await waitForHydration(page);
  await expect.poll(marks).toEqual(['uraia-kept']);
});
