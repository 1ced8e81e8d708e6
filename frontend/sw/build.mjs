// Builds the service worker into a built site (`node frontend/sw/build.mjs target/site`),
// after `cargo leptos build`: Workbox's injectManifest lists this build's files with their
// content hashes in the worker, and the Workbox runtime is copied beside it, so the worker
// needs nothing from the network but this site. Prints what it precaches.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// The project's npm tools live in end2end/ (its package.json pins workbox-build).
const require = createRequire(path.join(here, '../../end2end/package.json'));
const { injectManifest, copyWorkboxLibraries } = require('workbox-build');

const site = path.resolve(process.argv[2] ?? 'target/site');
const swDest = path.join(site, 'sw.js');

// A previous build's Workbox copy, if the version changed.
for (const name of readdirSync(site)) {
  if (name.startsWith('workbox-v')) rmSync(path.join(site, name), { recursive: true, force: true });
}
const workboxDir = await copyWorkboxLibraries(site);

const { count, size, warnings } = await injectManifest({
  swSrc: path.join(here, 'sw.js'),
  swDest,
  globDirectory: site,
  // The shell: the CSS and the favicon. The islands' code is not precached (the worker keeps
  // it as pages with islands fetch it), nor are the app's icons (the browser fetches those
  // it needs when the app is installed): a first visit to read the catalogue stays small
  // (docs/decisions/0018-islands.md).
  globPatterns: ['pkg/*.css', 'favicon.svg'],
  globIgnores: ['**/*.br', '**/*.gz'],
  // Hashed names need no revision: precaching then uses the copy the page already fetched.
  // (cargo-leptos: `pkg/uraia.<base64url hash>.wasm`).
  dontCacheBustURLsMatching: /^pkg\/[^/]+\.[A-Za-z0-9_-]{16,}\.(js|wasm|css)$/,
  // The debug build's wasm is large; the release one is well under this.
  maximumFileSizeToCacheInBytes: 128 * 1024 * 1024,
});
for (const warning of warnings) console.warn(`service worker: ${warning}`);

// The build id names the offline page's cache: a new build stores it afresh.
let worker = readFileSync(swDest, 'utf8');
const build = createHash('sha256').update(worker).digest('hex').slice(0, 12);
worker = worker.replaceAll('__WORKBOX_DIR__', workboxDir).replaceAll('__BUILD_ID__', build);
writeFileSync(swDest, worker);
console.log(`service worker: ${count} files precached (${(size / 1024).toFixed(0)} KB), build ${build}, ${workboxDir}`);
