// A signed-in citizen's session and application pages on a running development Uraia, for
// the measurements that need them (bench/page-weight.mjs, bench/lighthouse.sh): in Debian's
// Chromium, the demo citizen signs in with her password and the SMS code from the
// development mailbox; starts a passport renewal and leaves it a draft (its task list and
// "About you" part are the draft's pages); then applies for a land search, sends it and pays
// it on the development phone (its status page).
// It changes the server's data: point it at a throwaway server (bench/bench.sh and
// scripts/test.sh do), never at production (which has no mailbox or phone anyway).
//
//   node bench/citizen-session.mjs BASE_URL
// prints JSON: { cookie: "name=value; …", pages: [{ name, label, url }], error? }, the names
// being task-list, part and status. What the journey reached is kept: a failure names its
// step and leaves out the later pages.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// The demo citizen seeded outside production (server/src/seed/people.rs; printed by run.sh).
const CITIZEN = { email: 'wanjiku@example.com', password: 'demo citizen passphrase', phone: '+254712000001', localPhone: '0712000001' };

/** Chromium as the end-to-end tests launch it (end2end/playwright.config.ts). */
export async function launchChromium() {
  const require = createRequire(path.join(here, '../end2end/package.json'));
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    throw new Error(`playwright-core is not in end2end/node_modules (npm ci there): ${e.message}`);
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (apt-get install chromium)`);
  return chromium.launch({
    executablePath,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** The newest 6-digit code to `to` whose message mentions `subject` (other than `not`). */
async function latestCode(request, to, subject, not, tries = 50) {
  for (let i = 0; i < tries; i++) {
    const html = await (await request.get(`/dev/mailbox?to=${encodeURIComponent(to)}`)).text();
    const code = html.split('<article').find((a) => a.includes(subject))?.match(/<pre>[^<]*?\b(\d{6})\b/)?.[1];
    if (code && code !== not) return code;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no new "${subject}" for ${to} in /dev/mailbox`);
}

/** Runs the journey in `browser`; returns { cookie, cookies, pages, error }. */
export async function citizenSession(browser, base) {
  const context = await browser.newContext({ baseURL: base, serviceWorkers: 'block', locale: 'en-GB' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const pages = [];
  let step = 'starting';
  let error;
  const heading = (name) => page.getByRole('heading', { level: 1, name }).waitFor();
  try {
    step = 'signing in with password and SMS code';
    await page.goto('/sign-in');
    await page.getByLabel('Email address or ID number').fill(CITIZEN.email);
    await page.getByLabel('Password', { exact: true }).fill(CITIZEN.password);
    // The code an earlier journey used, if any: the one to wait past.
    const usedCode = await latestCode(context.request, CITIZEN.phone, 'sign-in code', undefined, 1).catch(() => undefined);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading('Enter your sign-in code');
    // A second journey within a minute of the first (budgets, then Lighthouse) gets no new
    // code: the server sends one no sooner than a minute after the last. Then it waits for
    // that minute and asks for a new one, as a person would.
    let code;
    try {
      code = await latestCode(context.request, CITIZEN.phone, 'sign-in code', usedCode);
    } catch {
      await page.waitForTimeout(61_000);
      await page.getByRole('button', { name: 'Send a new code' }).click();
      await heading('Enter your sign-in code');
      code = await latestCode(context.request, CITIZEN.phone, 'sign-in code', usedCode);
    }
    await page.getByLabel('Sign-in code').fill(code);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading('Your account');

    step = 'starting a passport renewal (a draft)';
    await page.goto('/apply/passport-renewal');
    await page.getByRole('button', { name: /^(Start now|Continue your application)$/ }).click();
    await heading('Your application');
    pages.push({ name: 'task-list', label: 'draft application: task list', url: new URL(page.url()).pathname });
    await page.getByRole('link', { name: 'About you', exact: true }).click();
    await heading('About you');
    pages.push({ name: 'part', label: 'draft application: a part (About you)', url: new URL(page.url()).pathname });

    step = 'applying for a land search';
    await page.goto('/apply/land-search');
    await page.getByRole('button', { name: /^(Start now|Continue your application)$/ }).click();
    await heading('Your application');
    const id = new URL(page.url()).pathname.split('/')[2];
    await page.getByRole('link', { name: 'The land', exact: true }).click();
    await heading('The land');
    await page.getByRole('radio', { name: 'Nairobi', exact: true }).check();
    await page.getByLabel('Title number (land reference)').fill('NAIROBI/BLOCK 82/1234');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await heading('Your application');
    await page.getByRole('link', { name: 'Why you are searching', exact: true }).click();
    await page.getByRole('radio', { name: 'I am thinking of buying the land' }).check();
    await page.getByRole('radio', { name: 'No', exact: true }).check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await heading('Your application');
    await page.getByRole('link', { name: 'Check your answers' }).click();
    await page.getByLabel('I agree with the declaration').check();
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await heading('Pay for your application');

    step = 'paying on the development phone';
    await page.getByRole('button', { name: 'Send payment request' }).click();
    await heading('Check your phone');
    const phone = await context.newPage();
    await phone.goto(`/dev/phone?phone=${CITIZEN.localPhone}`);
    await phone.getByRole('button', { name: 'Enter PIN and pay' }).first().click();
    await phone.getByRole('status').filter({ hasText: 'Done' }).waitFor();
    await phone.close();
    pages.push({ name: 'status', label: 'application status (sent, paid)', url: `/applications/${id}/status` });
  } catch (e) {
    error = `${step}: ${String(e.message ?? e).split('\n')[0]}`;
  }
  const cookies = await context.cookies(base);
  await context.close();
  return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), cookies, pages, error };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const base = process.argv[2]?.replace(/\/$/, '');
  if (!base) {
    console.error('usage: node bench/citizen-session.mjs BASE_URL');
    process.exit(2);
  }
  let browser;
  try {
    browser = await launchChromium();
    const { cookie, pages, error } = await citizenSession(browser, base);
    console.log(JSON.stringify({ cookie, pages, ...(error ? { error } : {}) }));
  } catch (e) {
    console.log(JSON.stringify({ cookie: '', pages: [], error: String(e.message ?? e).split('\n')[0] }));
  } finally {
    await browser?.close();
  }
}
