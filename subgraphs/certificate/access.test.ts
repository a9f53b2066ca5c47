import { describe, expect, it } from 'vitest';
import type { GrantClaim, Principal } from '../../lib/principal.js';
import { decideAccess } from './access.js';
import type { CatalogType } from './catalog.js';

const TYPE = (sharing: CatalogType['sharing']): CatalogType => ({
  code: 'T',
  name: 't',
  holderKind: 'ORGANIZATION',
  sharing,
  validityYears: null,
  items: [
    { code: 'open', name: 'open', required: true, sensitive: false },
    { code: 'secret', name: 'secret', required: true, sensitive: true },
  ],
});
const CERT = { issuerCode: 'ISSUER', holderCode: 'HOLDER', typeCode: 'T' };
const CONSUMER: Principal = { kind: 'agency', code: 'CONSUMER', name: null, roles: ['consumer'] };
const NOW = new Date('2026-06-01T00:00:00Z');
const grant = (over: Partial<GrantClaim> = {}): GrantClaim => ({ id: 'g', type: 'T', items: ['secret'], purposes: ['P'], expiresAt: null, ...over });
/**
 * The agency's grants as the gateway hands them to a node: the request carries all of them
 * (the node checks purpose and expiry again), and the live ones for other purposes as type and
 * items only.
 */
const decide = (sharing: CatalogType['sharing'], grants: GrantClaim[] = [], purpose: string | null = 'P', principal: Principal = CONSUMER) => {
  const live = grants.filter((g) => g.expiresAt === null || g.expiresAt > NOW.toISOString());
  const grantsForOtherPurposes = live.filter((g) => purpose === null || !g.purposes.includes(purpose)).map((g) => ({ type: g.type, items: g.items }));
  return decideAccess(CERT, TYPE(sharing), { principal, grants, purpose, grantsForOtherPurposes }, NOW);
};

describe('sharing rules', () => {
  it('UNCONDITIONAL: identity and open items for any agency, the sensitive item only with a grant naming it for the purpose', () => {
    const none = decide('UNCONDITIONAL');
    expect([none.identity, none.item('open'), none.item('secret')]).toEqual([true, true, false]);
    const granted = decide('UNCONDITIONAL', [grant()]);
    expect(granted.item('secret')).toBe(true);
    expect(decide('UNCONDITIONAL', [grant()], 'another purpose').item('secret')).toBe(false);
    expect(decide('UNCONDITIONAL', [grant()], null).item('secret')).toBe(false);
  });

  it('CONDITIONAL: nothing without a grant; with one, identity and only the items it names', () => {
    const none = decide('CONDITIONAL');
    expect([none.identity, none.anyItem]).toEqual([false, false]);
    const granted = decide('CONDITIONAL', [grant({ items: ['open'] })]);
    expect([granted.identity, granted.item('open'), granted.item('secret')]).toEqual([true, true, false]);
  });

  it('an expired grant, a grant for another type or another purpose opens nothing', () => {
    for (const g of [grant({ expiresAt: '2026-05-31T23:59:59.000Z' }), grant({ type: 'OTHER' }), grant({ purposes: ['Q'] })]) {
      const access = decide('CONDITIONAL', [g]);
      expect([access.identity, access.anyItem]).toEqual([false, false]);
    }
  });

  it('NOT_SHARED: even a grant opens nothing; the issuer and the holder read everything', () => {
    expect(decide('NOT_SHARED', [grant()]).identity).toBe(false);
    const issuer: Principal = { kind: 'agency', code: 'ISSUER', name: null, roles: ['issuer'] };
    const holder: Principal = { kind: 'holder', code: 'HOLDER', holderKind: 'ORGANIZATION', name: null };
    for (const principal of [issuer, holder]) expect(decide('NOT_SHARED', [], null, principal).item('secret')).toBe(true);
  });

  it('an unreadable catalog entry opens nothing to other agencies', () => {
    const access = decideAccess(CERT, null, { principal: CONSUMER, grants: [grant()], purpose: 'P', grantsForOtherPurposes: [] }, NOW);
    expect([access.identity, access.anyItem]).toEqual([false, false]);
  });

  it('an item the type no longer defines is withheld from other agencies, even one a grant names', () => {
    // A certificate issued before its type dropped (or renamed) the item still carries it.
    expect(decide('UNCONDITIONAL').item('dropped')).toBe(false);
    expect(decide('CONDITIONAL', [grant({ items: ['dropped', 'open'] })]).item('dropped')).toBe(false);
    const issuer: Principal = { kind: 'agency', code: 'ISSUER', name: null, roles: ['issuer'] };
    expect(decide('UNCONDITIONAL', [], null, issuer).item('dropped')).toBe(true);
  });

  it('an agency without the consumer role reads no shared data, even of an UNCONDITIONAL type or with a grant', () => {
    for (const roles of [[], ['issuer'], ['steward', 'auditor', 'operator']] as const) {
      const agency: Principal = { kind: 'agency', code: 'OTHER', name: null, roles: [...roles] };
      for (const access of [decide('UNCONDITIONAL', [], 'P', agency), decide('CONDITIONAL', [grant({ items: ['open'] })], 'P', agency)]) {
        expect([access.identity, access.anyItem, access.item('open')]).toEqual([false, false, false]);
      }
    }
  });
});

