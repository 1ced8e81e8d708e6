import { Page, APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
import * as path from 'node:path';
import { expectNoAxeViolations as axe, jsEnabled, latestCode, open, recordSecret, recordSessionCookies, waitForHydration } from './helpers';

// Sign-ins from an address of this file's own (the test server trusts X-Forwarded-For):
// the suite's many sign-ins would otherwise share one address's allowance.
test.use({ extraHTTPHeaders: { 'x-forwarded-for': '10.9.4.1' } });

/** The newest code sent to `to` so far, if any (to tell the next one from it). */
async function currentCode(request: APIRequestContext, to: string, subject: string): Promise<string | undefined> {
  const html = await (await request.get(`/dev/mailbox?to=${encodeURIComponent(to)}`)).text();
  return html.split('<article').find((a) => a.includes(subject))?.match(/<pre>[^<]*?\b(\d{6})\b/)?.[1];
}

const VERIFY = 'Confirm your contact details';
const SIGN_IN = 'sign-in code';

// Each project registers a different synthetic person from the embedded registry.
const people = {
  js: { id: '30000002', first: 'Kipchoge', year: '1979', email: 'kipchoge@example.com', phone: '0733 000 202', e164: '+254733000202' },
  'no-js': { id: '30000003', first: 'Mwanaisha', year: '2001', email: 'mwanaisha@example.com', phone: '0733 000 303', e164: '+254733000303' },
};

async function submit(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
}

// On "Confirm it's you" (which adding a way to sign in asks for first): the password, then
// back on the account page, ready.
async function confirmAndBack(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm it’s you' })).toBeVisible();
  await page.getByLabel('Current password').fill('simba wa savana analala mchana');
  await submit(page, 'Confirm');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await waitForHydration(page);
}

// (The demo accounts' passwords are public and printed by the run command on purpose.)
for (const p of ['simba wa savana analala mchana', 'ndege wa angani huimba alfajiri', 'password1']) {
  recordSecret(p);
}

test('register a citizen, confirm the codes, sign out, and sign in again with a code', async ({ page, request }, testInfo) => {
  const who = people[testInfo.project.name as 'js' | 'no-js'];

  await open(page, testInfo, '/register');
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page); // axe-core runs as a script in the page
  await page.getByRole('radio', { name: 'Citizen' }).check();
  await submit(page, 'Continue');

  await expect(page.getByRole('heading', { level: 1, name: 'Your national ID details' })).toBeVisible();
  if (jsEnabled(testInfo)) await waitForHydration(page);
  await page.getByLabel('National ID number').fill(who.id);
  await page.getByLabel('First name').fill(who.first);
  // A wrong year first: the registry says no match, and what was typed stays.
  await page.getByLabel('Year of birth').fill('1950');
  await submit(page, 'Validate');
  await expect(page.getByRole('alert')).toContainText('do not match the population registry');
  await expect(page.getByLabel('National ID number')).toHaveValue(who.id);
  if (jsEnabled(testInfo)) await axe(page); // axe-core runs as a script in the page
  await page.getByLabel('Year of birth').fill(who.year);
  await submit(page, 'Validate');

  await expect(page.getByRole('heading', { level: 1, name: 'Your contact details and password' })).toBeVisible();
  await expect(page.getByText(`Your details matched, ${who.first}`)).toBeVisible();
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Mobile number').fill(who.phone);
  await page.getByLabel('Password').fill('password1');
  await page.getByLabel('Your photo').setInputFiles(path.join(__dirname, '../fixtures/photo.png'));
  await submit(page, 'Create account');
  // A common password is refused with the reason; the email is still there.
  await expect(page.getByRole('alert')).toContainText('one of the most common ones');
  await expect(page.getByLabel('Email address')).toHaveValue(who.email);
  if (jsEnabled(testInfo)) await axe(page); // axe-core runs as a script in the page
  await page.getByLabel('Password').fill('simba wa savana analala mchana');
  await page.getByLabel('Your photo').setInputFiles(path.join(__dirname, '../fixtures/photo.png'));
  await submit(page, 'Create account');

  await expect(page.getByRole('heading', { level: 1, name: 'Check your email and phone' })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page); // axe-core runs as a script in the page
  await page.getByLabel('Code from the email').fill(await latestCode(request, who.email, VERIFY));
  const smsCode = await latestCode(request, who.e164, VERIFY);
  await page.getByLabel('Code from the SMS').fill(smsCode);
  await submit(page, 'Confirm');

  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Your account is ready');
  await recordSessionCookies(page);
  await expect(page.getByText(who.e164)).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page); // axe-core runs as a script in the page

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('You have signed out');
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();

  await page.getByLabel('Email address or ID number').fill(who.id);
  await page.getByLabel('Password', { exact: true }).fill('simba wa savana analala mchana');
  await submit(page, 'Sign in');
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page); // axe-core runs as a script in the page
  await page.getByLabel('Sign-in code').fill(await latestCode(request, who.e164, SIGN_IN, smsCode));
  await submit(page, 'Sign in');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Signed in' }).first()).toBeVisible();
  await recordSessionCookies(page);
});

