import { describe, expect, it } from 'vitest';
import { buildCertificateId } from '../../../lib/codes.js';
import { uscc } from '../../../test/support/fixtures.js';
import { matches, type EventFacts } from './authorization.js';
import type { Subscription } from './subscriptions.js';

/** Which events a webhook that names certificates receives: theirs, and their newer versions'. */
describe('a webhook that names certificates', () => {
  const issuer = uscc('11', '350200', 8003);
  const typeCode = `${uscc('11', '100000', 7001)}001`;
  const version = (serial: string, n: number) => buildCertificateId({ typeCode, issuer, serial, version: String(n).padStart(3, '0') });
  const subscription: Subscription = {
    id: 'w1',
    agency: issuer,
    agencyName: null,
    roles: ['issuer'],
    url: 'http://127.0.0.1/hook',
    events: new Set(['CERTIFICATE_NEW_VERSION', 'CERTIFICATE_STATUS_CHANGED']),
    typeCodes: null,
    certificateIds: new Set([version('00000001', 2)]),
    purpose: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  };
  const event = (certificateId: string, type: EventFacts['type'] = 'CERTIFICATE_NEW_VERSION'): EventFacts => ({
    type,
    at: new Date('2026-06-01T00:00:00Z'),
    certificateId,
    typeCode,
    issuerCode: issuer,
    holderCode: uscc('91', '350200', 1),
    actor: issuer,
  });

  it('receives the events of the version it names and of every newer version of it', () => {
    expect(matches(subscription, event(version('00000001', 2), 'CERTIFICATE_STATUS_CHANGED'))).toBe(true);
    expect(matches(subscription, event(version('00000001', 3)))).toBe(true);
    expect(matches(subscription, event(version('00000001', 7), 'CERTIFICATE_STATUS_CHANGED'))).toBe(true);
  });

  it('receives nothing of an older version, or of another serial', () => {
    expect(matches(subscription, event(version('00000001', 1), 'CERTIFICATE_STATUS_CHANGED'))).toBe(false);
    expect(matches(subscription, event(version('00000002', 3)))).toBe(false);
  });
});