describe('why access is closed', () => {
  const reasonsOf = (access: ReturnType<typeof decide>) => [access.whyNotIdentity().reason, access.whyNoItem().reason];

  it('CONDITIONAL without a grant is NO_GRANT naming the type and the purpose; without a purpose PURPOSE_MISSING', () => {
    const none = decide('CONDITIONAL');
    expect(reasonsOf(none)).toEqual(['NO_GRANT', 'NO_GRANT']);
    expect(none.whyNotIdentity().why).toBe('no grant for t and purpose P');
    expect(reasonsOf(decide('CONDITIONAL', [], null))).toEqual(['PURPOSE_MISSING', 'PURPOSE_MISSING']);
  });

  it('a live grant for another purpose is PURPOSE_NOT_GRANTED; an expired one or one for another type is not', () => {
    expect(reasonsOf(decide('CONDITIONAL', [grant({ purposes: ['Q'] })]))).toEqual(['PURPOSE_NOT_GRANTED', 'PURPOSE_NOT_GRANTED']);
    for (const g of [grant({ purposes: ['Q'], expiresAt: '2026-05-31T23:59:59.000Z' }), grant({ purposes: ['Q'], type: 'OTHER' })]) {
      expect(decide('CONDITIONAL', [g]).whyNotIdentity().reason).toBe('NO_GRANT');
    }
  });

  it('an item is told apart from its type: a sensitive item without a grant naming it, an item the type no longer defines', () => {
    const open = decide('UNCONDITIONAL');
    expect(open.whyNotItem('secret')).toMatchObject({ reason: 'NO_GRANT', why: 'no grant for secret of t and purpose P' });
    expect(decide('UNCONDITIONAL', [grant({ purposes: ['Q'] })]).whyNotItem('secret').reason).toBe('PURPOSE_NOT_GRANTED');
    // A grant for another purpose that does not name the item would not open it either.
    expect(decide('UNCONDITIONAL', [grant({ purposes: ['Q'], items: ['open'] })]).whyNotItem('secret').reason).toBe('NO_GRANT');
    expect(open.whyNotItem('dropped').reason).toBe('ITEM_NOT_DEFINED');
  });

  it('NOT_SHARED, an unreadable catalog entry, and principals in no relation to the certificate say so', () => {
    expect(decide('NOT_SHARED', [grant()]).whyNotIdentity()).toMatchObject({ reason: 'NOT_SHARED', why: 't is not shared: only its issuer and holder read its holder and items' });
    expect(decideAccess(CERT, null, { principal: CONSUMER, grants: [], purpose: 'P', grantsForOtherPurposes: [] }, NOW).whyNotItem('open').reason).toBe('CATALOG_UNAVAILABLE');
    const issuerOnly: Principal = { kind: 'agency', code: 'OTHER', name: null, roles: ['issuer'] };
    expect(decide('UNCONDITIONAL', [], 'P', issuerOnly).whyNotIdentity()).toMatchObject({ reason: 'ROLE_REQUIRED', role: 'consumer' });
    const anotherHolder: Principal = { kind: 'holder', code: 'SOMEONE', holderKind: 'PERSON', name: null };
    expect(decide('UNCONDITIONAL', [], 'P', anotherHolder).whyNotIdentity().reason).toBe('NOT_THE_HOLDER');
    expect(decide('UNCONDITIONAL', [], 'P', { kind: 'public' }).whyNotIdentity().reason).toBe('SIGN_IN_REQUIRED');
  });
});
