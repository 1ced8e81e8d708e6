// Uraia's service worker: the installable app's offline side, and Web Push.
//
// Built into the site by scripts/service-worker.sh (Workbox's injectManifest): the build
// fills in the precache list (the wasm, JS, CSS and icons of this build, by content hash),
// the Workbox directory and the build id below. What it does:
// - precaches the shell at install (CSS, favicon), and drops the previous build's on
//   activate; keeps the islands' code as pages fetch it;
// - pages: network first. A page a person may want offline (their applications, receipts,
//   the catalogue, help, tracking) is saved when it loads and shown from the saved copy
//   when the network fails, with the page's own note "Saved on this phone <time>" shown;
//   any other page offline gets the offline page, listing what is saved;
// - checks a document's code offline (/verify?code=…): the signature, with the public key
//   saved at install, shown on the saved /verify page;
// - never keeps another person's data: a response marked `no-store` (every response on a
//   shared computer, server/src/personal.rs) is not saved, and the saved pages are thrown
//   away whenever someone signs in or out;
// - shows Web Push notifications about a person's applications.
'use strict';

importScripts('/__WORKBOX_DIR__/workbox-sw.js');
workbox.setConfig({ modulePathPrefix: '/__WORKBOX_DIR__/', debug: false });

const BUILD = '__BUILD_ID__';
const PAGES = 'uraia-pages';
const ISLANDS = 'uraia-islands';
const OFFLINE = `uraia-offline-${BUILD}`;
const OFFLINE_URL = '/offline';
// Saved with the offline page: the document check's page and the key its codes are signed
// with (server/src/documents.rs), so a code can be checked with no connection.
const VERIFY_URL = '/verify';
const KEYS_URL = '/verify/keys.json';

// Added before Workbox's routes (its first route adds its own fetch listener, and the first
// listener to answer wins): sign-in and sign-out first forget the saved pages, then go to
// the network as usual.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (SIGN_IN_OR_OUT.test(url.pathname)) {
    const online = forgetPersonal(event.request).then(() => fetch(event.request));
    event.respondWith(event.request.mode === 'navigate' ? online.catch(() => offlinePage()) : online);
  } else if (url.pathname === '/language' && event.request.mode === 'navigate') {
    // The offline page follows the language the person chose.
    event.respondWith(fetch(event.request).then((response) => {
      event.waitUntil(saveOfflineFiles().catch(() => {}));
      return response;
    }));
  }
});

const { precacheAndRoute, cleanupOutdatedCaches } = workbox.precaching;
const { registerRoute, setCatchHandler } = workbox.routing;
const { CacheFirst, NetworkFirst, NetworkOnly } = workbox.strategies;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Pages worth having offline. Paying and sending are never offline, and staff, account and
// sign-in pages are never saved.
const KEEP = [
  /^\/$/, /^\/search$/, /^\/agencies(\/[^/]+)?$/, /^\/categories\/[^/]+$/, /^\/services\/[^/]+$/,
  /^\/help(\/.*)?$/, /^\/huduma(\/.*)?$/, /^\/status$/, /^\/verify$/, /^\/track(\/[^/]+)?$/, /^\/inbox$/,
  /^\/applications$/, /^\/applications\/[^/]+(\/(status|confirmation|receipt\.pdf|section\/[^/]+))?$/,
];
const worthSaving = (url) => url.origin === self.location.origin && KEEP.some((re) => re.test(url.pathname));

// Signing in or out, whichever way (a form post, or the hydrated app's server call), passes
// one of these: the saved pages belonged to whoever was signed in before.
const SIGN_IN_OR_OUT = /^\/(sign-in|register)(\/|$)|^\/api\/accounts\/sign-/;
const SIGN_OUT = /^\/api\/accounts\/sign-out/;
const DRAFTS_DB = 'uraia-drafts';

/** Whether a response may be saved: a whole page (not a redirect elsewhere), not no-store. */
function mayKeep(response, url) {
  if (!response || response.status !== 200 || response.type !== 'basic') return false;
  if (response.redirected && new URL(response.url).pathname !== url.pathname) return false;
  return !/no-store/i.test(response.headers.get('cache-control') || '');
}

const keepable = {
  cacheWillUpdate: async ({ request, response }) => (mayKeep(response, new URL(request.url)) ? response : null),
  // Only used when the network failed: the saved copy, with its note shown.
  cachedResponseWillBeUsed: async ({ cachedResponse }) => cachedResponse && markSaved(cachedResponse),
};

