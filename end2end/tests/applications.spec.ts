import { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { expectNoAxeViolations as axe, jsEnabled, open, openTheLand, payOnPhone, signInWithDigitalId, waitForHydration } from './helpers';

// Sign-ins from an address of this file's own (the test server trusts X-Forwarded-For):
// the suite's many sign-ins would otherwise share one address's allowance.
test.use({ extraHTTPHeaders: { 'x-forwarded-for': '10.9.5.1' } });

test('start a passport renewal, answer a part, and come back to it', async ({ page }, testInfo) => {
  await signInWithDigitalId(page, testInfo);
  await open(page, testInfo, '/apply/passport-renewal');
  await expect(page.getByRole('heading', { level: 1, name: 'Apply: Renew a passport' })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page);
  // The other project may already have started the draft: then it is resumed.
  await page.getByRole('button', { name: /^(Start now|Continue your application)$/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Your application' })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page);
  await page.getByRole('link', { name: 'About you' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'About you' })).toBeVisible();
  // Filled in from the account.
  await expect(page.getByLabel('Surname')).toHaveValue('Kamau');
  await expect(page.getByLabel('National ID number')).toHaveValue('12345678');
  if (jsEnabled(testInfo)) await axe(page);

  await page.getByLabel('Place of birth').fill('Nyeri, Nyeri County');
  await page.getByRole('radio', { name: 'Female' }).check();
  await page.getByRole('radio', { name: 'Married' }).check();
  // Nothing in "Occupation" yet: the problem is shown beside it, and the rest stays.
  await page.getByLabel('Occupation').fill('');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert')).toContainText('There is a problem');
  await expect(page.getByLabel('Place of birth')).toHaveValue('Nyeri, Nyeri County');
  if (jsEnabled(testInfo)) await axe(page);
  await page.getByLabel('Occupation').fill('Teacher');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your application' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'About you' })).toContainText('Completed');

  // A question that depends on an earlier answer.
  await page.getByRole('link', { name: 'Your current passport' }).click();
  await page.getByRole('radio', { name: 'My name has changed' }).check();
  if (jsEnabled(testInfo)) {
    // It appears as soon as the answer is chosen.
    await expect(page.getByRole('group', { name: 'Why did your name change?' })).toBeVisible();
  } else {
    // Without JavaScript it appears when the part is saved.
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('group', { name: 'Why did your name change?' })).toBeVisible();
  }

  // Documents: a PDF is accepted; a photo too small to print is refused, with the reason.
  await page.getByRole('link', { name: 'Back to your application' }).click();
  await page.getByRole('link', { name: 'Documents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  const passport = page.locator('#doc_passport');
  await passport.locator('input[type=file]').setInputFiles(path.join(__dirname, '../fixtures/passport.pdf'));
  await passport.getByRole('button', { name: 'Upload' }).click();
  await expect(page.locator('#doc_passport')).toContainText('Uploaded: passport.pdf');
  const photo = page.locator('#doc_photo');
  await photo.locator('input[type=file]').setInputFiles(path.join(__dirname, '../fixtures/photo.png'));
  await photo.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('alert')).toContainText('too small to print');
  await expect(page.locator('#doc_photo')).toContainText('too small to print');
  if (jsEnabled(testInfo)) await axe(page);

  // Leave, and come back from "My applications".
  await open(page, testInfo, '/applications');
  await expect(page.getByRole('heading', { level: 1, name: 'My applications' })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page);
  // The draft (in the list of drafts; a sent one may be in the table below).
  await page.getByRole('listitem').getByRole('link', { name: 'Renew a passport' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'About you' })).toContainText('Completed');
});

/** Answers a part's questions and saves it (radios by their label, the rest by label). */
async function answerPart(page: Page, testInfo: Parameters<typeof open>[1], part: string,
  fill: Record<string, string>, choose: string[] = []) {
  await page.getByRole('link', { name: part, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: part })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page);
  for (const [label, value] of Object.entries(fill)) await page.getByLabel(label, { exact: true }).fill(value);
  for (const option of choose) await page.getByRole('radio', { name: option, exact: true }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your application' })).toBeVisible();
}

async function upload(page: Page, testInfo: Parameters<typeof open>[1], question: string, file: string) {
  const box = page.locator(`#${question}`);
  await box.locator('input[type=file]').setInputFiles(path.join(__dirname, '../fixtures', file));
  // Either way the page is loaded again with the answer (a plain post, or the upload sent
  // from the page and then followed). Wait for that load: the same file may already show
  // as uploaded on this page (an earlier test), and acting before the new page arrives
  // would lose the next upload.
  await Promise.all([page.waitForEvent('load'), box.getByRole('button', { name: 'Upload' }).click()]);
  if (jsEnabled(testInfo)) await waitForHydration(page);
  await expect(page.locator(`#${question}`)).toContainText(`Uploaded: ${file}`);
}

test('renew a passport from the catalogue to a paid confirmation with M-Pesa', async ({ page, context }, testInfo) => {
  // The longest citizen journey (catalogue, five sections, documents, payment): it nears
  // the default 30 s on a loaded 2-core machine.
  test.setTimeout(60_000);
  await signInWithDigitalId(page, testInfo);
  // From the catalogue: search, the service page, and its way in.
  await open(page, testInfo, '/search?q=renew+passport');
  await page.getByRole('link', { name: 'Renew a passport' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Renew a passport' })).toBeVisible();
  await page.getByRole('link', { name: /Start application/ }).click();
  await page.getByRole('button', { name: /^(Start now|Continue your application)$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your application' })).toBeVisible();

  await answerPart(page, testInfo, 'About you', { 'Place of birth': 'Nyeri, Nyeri County', Occupation: 'Teacher' }, ['Female', 'Married']);
  await answerPart(page, testInfo, 'Your contact details', { 'Home address': 'Kimathi Street 12, Nyeri' });
  await answerPart(page, testInfo, 'Your current passport',
    { 'Passport number': 'AK1234567', 'Date of issue': '2016-05-10', 'Date of expiry': '2026-05-09' }, ['It has expired']);
  await answerPart(page, testInfo, 'Your new passport', {}, ['50 pages', 'Nairobi — Nyayo House']);
  await answerPart(page, testInfo, 'Emergency contact',
    { 'Full name': 'Kamau Njoroge', 'Relationship to you': 'Brother', 'Their mobile number': '0722 000 111' });
  await page.getByRole('link', { name: 'Documents', exact: true }).click();
  await upload(page, testInfo, 'doc_passport', 'passport.pdf');
  await upload(page, testInfo, 'doc_id', 'passport.pdf');
  await upload(page, testInfo, 'doc_photo', 'passport-photo.png');
  if (jsEnabled(testInfo)) await axe(page);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your application' })).toBeVisible();

  // Check your answers, the fees for a 50-page booklet, and the declaration.
  await page.getByRole('link', { name: 'Check your answers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('50-page ordinary passport');
  await expect(page.getByRole('table')).toContainText('KES 9,550');
  if (jsEnabled(testInfo)) await axe(page);
  await page.getByRole('button', { name: 'Accept and send' }).click();
  await expect(page.getByRole('alert')).toContainText('You must tick the box');
  if (jsEnabled(testInfo)) await axe(page);
  await page.getByLabel('I agree with the declaration').check();
  await page.getByRole('button', { name: 'Accept and send' }).click();

  // Pay: the invoice, then an M-Pesa prompt to the account's phone.
  await expect(page.getByRole('heading', { level: 1, name: 'Pay for your application' })).toBeVisible();
  const reference = (await page.locator('.lead').textContent())!.match(/PPR-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{5}/)![0];
  await expect(page.getByLabel('M-Pesa phone number')).toHaveValue('0712 000 001');
  if (jsEnabled(testInfo)) await axe(page);
  await page.getByRole('button', { name: 'Send payment request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your phone' })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page);

  // The phone: the development phone page over the embedded M-Pesa simulator.
  await payOnPhone(context, '9550');

  if (jsEnabled(testInfo)) {
    // The waiting page notices by itself.
    await expect(page.getByRole('heading', { level: 1, name: 'Payment received' })).toBeVisible();
  } else {
    await page.getByRole('link', { name: 'Check again' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Payment received' })).toBeVisible();
  }
  await page.getByRole('link', { name: 'See your confirmation and receipt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Application sent' })).toBeVisible();
  await expect(page.locator('.reference')).toHaveText(reference);
  const mpesaReceipt = (await page
    .locator('.summary-list div', { hasText: 'M-Pesa receipt' })
    .locator('dd')
    .textContent())!.trim();
  expect(mpesaReceipt).toMatch(/^[A-Z0-9]{10}$/);
  if (jsEnabled(testInfo)) await axe(page);

  // My applications lists it as submitted, with its reference.
  await open(page, testInfo, '/applications');
  const row = page.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText('Submitted');
  await expect(row).toContainText('KES 9,550');

  // Anyone with the reference and the M-Pesa receipt number can check the receipt; the
  // reference alone says nothing.
  await open(page, testInfo, `/verify?reference=${reference}`);
  await expect(page.getByRole('status')).toContainText('Type the M-Pesa receipt number too');
  await expect(page.getByRole('heading', { name: 'This receipt is genuine' })).toHaveCount(0);
  await open(page, testInfo, `/verify?reference=${reference}&receipt=${mpesaReceipt}`);
  await expect(page.getByRole('heading', { name: 'This receipt is genuine' })).toBeVisible();
  if (jsEnabled(testInfo)) await axe(page);
});

test('what is typed is saved to the draft while typing (JavaScript only)', async ({ page }, testInfo) => {
  const drafts: string[] = [];
  page.on('request', (r) => { if (/uraia_drafts[^/]*\.wasm$/.test(r.url())) drafts.push(r.url()); });
  await signInWithDigitalId(page, testInfo);
  // Autosave is the part's island: typed once it has hydrated (before, the form is plain).
  await openTheLand(page, testInfo);
  // Nothing is kept on this phone, and no service worker keeps the page for offline use:
  // the drafts code is not fetched with the page, only when it is first needed
  // (docs/decisions/0019-drafts-code-on-demand.md).
  await page.waitForLoadState('networkidle');
  expect(drafts, 'the drafts module, before typing').toEqual([]);
  await page.getByLabel('Title number (land reference)').fill('NAIROBI/BLOCK 82/1234');
  // No button pressed: saved a moment after typing stops.
  await expect(page.getByRole('status')).toHaveText('Your answers so far are saved.');
  expect(drafts.length, 'the drafts module, after typing').toBeGreaterThan(0);
  await axe(page);
  await page.reload();
  await expect(page.getByLabel('Title number (land reference)')).toHaveValue('NAIROBI/BLOCK 82/1234');
});

/** A PNG of `width` × `height` pixels with a phone photo's grain (a gradient with noise, which
 *  PNG cannot squeeze), written to a temporary file. */
function noisyPng(width: number, height: number): string {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0); header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 2; // 8-bit RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width * 3; x++) raw[row + 1 + x] = ((x / 3 + y) / 18 + Math.random() * 24) & 0xff;
  }
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'uraia-')), 'big-photo.png');
  fs.writeFileSync(file, png);
  return file;
}

test('a big phone photo is made smaller before it is sent (JavaScript only)', async ({ page }, testInfo) => {
  // 2000 × 2500 with grain is well over the 5 MB limit as it is.
  const photo = noisyPng(2000, 2500);
  expect(fs.statSync(photo).size).toBeGreaterThan(5 * 1024 * 1024);
  await signInWithDigitalId(page, testInfo);
  await open(page, testInfo, '/apply/passport-renewal');
  await page.getByRole('button', { name: /^(Start now|Continue your application)$/ }).click();
  await page.getByRole('link', { name: 'Documents', exact: true }).click();
  // Made smaller by the part's island: chosen once it has hydrated.
  await waitForHydration(page);
  const box = page.locator('#doc_photo');
  await box.locator('input[type=file]').setInputFiles(photo);
  await box.getByRole('button', { name: 'Upload' }).click();
  // Sent as a JPEG of at most 1600 pixels (about 200 KB), accepted by the server's checks.
  await expect(page.locator('#doc_photo')).toContainText('Uploaded: big-photo.jpg');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await axe(page);
});