// Runs after the registration above (tests in a file run in order): the person it made adds
// a passkey with Chromium's virtual authenticator (a real WebAuthn ceremony), then signs in
// with the passkey alone. Passkeys need JavaScript, and a host name: browsers refuse them on
// a bare IP address, so this test uses localhost.
test('add a passkey on the account page, then sign in with it alone (JavaScript only)', async ({ page, request, baseURL }, testInfo) => {
  const who = people.js;
  const site = baseURL!.replace('127.0.0.1', 'localhost');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true,
      hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true,
    },
  });

  const before = await currentCode(request, who.e164, SIGN_IN);
  await open(page, testInfo, `${site}/sign-in`);
  await page.getByLabel('Email address or ID number').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill('simba wa savana analala mchana');
  await submit(page, 'Sign in');
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeVisible();
  await page.getByLabel('Sign-in code').fill(await latestCode(request, who.e164, SIGN_IN, before));
  await submit(page, 'Sign in');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible();
  await waitForHydration(page);

  // Adding a way to sign in needs the password again first, then comes back here.
  await page.getByLabel('Name for the new passkey').fill('Test phone');
  await submit(page, 'Add a passkey');
  await confirmAndBack(page);
  await page.getByLabel('Name for the new passkey').fill('Test phone');
  await submit(page, 'Add a passkey');
  await expect(page.getByRole('status')).toContainText('Passkey added');
  await expect(page.getByText(/Test phone — added .*, not used yet/)).toBeVisible();
  await axe(page);

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('You have signed out');
  await waitForHydration(page);
  await axe(page);
  await submit(page, 'Sign in with a passkey');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Signed in with a passkey' }).first()).toBeVisible();
  await expect(page.getByText(/Test phone — added .*, last used/)).toBeVisible();

  // The passkey island's problems, in words the wasm does not hold as a table: its own when
  // the browser gives up, the server's when the server refuses. Adding needs "Confirm it's
  // you" again (signing in does not count).
  await waitForHydration(page);
  await page.getByLabel('Name for the new passkey').fill('x'.repeat(61));
  await submit(page, 'Add a passkey');
  await confirmAndBack(page);
  // The device already holds this account's passkey: the browser refuses to make another.
  await page.getByLabel('Name for the new passkey').fill('x'.repeat(61));
  await submit(page, 'Add a passkey');
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('The passkey was not added. Try again;');
  // A device without it makes one, and the server refuses the name as too long.
  await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
  await submit(page, 'Add a passkey');
  await expect(summary).toContainText('There is a problem');
  await expect(summary).toContainText('Name for the new passkey: This is too long: use 60 characters or fewer.');
  await expect(page.locator('#name-error')).toHaveText('This is too long: use 60 characters or fewer.');
  await recordSessionCookies(page);
});

test('the sign-in page in Kiswahili', async ({ page }, testInfo) => {
  await open(page, testInfo, '/language?to=sw&next=/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Ingia' })).toBeVisible();
  await expect(page.getByLabel('Barua pepe au nambari ya kitambulisho')).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page); // axe-core runs as a script in the page
});

// Each project resets a different account: the demo citizen (who signs in by Digital ID
// elsewhere), and the person the no-JavaScript project registered above (the demo staff
// keep their passwords for the back-office tests).
const demo = {
  js: { email: 'wanjiku@example.com', phone: '+254712000001' },
  'no-js': { email: people['no-js'].email, phone: people['no-js'].e164 },
};