/** The saved copy with the page's hidden note shown and the time it was saved filled in. */
async function markSaved(response) {
  const type = response.headers.get('content-type') || '';
  if (!type.startsWith('text/html')) return response;
  const html = await response.text();
  const lang = (html.match(/<html[^>]*\slang="([a-z]+)"/) || [])[1] || 'en';
  const saved = new Date(response.headers.get('date') || Date.now());
  const when = saved.toLocaleString(lang === 'sw' ? 'sw-KE' : 'en-KE', { dateStyle: 'medium', timeStyle: 'short' });
  const marked = html
    .replace(/<p\b[^>]*\bdata-saved-copy\b[^>]*>/, (tag) => tag.replace(/\shidden(="")?(?=[\s>])/, ''))
    .replace('<span data-saved-at></span>', `<time data-saved-at datetime="${saved.toISOString()}">${escapeHtml(when)}</time>`);
  return new Response(marked, { status: response.status, statusText: response.statusText, headers: plainHeaders(response) });
}

/** A response's headers, less those describing the body as it came over the network. */
function plainHeaders(response) {
  const headers = new Headers(response.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return headers;
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The saved copies are matched ignoring `Vary` (language, cookie): this cache only ever
// holds this device's pages, since the last sign-in.
const pages = new NetworkFirst({ cacheName: PAGES, plugins: [keepable], matchOptions: { ignoreVary: true } });
// A document's code: checked by the server when online (and the key refreshed), else here.
registerRoute(({ request, url }) => request.mode === 'navigate' && url.pathname === VERIFY_URL && url.searchParams.has('code'),
  async ({ request, url, event }) => {
    try {
      const response = await fetch(request);
      event.waitUntil(saveOfflineFiles().catch(() => {}));
      return response;
    } catch (_) {
      return offlineCheck(url.searchParams.get('code') || '');
    }
  });
registerRoute(({ request, url }) => request.mode === 'navigate' && worthSaving(url), pages);
// The islands' code (main module, lazy islands' modules and their shared chunks): kept as a
// page that has islands fetches it, never downloaded ahead (a phone that only reads the
// catalogue never pays for it). Names carry their content hash, so a kept file never goes
// stale; the oldest are dropped when a release brings new ones.
registerRoute(({ url }) => url.origin === self.location.origin && /^\/pkg\/.+\.(js|wasm)$/.test(url.pathname),
  new CacheFirst({ cacheName: ISLANDS, plugins: [new workbox.expiration.ExpirationPlugin({ maxEntries: 150 })] }));
registerRoute(({ request }) => request.mode === 'navigate', new NetworkOnly());

// A page that is neither online nor saved: the offline page, with the saved ones listed.
setCatchHandler(async ({ request }) => (request.mode === 'navigate' ? offlinePage() : Response.error()));

/** The saved /verify page, less its scripts (it answers for another address, like the
 *  offline page), with the phone's own check of `code` in its `data-offline-check` slot,
 *  in the words the page carries for it in hidden sections
 *  (app/src/pages/payments/document_check.rs). */
async function offlineCheck(code) {
  const page = await caches.match(VERIFY_URL, { cacheName: OFFLINE });
  if (!page) return offlinePage();
  let html = withoutScripts(await page.text());
  const lang = (html.match(/<html[^>]*\slang="([a-z]+)"/) || [])[1] || 'en';
  const template = (name) => (html.match(new RegExp(`<section[^>]*data-offline="${name}"[^>]*>([\\s\\S]*?)</section>`)) || [])[1] || '';
  const labels = (html.match(/<span[^>]*data-offline="labels"[^>]*>/) || [''])[0];
  const label = (name) => (labels.match(new RegExp(`data-${name}="([^"]*)"`)) || [])[1] || name;
  const result = await checkCode(code);
  const shown = result.payload ? template('genuine') + factsHtml(result.payload, label, lang) : template(result.state);
  html = html.replace(/(<div\b[^>]*\bdata-offline-check\b[^>]*>)(<\/div>)/, (_, open, close) => open + shown + close);
  return new Response(html, { status: 200, headers: plainHeaders(page) });
}

/** `{payload}` when the code carries a payload signed by a saved key, else `{state}`:
 *  `broken` (changed, or not signed by the portal), `nokey` (no key saved yet) or
 *  `unsupported` (this browser cannot check Ed25519 signatures). */
async function checkCode(code) {
  const saved = await caches.match(KEYS_URL, { cacheName: OFFLINE });
  if (!saved) return { state: 'nokey' };
  const broken = { state: 'broken' };
  const [encodedPayload, encodedSignature, extra] = code.trim().split('.');
  if (!encodedPayload || !encodedSignature || extra !== undefined) return broken;
  let bytes, signature, payload;
  try {
    bytes = fromBase64Url(encodedPayload);
    signature = fromBase64Url(encodedSignature);
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (_) {
    return broken;
  }
  const key = ((await saved.json()).keys || []).find((k) => k.kid === payload.k);
  if (!key) return broken;
  let publicKey;
  try {
    publicKey = await crypto.subtle.importKey('raw', fromBase64Url(key.x), { name: 'Ed25519' }, false, ['verify']);
  } catch (_) {
    return { state: 'unsupported' };
  }
  const genuine = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signature, bytes).catch(() => false);
  return genuine ? { payload } : broken;
}

function fromBase64Url(text) {
  const plain = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(plain + '='.repeat((4 - (plain.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The signed details as the online check lists them (labels already escaped). */
function factsHtml(p, label, lang) {
  const words = (w) => (w && (w[lang] || w.en)) || '';
  const rows = [
    [label('what'), `${label(p.t === 'certificate' ? 'certificate' : 'receipt')}: ${escapeHtml(words(p.s))}`],
    [label('number'), escapeHtml(String(p.n || ''))],
    [label('reference'), escapeHtml(String(p.r || ''))],
    [label('issued'), escapeHtml(String(p.d || ''))],
  ];
  if (p.h) rows.push([label('holder'), escapeHtml(String(p.h))]);
  for (const line of p.f || []) rows.push([escapeHtml(words(line)), escapeHtml(String(line.v || ''))]);
  const items = rows.map(([k, v]) => `<div><dt>${k}</dt><dd class="summary-list__value">${v}</dd></div>`).join('');
  return `<dl class="summary-list" data-facts="">${items}</dl>`;
}

/** A page that answers for another address goes without the app's scripts: hydrating it
 *  there would render the page of that address without its data. */
function withoutScripts(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
}

async function offlinePage() {
  const page = await caches.match(OFFLINE_URL, { cacheName: OFFLINE });
  if (!page) return Response.error();
  let marked = withoutScripts(await page.text());
  const saved = await savedPages();
  if (saved.length > 0) {
    const items = saved.map(({ path, title }) => `<li><a href="${escapeHtml(path)}">${title}</a></li>`).join('');
    marked = marked
      .replace(/(<ul\b[^>]*\bdata-saved-pages\b[^>]*>)(<\/ul>)/, (_, open, close) => open + items + close)
      .replace(/<p\b[^>]*\bdata-no-saved-pages\b/, (start) => `${start} hidden`);
  }
  return new Response(marked, { status: 200, headers: plainHeaders(page) });
}

/** The saved pages, each with the title it had (already HTML-escaped in the page). */
async function savedPages() {
  const cache = await caches.open(PAGES);
  const list = [];
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    const response = await cache.match(request);
    const type = response?.headers.get('content-type') || '';
    let title = url.pathname;
    if (type.startsWith('text/html')) {
      const found = (await response.text()).match(/<title>([^<]*)<\/title>/);
      if (found) title = found[1];
    }
    list.push({ path: url.pathname + url.search, title });
  }
  return list;
}

async function forgetPersonal(request) {
  await caches.delete(PAGES);
  // Answers and files kept on the phone while offline (app/src/drafts/device.rs) go at
  // sign-out; not at sign-in, where they may wait for the same person's session to return.
  if (SIGN_OUT.test(new URL(request.url).pathname)) {
    await new Promise((resolve) => {
      const deleting = indexedDB.deleteDatabase(DRAFTS_DB);
      deleting.onsuccess = deleting.onerror = deleting.onblocked = () => resolve();
    });
  }
}

async function saveOfflineFiles() {
  const cache = await caches.open(OFFLINE);
  await cache.addAll([OFFLINE_URL, VERIFY_URL, KEYS_URL].map((url) => new Request(url, { cache: 'reload', credentials: 'same-origin' })));
}

self.addEventListener('install', (event) => {
  event.waitUntil(saveOfflineFiles().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('uraia-offline-') && name !== OFFLINE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The server sends {"title", "body", "url"} (app/src/notify/status.rs, push_payload).
self.addEventListener('push', (event) => {
  let message = { title: 'Uraia', body: '', url: '/applications' };
  try {
    if (event.data) message = { ...message, ...event.data.json() };
  } catch (_) {
    // Not JSON: show the plain text.
    message.body = event.data ? event.data.text() : '';
  }
  event.waitUntil(self.registration.showNotification(message.title, {
    body: message.body,
    icon: '/icons/icon-192.png',
    data: { url: message.url },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? '/applications', self.location.origin);
  // Only this site's pages are opened.
  if (url.origin !== self.location.origin) return;
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const client of windows) {
      if (client.url === url.href && 'focus' in client) return client.focus();
    }
    return self.clients.openWindow(url.href);
  })());
});
