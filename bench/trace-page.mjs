// Where a page's main-thread time goes (a profiling aid, asserts nothing): loads BASE_URL+PATH
// in Debian's Chromium with the CPU slowed 4× (as Lighthouse's mobile preset), records a
// DevTools trace, and prints each main-thread task over 20 ms with what it spent its time on
// (script compile and evaluation, wasm compile, function calls, parsing, layout).
//   node bench/trace-page.mjs BASE_URL PATH [COOKIE] [trace.json]
import { writeFileSync } from 'node:fs';
import { launchChromium } from './citizen-session.mjs';

const [base, path, cookie, out] = process.argv.slice(2);
const browser = await launchChromium();
const context = await browser.newContext();
if (cookie) {
  const url = new URL(base);
  await context.addCookies(cookie.split(/;\s*/).filter(Boolean).map((c) => {
    const i = c.indexOf('=');
    return { name: c.slice(0, i), value: c.slice(i + 1), domain: url.hostname, path: '/' };
  }));
}
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.start', {
  categories: 'devtools.timeline,v8,v8.wasm,disabled-by-default-devtools.timeline,disabled-by-default-v8.compile,blink.user_timing,loading',
  transferMode: 'ReportEvents',
});
await page.goto(base + path, { waitUntil: 'load' });
await page.waitForTimeout(4000);
await cdp.send('Tracing.end');
await done;
if (out) writeFileSync(out, JSON.stringify(events));
await browser.close();

// The renderer's main thread: the thread that ran the page's tasks.
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur > 20000).sort((a, b) => a.ts - b.ts);
const t0 = Math.min(...onMain.map((e) => e.ts));
for (const task of tasks) {
  const end = task.ts + task.dur;
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
  const by = new Map();
  for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + (e.dur ?? 0));
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 8)
    .map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`).join(', ');
  const urls = [...new Set(inside.map((e) => e.args?.data?.url ?? e.args?.url).filter(Boolean))]
    .map((u) => u.split('/').pop()).slice(0, 6).join(' ');
  console.log(`at ${((task.ts - t0) / 1000).toFixed(0)} ms: task ${(task.dur / 1000).toFixed(1)} ms — ${top}${urls ? ` [${urls}]` : ''}`);
}
