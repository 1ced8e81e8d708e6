import { Page, BrowserContext, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as http from 'node:http';
// http_ece is what the npm web-push library encrypts with; here it decrypts, as a browser would.
const ece = require('http_ece');
import { expectNoAxeViolations as axe, jsEnabled, open, paidLandSearch, payOnPhone, signInWithDigitalId } from './helpers';

// Sign-ins from an address of this file's own (the test server trusts X-Forwarded-For):
// the suite's many sign-ins would otherwise share one address's allowance.
test.use({ extraHTTPHeaders: { 'x-forwarded-for': '10.9.6.1' } });

/** Moves an application on as its agency would: `uraia advance` on the server's database. */
function advance(reference: string, status: string, ...flags: string[]) {
  execFileSync(process.env.URAIA_BIN!, ['advance', reference, status, ...flags], {
    env: { ...process.env, DATABASE_URL: `sqlite://${process.env.E2E_DB_FILE}`, RUST_LOG: 'warn' },
  });
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

  // Each change is in the inbox too, counted in the header (as of the page's load) until read.
  await open(page, testInfo, status);
  await expect(page.getByRole('link', { name: /^Messages \(\d+ unread messages?\)$/ })).toBeVisible();
  await page.getByRole('link', { name: /^Messages/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  await expect(page.getByRole('link', { name: `Do an official land search (${reference}): Being processed.` })).toBeVisible();
  await axe(page);
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(page.getByRole('link', { name: 'Messages', exact: true })).toBeVisible();
});

/** A push service on a local port that keeps what it is sent. */
async function localPushService() {
  const received: { headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { endpoint: `http://127.0.0.1:${port}/push/this-browser`, received, close: () => server.close() };
}

// Web Push needs the service worker, which the other specs block.
test.describe(() => {
  test.use({ serviceWorkers: 'allow' });

  test('a Web Push subscription made on the account page gets the next change (JavaScript only)', async ({ page, context }, testInfo) => {
    const push = await localPushService();
    // The browser's push keys. Headless Chromium has no push service of its own here, so the
    // subscription the page asks PushManager for points at the local one; everything else —
    // the service worker, the page's code, the server's signing and encryption — is real.
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = crypto.randomBytes(16);
    const keys = { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') };
    await page.addInitScript(({ endpoint, keys }) => {
      PushManager.prototype.subscribe = async function () {
        return { endpoint, toJSON: () => ({ endpoint, keys }) } as unknown as PushSubscription;
      };
    }, { endpoint: push.endpoint, keys });

    const { reference, status } = await paidLandSearch(page, context, testInfo);
    await open(page, testInfo, '/account/notifications');
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await axe(page);
    await page.getByRole('button', { name: 'Turn on notifications on this device' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Notifications are on for this device.' })).toBeVisible();
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()))).toBe(true);

    advance(reference, 'processing');
    await expect.poll(() => push.received.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const { headers, body } = push.received[0];
    expect(headers['authorization']).toMatch(/^vapid t=.+, k=.+/);
    expect(headers['content-encoding']).toBe('aes128gcm');
    const message = JSON.parse(ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret: keys.auth }).toString());
    expect(message.title).toBe(`${reference}: Being processed`);
    expect(new URL(message.url).pathname).toBe(status);
    push.close();
  });
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
