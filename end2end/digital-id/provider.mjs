// A local national identity provider for "Sign in with Digital ID": the npm `oidc-provider`
// package (a certified OpenID Connect server), with a sign-in page of its own that asks for
// a national ID number. It knows only synthetic people (never real data). Used by the tests
// and by `scripts/run.sh`, so the default install works offline end to end.
//
//   PORT                   port on 127.0.0.1 (default 3190)
//   DIGITAL_ID_REDIRECTS   comma-separated redirect URIs Uraia may use
//   DIGITAL_ID_SECRET      Uraia's client secret (default: the development one)
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT ?? 3190);
const issuer = `http://127.0.0.1:${port}`;
const redirects = (process.env.DIGITAL_ID_REDIRECTS ??
  'http://127.0.0.1:3000/api/accounts/digital-id-callback,http://localhost:3000/api/accounts/digital-id-callback')
  .split(',').map((s) => s.trim()).filter(Boolean);

// Synthetic people, keyed by national ID number (the same ones as server/seed/registry.toml).
const people = {
  '12345678': { given_name: 'Wanjiku', middle_name: 'Njeri', family_name: 'Kamau', birthdate: '1990-03-27' },
  '30000004': { given_name: 'Mutua', family_name: 'Musyoka', birthdate: '1995-06-18' },
  '30000005': { given_name: 'Nasimiyu', family_name: 'Wafula', birthdate: '1992-09-09' },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'uraia',
    client_secret: process.env.DIGITAL_ID_SECRET ?? 'uraia-development-digital-id-secret',
    redirect_uris: redirects,
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  claims: {
    openid: ['sub'],
    profile: ['given_name', 'middle_name', 'family_name', 'birthdate', 'national_id'],
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['uraia-local-digital-id-cookie-key'] },
  async findAccount(ctx, id) {
    const person = people[id];
    if (!person) return undefined;
    return { accountId: id, async claims() { return { sub: id, national_id: id, ...person }; } };
  },
});
// The local provider runs on plain HTTP on the loopback interface only.
provider.proxy = false;

const page = (uid, error = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Digital ID (local)</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 30rem; margin: 2rem auto; padding: 0 1rem">
<h1>Digital ID</h1>
<p>Local identity provider for development and tests. It knows only synthetic people.</p>
${error ? `<p role="alert" style="color: #b10e1e">${error}</p>` : ''}
<form method="post" action="/interaction/${uid}">
  <label for="id_number">National ID number</label><br>
  <input id="id_number" name="id_number" inputmode="numeric" autocomplete="off" required><br><br>
  <button type="submit">Confirm my identity</button>
</form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>
</body></html>`;

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    const match = url.pathname.match(/^\/interaction\/([\w-]+)(\/abort)?$/);
    if (!match) return provider.callback()(req, res);
    const details = await provider.interactionDetails(req, res);
    if (match[2]) {
      return await provider.interactionFinished(req, res,
        { error: 'access_denied', error_description: 'The person cancelled.' });
    }
    if (req.method !== 'POST') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(details.uid));
    }
    const id = (await readForm(req)).get('id_number')?.trim() ?? '';
    if (!people[id]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(details.uid, 'No person with this ID number.'));
    }
    const grant = new provider.Grant({ accountId: id, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res,
      { login: { accountId: id }, consent: { grantId } }, { mergeWithLastSubmission: false });
  } catch (e) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`Digital ID: ${e.message}`);
  }
});
server.listen(port, '127.0.0.1', () => console.log(`Digital ID (local) at ${issuer}`));
