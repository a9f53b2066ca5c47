import { and, desc, eq } from 'drizzle-orm';
import { certificateIdProblem, residentIdProblem, usccProblem } from '../../lib/codes.js';
import type { HubDatabase } from '../kit/db.js';
import { badInput, forbidden } from '../../lib/errors.js';
import { hasRole, type Principal } from '../../lib/principal.js';
import { accessRecords, type AccessRecordRow } from './db/schema.js';

export const MAX_ACCESS_LOG = 500;

export interface AccessLogArgs {
  holderCode?: string | null;
  certificateId?: string | null;
  first?: number | null;
}

/**
 * The node's access records, newest first, for Query.accessLog: an auditor reads any records
 * (the filters are optional), a holder only those about itself (another holder's code is
 * FORBIDDEN), everyone else nothing. Each argument problem is a BAD_USER_INPUT naming it.
 */
export async function readAccessLog(db: HubDatabase, node: string, principal: Principal, args: AccessLogArgs): Promise<AccessRecordRow[]> {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > MAX_ACCESS_LOG) throw badInput('first', `must be between 1 and ${MAX_ACCESS_LOG}`);
  const certificateId = args.certificateId ?? null;
  if (certificateId !== null) {
    const problem = certificateIdProblem(certificateId);
    if (problem) throw badInput('certificateId', problem);
  }
  let holderCode = args.holderCode ?? null;
  if (holderCode !== null && residentIdProblem(holderCode) && usccProblem(holderCode)) {
    throw badInput('holderCode', 'neither a resident ID number nor a unified social credit code');
  }
  if (principal.kind === 'holder') {
    if (holderCode !== null && holderCode !== principal.code) throw forbidden('a holder may read only the access records about itself');
    holderCode = principal.code;
  } else if (!hasRole(principal, 'auditor')) {
    throw forbidden('only auditors and the holder concerned may read access records');
  }
  return db
    .select()
    .from(accessRecords)
    .where(
      and(
        eq(accessRecords.node, node),
        holderCode === null ? undefined : eq(accessRecords.holderCode, holderCode),
        certificateId === null ? undefined : eq(accessRecords.certificateId, certificateId),
      ),
    )
    // A node's records are appended in time order (see writeAuditRecords): seq order is time order.
    .orderBy(desc(accessRecords.seq))
    .limit(first);
}
