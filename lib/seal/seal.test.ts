import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sm2 as referenceSm2, sm3 as referenceSm3 } from 'sm-crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SEAL_ALGORITHM,
  SIGNER_ID,
  canonicalJson,
  decodeDer,
  encodeDer,
  generateSealKey,
  messageDigestE,
  publicKeyOf,
  signSeal,
  signSealWithNonceForTest,
  signerZ,
  sm3Hex,
  sm3HexPortable,
  verifySeal,
  VerifiedSeals,
} from './seal.js';
import { N } from './sm2-sign.js';

/*
 * The second, independent implementation is `sm-crypto` (JuneAndGreen): SM2 on jsbn big integers
 * with its own SM3, curve code and DER. `sm-crypto-v2`, which lib/seal uses, was rewritten on
 * @noble/curves and @noble/hashes and shares none of that code. Where the machine has OpenSSL 3
 * with SM2 (Debian's has), seals are also checked against it: a C implementation by other authors.
 */
const reference = { sm2: referenceSm2, sm3: referenceSm3 };
const referenceOptions = { hash: true, userId: SIGNER_ID } as const;

/** Published example of GM/T 0003.5-2012 / GB/T 32918.5-2017 Annex A on the curve sm2p256v1. */
const VECTOR = {
  privateKey: '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  publicKey:
    '04' +
    '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020' +
    'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  message: 'message digest',
  signerId: '1234567812345678',
  z: 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3',
  e: 'F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640',
  k: '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
};

const PAYLOADS = [
  '',
  'message digest',
  '{"holder":{"name":"张三","code":"350102199001011234"},"issuer":"福州市市场监督管理局"}',
  '营业执照 电子证照 🏛️ 𠮷 — “引号” \u0000\n\t',
  'x'.repeat(10_000),
];

function randomPayload(): string {
  const pieces = ['证照', '福建省', 'Fuzhou', '{"a":1}', '😀', ' ', '\\u0000', 'é', '闽'];
  let text = '';
  for (let i = randomInt(0, 40); i > 0; i--) text += pieces[randomInt(pieces.length)]!;
  return text + randomBytes(randomInt(0, 16)).toString('base64');
}

function flipHexDigit(hex: string, at: number): string {
  const digit = hex[at]!;
  return hex.slice(0, at) + (digit === '0' ? '1' : '0') + hex.slice(at + 1);
}

describe('SM3 (GB/T 32905 / GM/T 0004 examples)', () => {
  it('"abc" hashes to the published digest', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('the 512-bit message "abcd" × 16 hashes to the published digest', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('strings are hashed as UTF-8, the same as their bytes', () => {
    const text = '电子证照 ✓';
    expect(sm3Hex(text)).toBe(sm3Hex(new TextEncoder().encode(text)));
    expect(sm3Hex(text)).toBe(reference.sm3(text));
  });

  it("OpenSSL's SM3 and the portable one agree on random data of every length class", () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 1000, 100_000]) {
      const data = randomBytes(length);
      expect(sm3Hex(data), `length ${length}`).toBe(sm3HexPortable(data));
    }
  });
});

describe('SM2 signature example of GM/T 0003.5 / GB/T 32918.5 on sm2p256v1', () => {
  it('the private key gives the published public key', () => {
    expect(publicKeyOf(VECTOR.privateKey)).toBe(VECTOR.publicKey.toLowerCase());
  });

  it('Z and e computed with the signer ID match the published values', () => {
    expect(signerZ(VECTOR.publicKey, VECTOR.signerId)).toBe(VECTOR.z.toLowerCase());
    expect(messageDigestE(VECTOR.publicKey, VECTOR.message, VECTOR.signerId)).toBe(VECTOR.e.toLowerCase());
  });

  it('the published signature (r, s) verifies, and the example uses the default signer ID', () => {
    expect(VECTOR.signerId).toBe(SIGNER_ID);
    expect(verifySeal(VECTOR.publicKey, VECTOR.message, encodeDer(BigInt(`0x${VECTOR.r}`), BigInt(`0x${VECTOR.s}`)))).toBe(true);
  });

  it('signing with the published nonce k reproduces (r, s) exactly', () => {
    const signature = signSealWithNonceForTest(VECTOR.privateKey, VECTOR.message, VECTOR.k);
    expect(decodeDer(signature)).toEqual([BigInt(`0x${VECTOR.r}`), BigInt(`0x${VECTOR.s}`)]);
    expect(signature).toBe(`3046022100${VECTOR.r}022100${VECTOR.s}`.toLowerCase());
  });

  it('with another signer ID (the test-curve example\'s ALICE123@YAHOO.COM) Z differs and the signature does not verify', () => {
    expect(signerZ(VECTOR.publicKey, 'ALICE123@YAHOO.COM')).not.toBe(VECTOR.z.toLowerCase());
    const raw = (VECTOR.r + VECTOR.s).toLowerCase();
    expect(reference.sm2.doVerifySignature(VECTOR.message, raw, VECTOR.publicKey, { hash: true, userId: 'ALICE123@YAHOO.COM' })).toBe(false);
  });

  it('the independent implementation verifies the published signature too', () => {
    const raw = (VECTOR.r + VECTOR.s).toLowerCase();
    expect(reference.sm2.doVerifySignature(VECTOR.message, raw, VECTOR.publicKey.toLowerCase(), referenceOptions)).toBe(true);
  });
});

