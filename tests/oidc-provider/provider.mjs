// A certified OpenID Connect provider (panva's node-oidc-provider) on loopback, standing in for Feide and ID-porten in
// the browser tests. Authorization code flow with PKCE (S256) required, client secrets, RP-initiated logout.
//
//   APP_URL=http://127.0.0.1:5123 node provider.mjs      → prints {"issuer":"http://127.0.0.1:<port>"} and serves
//
// Accounts: sign in with any login name (the password is not checked). Known names carry the claims the app matches on:
//   kari.laerer, randi.rektor   → Feide's eduPersonPrincipalName <name>@nordvik.example.org
//   jakob.larsen, emma.hansen   → Feide, pupils linked in the demo (Nordvik lets grade 6 and up in: Jakob 6A yes, Emma 5A no)
//   marte.larsen                → ID-porten pid 01818012337 (synthetic, month + 80), registered as Jakob's guardian in the demo
//   anything else               → an identity nobody linked (<name>@ukjent.example.org, pid 01818012418)
// POST /test/tamper-next-id-token makes the next token response carry an ID token whose payload was altered after signing.
import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const appUrl = process.env.APP_URL;
if (!appUrl) {
  console.error('APP_URL (the app\'s base address, e.g. http://127.0.0.1:5123) is required.');
  process.exit(2);
}

const EPPN = 'https://n.feide.no/claims/eduPersonPrincipalName';
const accounts = {
  'kari.laerer': { name: 'Kari Lærer', [EPPN]: 'kari.laerer@nordvik.example.org' },
  'randi.rektor': { name: 'Randi Rektor', [EPPN]: 'randi.rektor@nordvik.example.org' },
  'marte.larsen': { name: 'Marte Larsen', pid: '01818012337' },
  'jakob.larsen': { name: 'Jakob Larsen', [EPPN]: 'jakob.larsen@nordvik.example.org' },
  'emma.hansen': { name: 'Emma Hansen', [EPPN]: 'emma.hansen@nordvik.example.org' },
};
const claimsOf = (id) => accounts[id] ?? { name: id, [EPPN]: `${id}@ukjent.example.org`, pid: '01818012418' };

const client = (id) => ({
  client_id: id,
  client_secret: `${id}-test-secret`,
  redirect_uris: [`${appUrl}/signin-${id}`],
  post_logout_redirect_uris: [`${appUrl}/signout-callback-${id}`],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_post',
});

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [client('feide'), client('idporten')],
  jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'userid-feide'],
  claims: { openid: ['sub'], profile: ['name', 'pid'], 'userid-feide': [EPPN] },
  // As ID-porten does: the claims the scopes grant are in the ID token itself, not only at userinfo.
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  async findAccount(ctx, id) {
    return { accountId: id, async claims() { return { sub: id, ...claimsOf(id) }; } };
  },
  // First-party clients: no consent screen, as Feide and ID-porten show none for a registered service.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile userid-feide');
    grant.addOIDCClaims(['name', 'pid', EPPN]);
    await grant.save();
    return grant;
  },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
});

let tamperNextIdToken = false;
provider.use(async (ctx, next) => {
  if (ctx.path === '/test/tamper-next-id-token' && ctx.method === 'POST') {
    tamperNextIdToken = true;
    ctx.status = 204;
    return;
  }
  await next();
  if (tamperNextIdToken && ctx.path === '/token' && ctx.body?.id_token) {
    // Someone in between swaps the identity in a validly signed token: the signature no longer matches the payload.
    const [header, payload, signature] = ctx.body.id_token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    claims.sub = 'randi.rektor';
    claims[EPPN] = 'randi.rektor@nordvik.example.org';
    ctx.body = { ...ctx.body, id_token: [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.') };
    tamperNextIdToken = false;
  }
});

server.on('request', provider.callback());
console.log(JSON.stringify({ issuer }));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
