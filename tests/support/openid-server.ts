// A stand-in for the Bot Framework token authority on 127.0.0.1: an OpenID
// metadata document whose `jwks_uri` names a key set, both over plain http,
// and a signer for tokens as Teams sends them (RS256 with a key of that set).
//
// botbuilder caches the keys of each metadata URL statically for 24 hours, so
// every bot that should fetch them afresh needs its own URL: `metadataUrl(tag)`
// gives one per tag, all serving the same keys.
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer of channel (Teams) tokens. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';
/** An issuer of Bot Framework Emulator tokens (v1), which botbuilder validates on a path of its own. */
export const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export function generateSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

export type Claims = Record<string, unknown>;

export interface SignOptions {
  /** Signs with this key (RS256) and names its kid, unless `kid` says otherwise. */
  readonly key: SigningKey;
  /** The kid in the header (default: the key's own). */
  readonly kid?: string;
  /** RS256 (default); HS256 signs with `hmacSecret`; none leaves the signature empty. */
  readonly alg?: 'RS256' | 'HS256' | 'none';
  readonly hmacSecret?: string | Buffer;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A compact JWS of `claims`. */
export function signToken(claims: Claims, { key, kid = key.kid, alg = 'RS256', hmacSecret }: SignOptions): string {
  const input = `${base64url(JSON.stringify({ alg, typ: 'JWT', kid }))}.${base64url(JSON.stringify(claims))}`;
  if (alg === 'none') return `${input}.`;
  if (alg === 'HS256') {
    if (hmacSecret === undefined) throw new Error('HS256 needs an hmacSecret');
    return `${input}.${createHmac('sha256', hmacSecret).update(input).digest('base64url')}`;
  }
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

export interface OpenIdServer {
  readonly origin: string;
  /** The key the JWKS publishes, endorsed for msteams. */
  readonly key: SigningKey;
  /** A metadata URL of its own for `tag` (see the top of this file). */
  metadataUrl(tag: string): string;
  /** A metadata URL that answers 500, as an authority in trouble does. */
  readonly brokenMetadataUrl: string;
  /** Paths requested so far, in order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

export async function startOpenIdServer(): Promise<OpenIdServer> {
  const key = generateSigningKey('local-key-1');
  const jwk = key.publicKey.export({ format: 'jwk' });
  const keys = { keys: [{ kty: jwk.kty, use: 'sig', kid: key.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] };
  const requests: string[] = [];
  let origin = '';

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://authority').pathname;
    requests.push(path);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path.startsWith('/broken/')) return json(500, { error: 'the authority is having a bad day' });
    if (path.endsWith('/.well-known/openid-configuration')) {
      return json(200, { issuer: CHANNEL_ISSUER, jwks_uri: `${origin}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (path === '/keys') return json(200, keys);
    json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    key,
    metadataUrl: (tag) => `${origin}/${encodeURIComponent(tag)}/.well-known/openid-configuration`,
    brokenMetadataUrl: `${origin}/broken/.well-known/openid-configuration`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