describe('seal keys and signatures', () => {
  it('the algorithm is SM2-SM3 and the signer ID is the standard default', () => {
    expect(SEAL_ALGORITHM).toBe('SM2-SM3');
    expect(SIGNER_ID).toBe('1234567812345678');
  });

  it('generated keys are 64-hex private keys with their uncompressed 04… public key', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const key = generateSealKey();
      expect(key.privateKey).toMatch(/^[0-9a-f]{64}$/);
      expect(key.publicKey).toMatch(/^04[0-9a-f]{128}$/);
      expect(publicKeyOf(key.privateKey)).toBe(key.publicKey);
      seen.add(key.privateKey);
    }
    expect(seen.size).toBe(20);
  });

  it('a seal is DER hex and verifies with its public key, for Chinese and long payloads', () => {
    const key = generateSealKey();
    for (const payload of PAYLOADS) {
      const signature = signSeal(key.privateKey, payload);
      expect(signature).toMatch(/^30[0-9a-f]+$/);
      expect(decodeDer(signature)).not.toBeNull();
      expect(verifySeal(key.publicKey, payload, signature)).toBe(true);
    }
  });

  it('signing twice gives different signatures (fresh k) that both verify', () => {
    const key = generateSealKey();
    const a = signSeal(key.privateKey, '证照');
    const b = signSeal(key.privateKey, '证照');
    expect(a).not.toBe(b);
    expect(verifySeal(key.publicKey, '证照', a) && verifySeal(key.publicKey, '证照', b)).toBe(true);
  });

  it('signing rejects a malformed or out-of-range private key', () => {
    expect(() => signSeal('xyz', 'a')).toThrow();
    expect(() => signSeal('0'.repeat(64), 'a')).toThrow();
    expect(() => signSeal('f'.repeat(64), 'a')).toThrow();
  });
});

