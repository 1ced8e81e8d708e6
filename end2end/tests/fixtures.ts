// The suite's own `test`: Playwright's, with one automatic fixture that watches every page
// a test opens, in its own browser context and in any other it creates (`browser.newContext`,
// or `watchContext` for a context of another browser, such as a persistent profile).
//  - Any uncaught script error (`pageerror`) or console error, at any moment of the journey,
//    fails the test, listed with the page it happened on. A hydration mismatch or a panic
//    in an island's wasm can leave the page looking right, so nothing else would notice.
//  - With E2E_HTML_DIR set (scripts/test.sh), the HTML of every page the browser loads is
//    saved there for the Nu HTML Checker (scripts/check-html.py): each distinct body once,
//    as <sha1 of the body>.html, and a line per response in index.jsonl ({file, url, status,
//    project, test}) saying which URL it came from.
// Specs import `test` and `expect` from here instead of '@playwright/test'.
import { test as base, expect, BrowserContext, Page, Response, TestInfo } from '@playwright/test';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export { expect };

/** A status such as a 404, 413 or 429 page's is reported by Chromium as a console error
 *  "Failed to load resource: …": expected where a test asks for such a page. */
const EXPECTED_CONSOLE_ERROR = 'Failed to load resource';

class BrowserWatch {
  readonly errors: string[] = [];
  private readonly contexts = new WeakSet<BrowserContext>();
  private readonly pages = new WeakSet<Page>();
  private readonly saving: Promise<void>[] = [];
  /** Each page's last document as it arrived, to say which policy a CSP refusal came from. */
  private readonly documents = new WeakMap<Page, string>();

  constructor(private readonly testInfo: TestInfo, private readonly htmlDir: string | undefined) {
    if (htmlDir) fs.mkdirSync(htmlDir, { recursive: true });
  }

  context(context: BrowserContext) {
    if (this.contexts.has(context)) return;
    this.contexts.add(context);
    context.on('page', (page) => this.page(page));
    for (const page of context.pages()) this.page(page);
  }

  private page(page: Page) {
    if (this.pages.has(page)) return;
    this.pages.add(page);
    page.on('pageerror', (e) => this.errors.push(`${page.url()}: uncaught ${e.name}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() !== 'error' || m.text().startsWith(EXPECTED_CONSOLE_ERROR)) return;
      const at = m.location().url && m.location().url !== page.url() ? ` (at ${m.location().url}:${m.location().lineNumber})` : '';
      const document = m.text().includes('Content Security Policy') ? ` [document: ${this.documents.get(page) ?? 'unknown'}]` : '';
      this.errors.push(`${page.url()}: console error: ${m.text()}${at}${document}`);
    });
    page.on('response', (r) => {
      if (!r.request().isNavigationRequest() || r.frame() !== page.mainFrame()) return;
      const csp = r.headers()['content-security-policy'] ?? 'none';
      const via = r.fromServiceWorker() ? ', from the service worker' : '';
      this.documents.set(page, `${r.url()} ${r.status()}${via}, policy: ${csp}`);
    });
    if (this.htmlDir) page.on('response', (r) => this.saving.push(this.save(page, r, this.htmlDir!)));
  }

  /** Saves a main-frame document's HTML (any status). */
  private async save(page: Page, response: Response, dir: string) {
    try {
      if (!response.request().isNavigationRequest() || response.frame() !== page.mainFrame()) return;
      if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) return;
      // A redirect's body is not available; neither is one whose page has closed.
      const body = await response.text();
      if (!body) return;
      const file = createHash('sha1').update(body).digest('hex') + '.html';
      const target = path.join(dir, file);
      if (!fs.existsSync(target)) fs.writeFileSync(target, body);
      const entry = {
        file, url: response.url(), status: response.status(),
        project: this.testInfo.project.name, test: this.testInfo.titlePath.slice(1).join(' › '),
      };
      fs.appendFileSync(path.join(dir, 'index.jsonl'), JSON.stringify(entry) + '\n');
    } catch {
      // Not a page's document after all, or its body is gone: nothing to check.
    }
  }

  /** Waits for the bodies still being saved (a few seconds at most: a body that never
   *  arrives is one no page showed). */
  async settle() {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise((r) => { timer = setTimeout(r, 5_000); });
    await Promise.race([Promise.allSettled(this.saving), limit]);
    clearTimeout(timer);
  }
}

let current: BrowserWatch | undefined;

/** Watches a context the test made from another browser (e.g. `launchPersistentContext`),
 *  as the test's own contexts are. */
export function watchContext(context: BrowserContext) {
  if (!current) throw new Error('watchContext is only for use inside a test');
  current.context(context);
}

export const test = base.extend<{ browserErrors: void }>({
  browserErrors: [async ({ browser, context }, use, testInfo) => {
    const watch = new BrowserWatch(testInfo, process.env.E2E_HTML_DIR || undefined);
    watch.context(context);
    const onContext = (c: BrowserContext) => watch.context(c);
    browser.on('context', onContext);
    current = watch;
    try {
      await use();
    } finally {
      browser.off('context', onContext);
      current = undefined;
      await watch.settle();
    }
    expect(watch.errors, 'uncaught script errors and console errors in the browser').toEqual([]);
  }, { auto: true }],
});
