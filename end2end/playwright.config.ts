// End-to-end tests in Debian's Chromium (never a downloaded browser). Every journey runs
// twice: JavaScript on (hydrated) and off (plain server-rendered forms).
// The server is the release build made by scripts/test.sh (`cargo leptos build --release
// --split --precompress`; URAIA_BIN overrides it), on a fresh SQLite file seeded with the
// demo catalogue, on a port of its own.
import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

const port = Number(process.env.E2E_PORT ?? 3111);
const baseURL = `http://127.0.0.1:${port}`;
const dbFile = process.env.E2E_DB_FILE ?? path.join(os.tmpdir(), `uraia-e2e-${process.pid}.db`);
// The server's log, scanned afterwards for passwords, codes and session ids (scripts/scan-logs.py).
const logFile = process.env.E2E_SERVER_LOG ?? path.join(os.tmpdir(), `uraia-e2e-${process.pid}.log`);
// The local Digital ID provider (npm oidc-provider), a second server for the suite.
const digitalIdPort = Number(process.env.E2E_DIGITAL_ID_PORT ?? 3192);
const digitalIdSecret = 'e2e-digital-id-client-secret';
// Uploaded documents of the run: thrown away with it, never in the source tree.
const filesDir = process.env.E2E_FILES_DIR ?? path.join(os.tmpdir(), `uraia-e2e-files-${process.pid}`);
const binary = process.env.URAIA_BIN ?? path.resolve(__dirname, '../target/release/uraia');
// The tests run `uraia advance` against the same database, as the agency would.
process.env.E2E_DB_FILE = dbFile;
process.env.URAIA_BIN = binary;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  // Journeys sign in, pay and run axe several times: on CI's 2-core machine 30 s was too
  // tight (the tracking journey ran out at 30.8 s). Longer journeys set their own.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: chromium,
    locale: 'en-GB',
    trace: 'retain-on-failure',
    // The service worker is tested where it matters (pwa.spec.ts, Web Push): elsewhere each
    // fresh context would first precache the app's wasm and scripts, work no test is about
    // that slows every journey on a 2-core machine.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false }, testIgnore: /accessibility|lite|pwa/, grepInvert: /JavaScript only/ },
  ],
  webServer: [{
    command: 'exec node digital-id/provider.mjs',
    url: `http://127.0.0.1:${digitalIdPort}/.well-known/openid-configuration`,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(digitalIdPort),
      DIGITAL_ID_SECRET: digitalIdSecret,
      DIGITAL_ID_REDIRECTS: [baseURL, baseURL.replace('127.0.0.1', 'localhost')]
        .map((b) => `${b}/api/accounts/digital-id-callback`).join(','),
    },
  }, {
    command: `rm -rf ${dbFile}* ${filesDir} && exec ${binary} serve --seed > ${logFile} 2>&1`,
    url: `${baseURL}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: `sqlite://${dbFile}`,
      // The back-office tests come "from" addresses of their own (X-Forwarded-For), so their
      // sign-ins do not use up the per-address sign-in limit the other tests share.
      URAIA_TRUST_PROXY: 'true',
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: path.resolve(__dirname, '../target/site'),
      FILES_DIR: filesDir,
      DIGITAL_ID_ISSUER: `http://127.0.0.1:${digitalIdPort}`,
      DIGITAL_ID_CLIENT_SECRET: digitalIdSecret,
      // Verbose on purpose: the log scan should see everything the server might ever print.
      RUST_LOG: 'debug,hyper=info,hyper_util=info,h2=info,tachys=info,reactive_graph=info,leptos=info',
    },
  }],
});
