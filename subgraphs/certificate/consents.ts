import DataLoader from 'dataloader';
import { certificateChain, matterCodeProblem } from '../../lib/codes.js';
import { hasRole, type Principal } from '../../lib/principal.js';
import type { PeerClient } from '../kit/peers.js';
import type { CertificateRow } from './db/schema.js';

/** A holder's consent (授权用证) as the province's catalog answers `liveConsents`. */
export interface LiveConsent {
  id: string;
  holderCode: string;
  caseNumber: string | null;
  certificateIds: string[];
  expiresAt: string;
}

const LIVE_CONSENTS = /* GraphQL */ `
  query HubLiveConsents($agency: String!, $matter: ID!, $ids: [ID!]!) {
    liveConsents(agency: $agency, matter: $matter, certificateIds: $ids) { id holderCode caseNumber certificateIds expiresAt }
  }
`;

/** The consent that opens a certificate to this request, or null; one per request and certificate. */
export type ConsentLoader = DataLoader<CertificateRow, LiveConsent | null, string>;

interface ConsentRequest {
  principal: Principal;
  purpose: string | null;
  caseNumber: string | null;
  now(): Date;
}

/** Whether a consent could open anything to this request: a consumer agency reading for a matter (its purpose a matter code). */
export const consentMayApply = (request: Pick<ConsentRequest, 'principal' | 'purpose'>): boolean =>
  request.principal.kind === 'agency' && hasRole(request.principal, 'consumer') && request.purpose !== null && matterCodeProblem(request.purpose) === null;

/**
 * Finds, for the certificates of one request that its own rights do not fully open, the holder's
 * consent that does: a consent kept at the province (its catalog's `liveConsents`, asked on this
 * node's own account, once per request for all of them — consents are never cached, so one
 * revoked stops opening anything at once), given to the calling agency for the request's matter
 * (its purpose), not revoked, not expired, covering the certificate's version chain, given by
 * the certificate's holder, and — when it names a case number — for the request's case. A
 * province that does not answer opens nothing (default deny).
 */
export function createConsentLoader(request: ConsentRequest, peers: PeerClient | undefined, province: string): ConsentLoader {
  return new DataLoader<CertificateRow, LiveConsent | null, string>(
    async (rows) => {
      const { principal, purpose } = request;
      if (!peers || !consentMayApply(request) || principal.kind !== 'agency') return rows.map(() => null);
      let consents: LiveConsent[];
      try {
        const answer = await peers.request<{ liveConsents: LiveConsent[] }>(province, 'catalog', LIVE_CONSENTS, {
          agency: principal.code,
          matter: purpose,
          ids: [...new Set(rows.map((row) => row.id))],
        });
        if (!Array.isArray(answer.data?.liveConsents)) throw new Error(answer.errors?.[0]?.message ?? 'no answer');
        consents = answer.data.liveConsents;
      } catch (error) {
        console.error(`consents of ${principal.code} for ${purpose} unavailable:`, (error as Error).message);
        return rows.map(() => null);
      }
      const now = request.now().getTime();
      return rows.map((row) => {
        const chain = certificateChain(row.id);
        return (
          consents.find(
            (consent) =>
              consent.holderCode === row.holderCode &&
              Date.parse(consent.expiresAt) > now &&
              (consent.caseNumber === null || consent.caseNumber === request.caseNumber) &&
              consent.certificateIds.some((id) => certificateChain(id) === chain),
          ) ?? null
        );
      });
    },
    // liveConsents takes at most 1,000 ids: a longer list is asked in several requests.
    { cacheKeyFn: (row) => row.id, maxBatchSize: 1_000 },
  );
}