describe('verifySeal refuses what it must, without throwing', () => {
  const key = generateSealKey();
  const other = generateSealKey();
  const payload = canonicalJson({ id: 'c1', holder: { name: '李四' }, items: { area: '120.5' } });
  const signature = signSeal(key.privateKey, payload);
  const [r, s] = decodeDer(signature)!;

  it('a tampered payload is false', () => {
    expect(verifySeal(key.publicKey, payload.replace('李四', '李五'), signature)).toBe(false);
    expect(verifySeal(key.publicKey, `${payload} `, signature)).toBe(false);
  });

  it('another authority\'s key is false', () => {
    expect(verifySeal(other.publicKey, payload, signature)).toBe(false);
  });

  it('a signature with any hex digit of r or s changed is false', () => {
    for (let at = 8; at < signature.length; at += 7) {
      expect(verifySeal(key.publicKey, payload, flipHexDigit(signature, at))).toBe(false);
    }
  });

  it('malformed signatures are false', () => {
    const raw = r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0');
    for (const bad of [
      '',
      'zz',
      '30',
      '3000',
      raw, // r‖s without DER
      `${signature}00`, // trailing byte
      signature.slice(0, -2), // truncated
      signature.toUpperCase().replace(/^30/, '31'),
      encodeDer(0n, s),
      encodeDer(r, 0n),
      encodeDer(r, s + N), // malleated s ≥ n
      encodeDer(r + N, s),
      `3046020100${signature.slice(6)}`,
      'not hex at all',
      'a'.repeat(10_000),
    ]) {
      expect(verifySeal(key.publicKey, payload, bad), bad.slice(0, 40)).toBe(false);
    }
  });

  it('non-minimal DER is false even though the numbers are right', () => {
    const int = (hex: string) => `02${(hex.length / 2).toString(16).padStart(2, '0')}${hex}`;
    const seq = (body: string) => `30${(body.length / 2).toString(16).padStart(2, '0')}${body}`;
    const minimal = (value: bigint) => {
      let hex = value.toString(16);
      if (hex.length % 2) hex = `0${hex}`;
      return parseInt(hex.slice(0, 2), 16) >= 0x80 ? `00${hex}` : hex;
    };
    expect(seq(int(minimal(r)) + int(minimal(s)))).toBe(signature);
    expect(verifySeal(key.publicKey, payload, seq(int(`00${minimal(r)}`) + int(minimal(s))))).toBe(false);
    expect(verifySeal(key.publicKey, payload, seq(int(minimal(r)) + int(`00${minimal(s)}`)))).toBe(false);
    expect(verifySeal(key.publicKey, payload, `3081${signature.slice(2)}`)).toBe(false);
  });

  it('malformed public keys are false', () => {
    const notOnCurve = `04${'1'.repeat(128)}`;
    const compressed = `02${key.publicKey.slice(2, 66)}`;
    for (const bad of ['', '04', key.publicKey.slice(2), compressed, notOnCurve, `04${'0'.repeat(128)}`, `${key.publicKey}00`, 'hello']) {
      expect(verifySeal(bad, payload, signature), bad.slice(0, 20)).toBe(false);
    }
  });

  it('non-string arguments are false', () => {
    const loose = verifySeal as (publicKey: unknown, payload: unknown, signature: unknown) => boolean;
    expect(loose(undefined, payload, signature)).toBe(false);
    expect(loose(key.publicKey, null, signature)).toBe(false);
    expect(loose(key.publicKey, payload, 42)).toBe(false);
  });
});

