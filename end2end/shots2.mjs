import { chromium } from '@playwright/test';
const base = 'http://localhost:3000';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const ctx = await browser.newContext({ viewport: { width: 1000, height: 1000 } });
const page = await ctx.newPage();
await page.goto(base + '/sign-in');
await page.fill('#identifier', 'baraka@example.com');
await page.fill('#password', 'demo supervisor passphrase');
await page.click('button[type=submit]');
await page.waitForURL(/sign-in\/code/);
let code;
for (let i = 0; i < 50 && !code; i++) {
  await new Promise(r => setTimeout(r, 200));
  const mail = (await (await fetch(base + '/dev/mailbox')).text()).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  const m = mail.match(/to \+254712000004 [^]*?sign-in code: (\d{6})/);
  if (m) code = m[1];
}
await page.fill('#code', code);
await page.click('button[type=submit]');
await page.waitForURL(/account/);
await page.goto(base + '/staff/dashboard?agency=immigration');
const imgs = await page.$$('img');
let n = 0;
for (const img of imgs) {
  await img.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  const src = await img.getAttribute('src');
  if (!src || !src.includes('.svg')) continue;
  await img.screenshot({ path: `/tmp/demo/chart${n++}.png` });
}
await page.goto(base + '/staff?agency=immigration');
await page.screenshot({ path: '/tmp/demo/queue2.png' });
await browser.close();
