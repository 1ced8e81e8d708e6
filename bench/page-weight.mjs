// What each page really loads in a browser, as served: every request of a first visit (a
// fresh browser context, empty cache, service workers blocked) in Debian's Chromium, with its
// encoded (brotli as sent) size. With islands a page loads wasm and JS only if it has
// islands, and a lazy island fetches its own split module: reading the HTML cannot tell,
// so bench/budgets.py asks this script.
//
//   node bench/page-weight.mjs [--citizen] URL...
//
// Each URL is loaded until the network is quiet and, when the page has islands (and is
// not a lite page), until the loader marks <html data-hydrated>. With --citizen, the demo
// citizen's journey (bench/citizen-session.mjs: it signs in, leaves a draft, sends and pays
// an application) runs first on the first URL's server, and its pages are measured too, signed
// in. Prints JSON:
//   { chromium, pages: [{ url, label?, status, islands, hydrated, document, scripts: [{ url,
//     kind: "wasm"|"js", encoded, encoding }], wasm_js, total, requests, repeated, errors,
//     error? }], citizen?: { error? } }
// Sizes are bytes of response bodies as they travelled (Chromium's encoded body size, else
// Content-Length). Exits 2 (and prints { error }) if Chromium cannot be started.
import { citizenSession, launchChromium } from './citizen-session.mjs';

// Executable scripts: every page but a lite one has at least the service worker's
// registration; the islands loader is a module script.
const SCRIPTS = 'script:not([type]), script[type="module"], script[type="text/javascript"]';
const CONTEXT = {
  serviceWorkers: 'block',
  locale: 'en-GB',
  // What Chromium sends anyway (with zstd, which the server does not offer): fixed here so
  // the figures stay those of brotli, as bench/budgets.py's own requests get.
  extraHTTPHeaders: { 'Accept-Encoding': 'br' },
};

/** Waits until no request has been in flight for `quietMs` (at most `maxMs`). */
async function networkQuiet(state, quietMs = 500, maxMs = 15_000) {
  const end = Date.now() + maxMs;
  while (Date.now() < end) {
    if (state.inflight <= 0 && Date.now() - state.last >= quietMs) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function describe(request, failed) {
  const url = request.url();
  const sizes = await request.sizes().catch(() => null);
  const response = failed ? null : await request.response().catch(() => null);
  const headers = response ? await response.allHeaders().catch(() => response.headers()) : {};
  let encoded = sizes?.responseBodySize ?? 0;
  if (!encoded && headers['content-length'] && !response?.fromServiceWorker()) encoded = Number(headers['content-length']) || 0;
  const pathname = url.startsWith('http') ? new URL(url).pathname : '';
  const kind = pathname.endsWith('.wasm') ? 'wasm'
    : request.resourceType() === 'script' || /\.m?js$/.test(pathname) ? 'js'
    : request.resourceType();
  return { url, kind, status: response?.status() ?? null, encoded, encoding: headers['content-encoding'] ?? null, ...(failed ? { failed: true } : {}) };
}

async function measure(browser, url, extra = {}) {
  const context = await browser.newContext({ ...CONTEXT, ...extra.context });
  const page = await context.newPage();
  const state = { inflight: 0, last: Date.now() };
  const described = [];
  const errors = [];
  page.on('request', () => { state.inflight++; state.last = Date.now(); });
  const finished = (failed) => (request) => {
    state.inflight--; state.last = Date.now();
    described.push(describe(request, failed));
  };
  page.on('requestfinished', finished(false));
  page.on('requestfailed', finished(true));
  page.on('pageerror', (e) => errors.push(`uncaught ${e.name}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console error: ${m.text()}`);
  });
  const result = { url, ...(extra.label ? { label: extra.label } : {}) };
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    result.status = response?.status() ?? null;
    result.final_url = page.url() !== url ? page.url() : undefined;
    result.islands = await page.locator('leptos-island').count();
    const scripted = (await page.locator(SCRIPTS).count()) > 0;
    result.hydrated = null; // nothing to hydrate
    if (result.islands > 0 && scripted) {
      result.hydrated = await page.waitForSelector('html[data-hydrated]', { state: 'attached', timeout: 30_000 })
        .then(() => true, () => false);
    }
    await networkQuiet(state);
  } catch (e) {
    result.error = String(e.message ?? e).split('\n')[0];
  }
  const requests = (await Promise.all(described)).filter((r) => r.url.startsWith('http'));
  await context.close();
  const sum = (rs) => rs.reduce((n, r) => n + r.encoded, 0);
  const scripts = requests.filter((r) => r.kind === 'wasm' || r.kind === 'js');
  const seen = new Map();
  for (const r of requests.filter((r) => r.encoded > 0)) seen.set(r.url, (seen.get(r.url) ?? 0) + 1);
  Object.assign(result, {
    document: sum(requests.filter((r) => r.kind === 'document')),
    scripts: scripts.map(({ url, kind, encoded, encoding }) => ({ url, kind, encoded, encoding })),
    wasm_js: sum(scripts),
    total: sum(requests),
    requests: requests.length,
    // The same file downloaded twice (e.g. a preload the page then did not use).
    repeated: [...seen].filter(([, n]) => n > 1).map(([u]) => u),
    errors,
  });
  return result;
}

const args = process.argv.slice(2);
const citizen = args.includes('--citizen');
const urls = args.filter((a) => !a.startsWith('--'));
if (urls.length === 0) {
  console.error('usage: node bench/page-weight.mjs [--citizen] URL...');
  process.exit(2);
}

let browser;
try {
  browser = await launchChromium();
} catch (e) {
  console.log(JSON.stringify({ error: String(e.message ?? e).split('\n')[0] }));
  process.exit(2);
}
try {
  const out = { chromium: browser.version(), pages: [] };
  for (const url of urls) out.pages.push(await measure(browser, url));
  if (citizen) {
    const base = new URL(urls[0]).origin;
    const session = await citizenSession(browser, base);
    out.citizen = session.error ? { error: session.error } : {};
    for (const { label, url } of session.pages) {
      out.pages.push(await measure(browser, base + url, { label, context: { storageState: { cookies: session.cookies, origins: [] } } }));
    }
  }
  console.log(JSON.stringify(out, null, 1));
} finally {
  await browser.close();
}
