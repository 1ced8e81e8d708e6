import { chromium } from '@playwright/test';
const base = 'http://localhost:3000';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
async function signIn(page, who, pass, phone) {
  await page.goto(base + '/sign-in');
  await page.fill('#identifier', who);
  await page.fill('#password', pass);
  await page.click('button[type=submit]');
  await page.waitForURL(/sign-in\/code/);
  let code;
  for (let i = 0; i < 50 && !code; i++) {
    await new Promise(r => setTimeout(r, 200));
    const mail = (await (await fetch(base + '/dev/mailbox')).text()).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
    const m = mail.match(new RegExp('to ' + phone.replace('+', '\\+') + ' [^]*?sign-in code: (\\d{6})'));
    if (m) code = m[1];
  }
  await page.fill('#code', code);
  await page.click('button[type=submit]');
  await page.waitForURL(/account/);
}
const ctx = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
const page = await ctx.newPage();
await signIn(page, 'baraka@example.com', 'demo supervisor passphrase', '+254712000004');
await page.goto(base + '/staff?agency=immigration');
await page.screenshot({ path: '/tmp/demo/queue.png', fullPage: false });
await page.goto(base + '/staff/dashboard?agency=immigration');
await page.screenshot({ path: '/tmp/demo/dashboard.png', fullPage: true });
const c2 = await browser.newContext({ viewport: { width: 400, height: 900 } });
const p2 = await c2.newPage();
await signIn(p2, 'wanjiku@example.com', 'demo citizen passphrase', '+254712000001');
await p2.goto(base + '/applications');
await p2.screenshot({ path: '/tmp/demo/mine.png', fullPage: true });
await browser.close();
