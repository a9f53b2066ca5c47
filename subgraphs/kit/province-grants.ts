import { GraphQLError } from 'graphql';
import { GRANT_FIELDS, grantClaimsOf, type GrantAnswer } from '../../lib/grants.js';
import type { GrantClaim } from '../../lib/principal.js';
import type { PeerClient } from './peers.js';

const GRANTS_OF_AGENCY = /* GraphQL */ `
  query HubAgencyGrants($agency: String) { grants(agency: $agency) { ${GRANT_FIELDS} } }
`;

/**
 * One agency's grants that are not revoked (expired ones included: whoever applies them checks
 * expiry, lib/grants.ts grantApplies), read from the province catalog on this node's own
 * account — `grants(agency)` is open to the hub's services. NODE_UNAVAILABLE when the province
 * does not answer them.
 */
export async function readProvinceGrants(peers: PeerClient, province: string, agency: string): Promise<GrantClaim[]> {
  const answer = await peers.request<{ grants: GrantAnswer[] }>(province, 'catalog', GRANTS_OF_AGENCY, { agency });
  const rows = answer.data?.grants;
  if (!Array.isArray(rows)) {
    throw new GraphQLError(`the grants of ${agency} could not be read from the province node: ${answer.errors?.[0]?.message ?? 'no answer'}`, {
      extensions: { code: 'NODE_UNAVAILABLE', node: province },
    });
  }
  return grantClaimsOf(rows);
}