describe('VerifiedSeals: verifications remembered', () => {
  const key = generateSealKey();
  const payload = canonicalJson({ id: 'c1', holder: { name: '王五' }, items: { scope: '餐饮服务' } });
  const signature = signSeal(key.privateKey, payload);
  /** A memory whose verifications are counted. */
  const counted = (limit?: number) => {
    const calls: string[] = [];
    const seals = new VerifiedSeals({
      ...(limit === undefined ? {} : { limit }),
      verify: (publicKey, signed, sig) => {
        calls.push(signed);
        return verifySeal(publicKey, signed, sig);
      },
    });
    return { seals, calls };
  };

  it('a seal that verified is answered from memory the next time, without verifying again', () => {
    const { seals, calls } = counted();
    expect(seals.verify(key.publicKey, payload, signature)).toBe(true);
    expect(seals.verify(key.publicKey, payload, signature)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(seals.size).toBe(1);
  });

  it('a changed payload is verified afresh, not served from memory, and is false', () => {
    const { seals, calls } = counted();
    expect(seals.verify(key.publicKey, payload, signature)).toBe(true);
    const tampered = payload.replace('王五', '王六');
    expect(seals.verify(key.publicKey, tampered, signature)).toBe(false);
    expect(seals.verify(key.publicKey, tampered, signature)).toBe(false);
    expect(calls).toEqual([payload, tampered, tampered]);
    // Another key or another signature is not this triple either.
    expect(seals.verify(generateSealKey().publicKey, payload, signature)).toBe(false);
    expect(seals.verify(key.publicKey, payload, signSeal(generateSealKey().privateKey, payload))).toBe(false);
    expect(calls).toHaveLength(5);
    expect(seals.size).toBe(1);
  });

  it('malformed arguments go to verifySeal, false, and are not remembered', () => {
    const { seals } = counted();
    const loose = seals.verify.bind(seals) as (publicKey: unknown, payload: unknown, signature: unknown) => boolean;
    expect(loose(`${key.publicKey}:`, payload, signature)).toBe(false);
    expect(loose(key.publicKey, null, signature)).toBe(false);
    expect(loose(key.publicKey, payload, `${signature}:x`)).toBe(false);
    expect(seals.size).toBe(0);
  });

  it('is bounded: beyond its limit the least recently used seal leaves first', () => {
    const { seals, calls } = counted(3);
    const payloads = ['a', 'b', 'c', 'd'];
    const signatures = payloads.map((signed) => signSeal(key.privateKey, signed));
    for (const i of [0, 1, 2]) expect(seals.verify(key.publicKey, payloads[i]!, signatures[i]!)).toBe(true);
    // 'a' used again: 'b' is now the least recently used, and leaves when 'd' comes.
    expect(seals.verify(key.publicKey, 'a', signatures[0]!)).toBe(true);
    expect(seals.verify(key.publicKey, 'd', signatures[3]!)).toBe(true);
    expect(seals.size).toBe(3);
    calls.length = 0;
    for (const i of [0, 2, 3]) expect(seals.verify(key.publicKey, payloads[i]!, signatures[i]!)).toBe(true);
    expect(calls).toEqual([]);
    expect(seals.verify(key.publicKey, 'b', signatures[1]!)).toBe(true);
    expect(calls).toEqual(['b']);
    expect(seals.size).toBe(3);
  });
});

describe('interoperability with the independent sm-crypto implementation', () => {
  const ROUNDS = 40;

  it('seals made by lib/seal verify with sm-crypto, for many random keys and payloads', () => {
    for (let i = 0; i < ROUNDS; i++) {
      const key = generateSealKey();
      const payload = i < PAYLOADS.length ? PAYLOADS[i]! : randomPayload();
      const signature = signSeal(key.privateKey, payload);
      expect(reference.sm2.doVerifySignature(payload, signature, key.publicKey, { ...referenceOptions, der: true })).toBe(true);
      expect(reference.sm2.doVerifySignature(`${payload}.`, signature, key.publicKey, { ...referenceOptions, der: true })).toBe(false);
    }
  });

  it('signatures made by sm-crypto verify with lib/seal, for many random keys and payloads', () => {
    for (let i = 0; i < ROUNDS; i++) {
      const key = reference.sm2.generateKeyPairHex();
      // sm-crypto may leave a short private key unpadded; the seal API takes 64 hex characters.
      const privateKey = key.privateKey.padStart(64, '0');
      expect(publicKeyOf(privateKey)).toBe(key.publicKey);
      const payload = i < PAYLOADS.length ? PAYLOADS[i]! : randomPayload();
      const signature = reference.sm2.doSignature(payload, key.privateKey, { ...referenceOptions, der: true, publicKey: key.publicKey });
      expect(verifySeal(key.publicKey, payload, signature)).toBe(true);
      expect(verifySeal(key.publicKey, `${payload}.`, signature)).toBe(false);
    }
  });

  it('both compute the same Z-prefixed digest e for the same key and payload', () => {
    const key = generateSealKey();
    for (const payload of PAYLOADS) {
      const bytes = Array.from(new TextEncoder().encode(payload));
      const z = signerZ(key.publicKey);
      expect(referenceSm3([...Array.from(Buffer.from(z, 'hex')), ...bytes])).toBe(messageDigestE(key.publicKey, payload));
    }
  });
});

function opensslHasSm2(): boolean {
  try {
    execFileSync('openssl', ['list', '-digest-algorithms'], { stdio: 'pipe' });
    const out = execFileSync('openssl', ['ecparam', '-list_curves'], { encoding: 'utf8', stdio: 'pipe' });
    return /\bSM2\b/.test(out);
  } catch {
    return false;
  }
}

/** SEC1 ECPrivateKey and SubjectPublicKeyInfo PEM for an sm2p256v1 key (OID 1.2.156.10197.1.301). */
function pemFor(privateKey: string, publicKey: string): { privatePem: string; publicPem: string } {
  const curveOid = '06082a811ccf5501822d';
  const sec1 = `30770201010420${privateKey}a00a${curveOid}a144034200${publicKey}`;
  const spki = `3059301306072a8648ce3d0201${curveOid}034200${publicKey}`;
  const pem = (label: string, hex: string) =>
    `-----BEGIN ${label}-----\n${Buffer.from(hex, 'hex').toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;
  return { privatePem: pem('EC PRIVATE KEY', sec1), publicPem: pem('PUBLIC KEY', spki) };
}

describe.skipIf(!opensslHasSm2())('interoperability with OpenSSL (SM2 with distid)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seal-openssl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const distid = `distid:${SIGNER_ID}`;

  function files(privateKey: string, publicKey: string, payload: string) {
    const { privatePem, publicPem } = pemFor(privateKey, publicKey);
    const paths = { key: join(dir, 'key.pem'), pub: join(dir, 'pub.pem'), msg: join(dir, 'msg'), sig: join(dir, 'sig') };
    writeFileSync(paths.key, privatePem);
    writeFileSync(paths.pub, publicPem);
    writeFileSync(paths.msg, payload);
    return paths;
  }

  it('OpenSSL verifies the published example signature with the default ID', () => {
    const paths = files(VECTOR.privateKey.toLowerCase(), VECTOR.publicKey.toLowerCase(), VECTOR.message);
    writeFileSync(paths.sig, Buffer.from(encodeDer(BigInt(`0x${VECTOR.r}`), BigInt(`0x${VECTOR.s}`)), 'hex'));
    const out = execFileSync('openssl', ['dgst', '-sm3', '-verify', paths.pub, '-sigopt', distid, '-signature', paths.sig, paths.msg], { encoding: 'utf8' });
    expect(out).toMatch(/Verified OK/);
  });

  it('seals made by lib/seal verify with OpenSSL and OpenSSL\'s signatures verify with lib/seal', () => {
    for (let i = 0; i < 8; i++) {
      const key = generateSealKey();
      const payload = i < PAYLOADS.length ? PAYLOADS[i]! : randomPayload();
      const paths = files(key.privateKey, key.publicKey, payload);

      writeFileSync(paths.sig, Buffer.from(signSeal(key.privateKey, payload), 'hex'));
      const out = execFileSync('openssl', ['dgst', '-sm3', '-verify', paths.pub, '-sigopt', distid, '-signature', paths.sig, paths.msg], { encoding: 'utf8' });
      expect(out).toMatch(/Verified OK/);

      const theirs = execFileSync('openssl', ['dgst', '-sm3', '-sign', paths.key, '-sigopt', distid, paths.msg]);
      expect(verifySeal(key.publicKey, payload, theirs.toString('hex'))).toBe(true);
    }
  });
});

describe('canonicalJson (RFC 8785)', () => {
  it('serialises the RFC\'s example object exactly (§3.2.3, Appendix)', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units, non-ASCII and surrogate pairs included (§3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('serialises numbers as ECMAScript does (Appendix B)', () => {
    const fromBits = (hex: string) => {
      const view = new DataView(new ArrayBuffer(8));
      view.setBigUint64(0, BigInt(`0x${hex}`));
      return view.getFloat64(0);
    };
    const cases: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'], // -0
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [bits, expected] of cases) expect(canonicalJson(fromBits(bits)), bits).toBe(expected);
    expect(canonicalJson([1e21, 1e-7, -0, 1e20, 0.1])).toBe('[1e+21,1e-7,0,100000000000000000000,0.1]');
  });

  it('rejects what I-JSON cannot hold: NaN, Infinity, BigInt, lone surrogates', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow();
    expect(() => canonicalJson(1n)).toThrow();
    expect(() => canonicalJson({ a: '\ud800' })).toThrow();
    expect(() => canonicalJson({ '\udc00': 1 })).toThrow();
  });

  it('escapes control characters in lowercase \\u form and leaves other Unicode as is', () => {
    expect(canonicalJson('\u0000\u001f\b\f\t\n\r"\\/\u007f\u2028张三😀')).toBe('"\\u0000\\u001f\\b\\f\\t\\n\\r\\"\\\\/\u007f\u2028张三😀"');
  });

  it('has no whitespace, sorts nested objects, drops undefined members and uses toJSON like JSON.stringify', () => {
    const value = { z: { b: 2, a: [1, undefined, { y: true, x: null }] }, a: undefined, d: new Date(Date.UTC(2026, 0, 2)) };
    expect(canonicalJson(value)).toBe('{"d":"2026-01-02T00:00:00.000Z","z":{"a":[1,null,{"x":null,"y":true}],"b":2}}');
  });

  it('key order does not change the seal digest', () => {
    expect(sm3Hex(canonicalJson({ b: 1, a: '证' }))).toBe(sm3Hex(canonicalJson({ a: '证', b: 1 })));
  });
});
