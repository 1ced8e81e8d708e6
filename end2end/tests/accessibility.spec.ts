// axe-core (WCAG 2.2 A/AA rules) on every page of the catalogue, hydrated. Runs in the
// `js` project only: the server sends the same markup with JavaScript off.
import { test } from './fixtures';
import { expectNoAxeViolations, open } from './helpers';

test.describe('accessibility', () => {
  for (const [name, url] of [
    ['home', '/'],
    ['search', '/search?q=passport'],
    ['agency', '/agencies/immigration'],
    ['agencies', '/agencies'],
    ['service', '/services/passport-renewal'],
    ['service in Kiswahili', '/services/passport-renewal'],
    ['category', '/categories/driving-transport'],
    ['home in Kiswahili', '/'],
    ['help', '/help'],
    ['help search', '/help?q=M-Pesa'],
    ['Huduma Centres', '/huduma?county=Nakuru'],
    ['service status', '/status'],
    ['document check', '/verify'],
    ['sign in', '/sign-in?next=/services/passport-renewal'],
    ['404', '/no-such-page'],
  ] as const) {
    test(`axe finds no violations on ${name}`, async ({ page, context }, testInfo) => {
      if (name.includes('Kiswahili')) {
        await context.addCookies([{ name: 'lang', value: 'sw', url: testInfo.project.use.baseURL! }]);
      }
      await open(page, testInfo, url);
      await expectNoAxeViolations(page);
    });
  }
});
