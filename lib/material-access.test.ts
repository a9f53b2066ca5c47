import { describe, expect, it } from 'vitest';
import { materialAccess, type MaterialType } from './material-access.js';
import type { GrantClaim } from './principal.js';

const MATTER = '11350100MB1A8C2K4Y0001';
const TYPE = '11100000MB0Y4P2K82001';
const NOW = new Date('2026-05-01T08:00:00Z');
const type = (sharing: MaterialType['sharing']): MaterialType => ({ sharing, items: [{ code: 'name', sensitive: false }, { code: 'idNumber', sensitive: true }] });
const grant = (items: string[], overrides: Partial<GrantClaim> = {}): GrantClaim => ({ id: 'g', type: TYPE, items, purposes: [MATTER], expiresAt: null, ...overrides });
const need = (...items: string[]) => ({ certificateType: TYPE, items });

describe('whether an agency reads a material of a matter without consent', () => {
  it('says why not: the type unknown, not shared, an item no longer defined, no grant', () => {
    expect(materialAccess(need('name'), null, MATTER, [], NOW)).toEqual({ readable: false, blockedBy: 'TYPE_UNKNOWN' });
    expect(materialAccess(need(), type('NOT_SHARED'), MATTER, [grant([])], NOW)).toEqual({ readable: false, blockedBy: 'NOT_SHARED' });
    expect(materialAccess(need('gone'), type('UNCONDITIONAL'), MATTER, [grant(['gone'])], NOW)).toEqual({ readable: false, blockedBy: 'ITEM_NOT_DEFINED' });
    expect(materialAccess(need('idNumber'), type('UNCONDITIONAL'), MATTER, [], NOW)).toEqual({ readable: false, blockedBy: 'NO_GRANT' });
    expect(materialAccess(need(), type('CONDITIONAL'), MATTER, [], NOW)).toEqual({ readable: false, blockedBy: 'NO_GRANT' });
  });

  it('counts only live grants on the type that name the matter code among their purposes', () => {
    const read = (grants: GrantClaim[]) => materialAccess(need('idNumber'), type('CONDITIONAL'), MATTER, grants, NOW).readable;
    expect(read([grant(['idNumber'])])).toBe(true);
    expect(read([grant(['idNumber'], { expiresAt: '2026-05-01T09:00:00.000Z' })])).toBe(true);
    expect(read([grant(['idNumber'], { expiresAt: '2026-05-01T07:59:59.999Z' })])).toBe(false);
    expect(read([grant(['idNumber'], { purposes: ['治安案件调查'] })])).toBe(false);
    expect(read([grant(['idNumber'], { type: '11100000MB0Y4P2K82002' })])).toBe(false);
  });

  it('adds up the items of the applicable grants, as a certificate read does', () => {
    const read = (grants: GrantClaim[]) => materialAccess(need('name', 'idNumber'), type('CONDITIONAL'), MATTER, grants, NOW).readable;
    expect(read([grant(['name'])])).toBe(false);
    expect(read([grant(['name']), grant(['idNumber'])])).toBe(true);
    expect(read([grant(['name']), grant(['idNumber'], { purposes: ['其他'] })])).toBe(false);
  });

  it('grants only ever open more: a material readable without them stays readable with any', () => {
    for (const sharing of ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'] as const) {
      for (const items of [[], ['name'], ['idNumber'], ['name', 'idNumber']]) {
        const without = materialAccess(need(...items), type(sharing), MATTER, [], NOW).readable;
        const withGrants = materialAccess(need(...items), type(sharing), MATTER, [grant(['name', 'idNumber']), grant([])], NOW).readable;
        if (without) expect(withGrants, `${sharing} ${items.join(',')}`).toBe(true);
      }
    }
  });
});