test('reset a forgotten password with the emailed link, then sign in with it', async ({ page, request }, testInfo) => {
  const who = demo[testInfo.project.name as 'js' | 'no-js'];
  await open(page, testInfo, '/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page);
  await page.getByRole('radio', { name: 'Citizen' }).check();
  await page.getByLabel('Email address or ID number').fill(who.email);
  await page.getByRole('radio', { name: 'A link by email' }).check();
  await submit(page, 'Send');
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();

  let link: string | undefined;
  await expect
    .poll(async () => {
      const html = await (await request.get(`/dev/mailbox?to=${encodeURIComponent(who.email)}`)).text();
      link = html.match(/(\/reset-password\?token=[0-9a-f-]+)/)?.[1];
      return link !== undefined;
    })
    .toBe(true);
  recordSecret(link!.split('token=')[1]);
  await open(page, testInfo, link!);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page);
  await page.getByLabel('New password').fill('ndege wa angani huimba alfajiri');
  await submit(page, 'Change password');
  await expect(page.getByRole('status')).toContainText('Your password has been changed');

  await page.getByLabel('Email address or ID number').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill('ndege wa angani huimba alfajiri');
  // An earlier test's code to this phone is still in the mailbox: wait for the new one.
  const earlier = await currentCode(request, who.phone, SIGN_IN);
  await submit(page, 'Sign in');
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeVisible();
  await page.getByLabel('Sign-in code').fill(await latestCode(request, who.phone, SIGN_IN, earlier));
  await submit(page, 'Sign in');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Password reset (forgotten password)' }).first()).toBeVisible();
  await recordSessionCookies(page);
});

// "Sign in with Digital ID" through the local identity provider (npm oidc-provider, started by
// the Playwright config). With JavaScript on, the demo citizen's identity is linked to her
// account; with it off, a person with no account lands in registration with details filled in.
test('sign in with Digital ID', async ({ page }, testInfo) => {
  await open(page, testInfo, '/sign-in');
  await submit(page, 'Sign in with Digital ID');
  await expect(page.getByRole('heading', { level: 1, name: 'Digital ID' })).toBeVisible();
  if (jsEnabled(testInfo)) {
    await page.getByLabel('National ID number').fill('12345678');
    await page.getByRole('button', { name: 'Confirm my identity' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Signed in with Digital ID' }).first()).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Digital ID linked to this account' }).first()).toBeVisible();
    await recordSessionCookies(page);
  } else {
    await page.getByLabel('National ID number').fill('30000005');
    await page.getByRole('button', { name: 'Confirm my identity' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your contact details and password' })).toBeVisible();
    await expect(page.getByText('Your details matched, Nasimiyu')).toBeVisible();
  }
});

// Runs last in this file: the people registered above change their mobile number. Changing
// how a person is reached needs "Confirm it's you" first, even just after signing in; the
// page then comes back to the change. (The no-JavaScript person's password was reset above.)
test('change the phone number, confirming with the password first', async ({ page, request }, testInfo) => {
  const project = testInfo.project.name as 'js' | 'no-js';
  const who = people[project];
  const password = { js: 'simba wa savana analala mchana', 'no-js': 'ndege wa angani huimba alfajiri' }[project];
  const next = { js: { typed: '0733 000 212', e164: '+254733000212' }, 'no-js': { typed: '0733 000 313', e164: '+254733000313' } }[project];

  const earlier = await currentCode(request, who.e164, SIGN_IN);
  await open(page, testInfo, '/sign-in');
  await page.getByLabel('Email address or ID number').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await submit(page, 'Sign in');
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeVisible();
  await page.getByLabel('Sign-in code').fill(await latestCode(request, who.e164, SIGN_IN, earlier));
  await submit(page, 'Sign in');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  if (jsEnabled(testInfo)) await waitForHydration(page);

  await page.getByRole('link', { name: 'Change your email or mobile number' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm it’s you' })).toBeVisible();
  await expect(page).toHaveURL(/\/account\/confirm\?next=%2Faccount%2Fcontact$/);
  if (jsEnabled(testInfo)) await axe(page);
  // A wrong password is refused beside its field.
  await page.getByLabel('Current password').fill('not my password at all');
  await submit(page, 'Confirm');
  await expect(page.getByRole('alert')).toContainText('This is not your current password');
  await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  if (jsEnabled(testInfo)) await axe(page);
  await page.getByLabel('Current password').fill(password);
  await submit(page, 'Confirm');

  // Back to the change, which goes on as before: a code to the new number.
  await expect(page.getByRole('heading', { level: 1, name: 'Change your email or mobile number' })).toBeVisible();
  await page.getByLabel('Mobile number').fill(next.typed);
  await submit(page, 'Continue');
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email and phone' })).toBeVisible();
  await page.getByLabel('Code from the SMS').fill(await latestCode(request, next.e164, VERIFY));
  await submit(page, 'Confirm');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Your contact details have been changed');
  await expect(page.getByText(next.e164)).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Confirmed it was you before a change' }).first()).toBeVisible();
  await recordSessionCookies(page);
});
