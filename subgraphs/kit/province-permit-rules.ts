import { GraphQLError } from 'graphql';
import type { PeerClient } from './peers.js';

/** A permit rule (后置审批) as a node applies it: match `keywords` in business scopes with lib/permit-rules.ts. */
export interface ProvincePermitRule {
  code: string;
  activity: string;
  keywords: string[];
  /** Code of the certificate type the activity needs. */
  certificateType: string;
  /** That type's name as its catalog has it. */
  certificateTypeName: string;
  note: string | null;
}

const PERMIT_RULES = /* GraphQL */ `
  query HubPermitRules { permitRules { code activity keywords certificateType { code name } note } }
`;

/**
 * Every permit rule, in code order, read from the province catalog on this node's own account —
 * `permitRules` is open to the hub's services. NODE_UNAVAILABLE when the province does not answer.
 */
export async function readProvincePermitRules(peers: PeerClient, province: string): Promise<ProvincePermitRule[]> {
  type Answer = Omit<ProvincePermitRule, 'certificateType' | 'certificateTypeName'> & { certificateType: { code: string; name: string } };
  const answer = await peers.request<{ permitRules: Answer[] }>(province, 'catalog', PERMIT_RULES);
  const rows = answer.data?.permitRules;
  if (!Array.isArray(rows)) {
    throw new GraphQLError(`the permit rules could not be read from the province node: ${answer.errors?.[0]?.message ?? 'no answer'}`, {
      extensions: { code: 'NODE_UNAVAILABLE', node: province },
    });
  }
  return rows.map(({ certificateType, ...rule }) => ({ ...rule, certificateType: certificateType.code, certificateTypeName: certificateType.name }));
}
