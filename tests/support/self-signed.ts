// A self-signed TLS certificate for one host name, made with node:crypto alone
// (Node has no API that writes X.509, so its DER is written here): for a local
// HTTPS server that stands in for a fixed https URL, trusted only by the requests
// a test sends there with it as their `ca`.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface SelfSigned {
  /** The certificate (PEM), to give the server as `cert` and the client as `ca`. */
  readonly cert: string;
  /** Its private key (PEM), for the server. */
  readonly key: string;
}

const length = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, content: Buffer) => Buffer.concat([Buffer.from([tag]), length(content.length), content]);
const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const integer = (bytes: Buffer) => tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const octets = (bytes: Buffer) => tlv(0x04, bytes);
const bits = (bytes: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));
const explicit = (n: number, content: Buffer) => tlv(0xa0 + n, content);
const NULL = Buffer.from([0x05, 0x00]);
/** UTCTime, YYMMDDHHMMSSZ. */
const time = (at: Date) => tlv(0x17, Buffer.from(`${at.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`));

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [40 * first + second];
  for (const value of rest) {
    const encoded = [value & 0x7f];
    for (let v = value >> 7; v > 0; v >>= 7) encoded.unshift((v & 0x7f) | 0x80);
    bytes.push(...encoded);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** A certificate for `host`, valid from an hour ago for a day, signed by its own RSA key (SHA-256). */
export function selfSignedCertificate(host: string): SelfSigned {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const algorithm = sequence(oid('1.2.840.113549.1.1.11'), NULL); // sha256WithRSAEncryption
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8(host)))); // CN=host
  const serial = randomBytes(8);
  serial[0]! &= 0x7f;
  const now = Date.now();
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // X.509 v3
    integer(serial),
    algorithm,
    name,
    sequence(time(new Date(now - 3_600_000)), time(new Date(now + 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      sequence(
        sequence(oid('2.5.29.17'), octets(sequence(tlv(0x82, Buffer.from(host))))), // subjectAltName: dNSName
        sequence(oid('2.5.29.19'), octets(sequence(tlv(0x01, Buffer.from([0xff]))))), // basicConstraints: CA (self-signed)
      ),
    ),
  );
  const der = sequence(tbs, algorithm, bits(sign('sha256', tbs, privateKey)));
  const base64 = der.toString('base64').match(/.{1,64}/g)!.join('\n');
  return { cert: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`, key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}
