/**
 * Holders' consents (授权用证, README › Matters › Consent): a holder allows one agency to use some
 * of its own certificates for one of the agency's matters (事项), until the consent expires or the
 * holder revokes it. Kept at the province node, like grants; each names the certificates' version
 * chains (lib/codes.ts certificateChain), so that a consent given for one version covers the
 * certificate's later versions too. The nodes read the live ones (liveConsents) to apply them.
 */
import { and, count, desc, eq, getTableColumns, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { caseNumberProblem } from '../../lib/case-number.js';
import { certificateChain, certificateIdProblem, certificateIdRegion, matterCodeAgency, matterCodeProblem, type HolderKindValue } from '../../lib/codes.js';
import { badInput, notFound } from '../../lib/errors.js';
import type { HubDatabase } from '../kit/db.js';
import { nodeSeqPage, parseNodeScopedId, type NodeSeqPage } from '../kit/node-seq-page.js';
import type { PeerClient } from '../kit/peers.js';
import { requireUscc } from '../kit/validate.js';
import { consentCertificates, consents, type ConsentRow } from './db/schema.js';
import type { GrantConsentInput } from './generated/resolvers.js';

/** A consent with the certificates it names, in the order the holder named them: what Consent resolvers receive. */
export type ConsentModel = ConsentRow & { certificateIds: string[] };

/** The longest a consent may last. */
export const MAX_CONSENT_DAYS = 90;
/** The most certificates one consent names. */
export const MAX_CONSENT_CERTIFICATES = 20;
/** The most certificate ids one liveConsents question names (a page of certificates at most). */
export const MAX_LIVE_CONSENT_IDS = 1000;
/** The largest page of consentsGiven. */
export const MAX_CONSENTS_PAGE = 100;

const DAY_MS = 86_400_000;

/** The calling holder, as its token names it. */
export interface ConsentHolder {
  code: string;
  holderKind: HolderKindValue;
}

/** Who holds a certificate, as the node that keeps it answers (certificate subgraph, Query.certificateHolders). */
export interface CertificateHolding {
  id: string;
  found: boolean;
  holderKind: HolderKindValue | null;
  holderCode: string | null;
}

/** What grantConsent needs from beyond this node's tables. */
export interface ConsentLookups {
  /** The matter with this code as the catalog of its agency's node keeps it, or null when it keeps none. */
  matter(code: string): Promise<{ agencyCode: string } | null>;
  /** Who holds each certificate, one answer per id in order; NODE_UNAVAILABLE when a node that keeps one does not answer. */
  holdings(ids: readonly string[]): Promise<CertificateHolding[]>;
}

/** What the access log records of a consent given or revoked: the consent as it is after the change. */
export interface ConsentRecord {
  id: string;
  agency: string;
  matter: string;
  certificateIds: string[];
  caseNumber: string | null;
  expiresAt: string;
  revokedAt?: string;
}

/** A consent's id: the province node's code and its number there. */
export const consentId = (node: string, seq: number): string => `${node}-${seq}`;

/** Every column of a consent, and the ids of the certificates it names in the holder's order: one statement per list. */
const withCertificates = {
  ...getTableColumns(consents),
  certificateIds: sql<string[]>`array(select cc.certificate_id from ${consentCertificates} cc where cc.consent_seq = ${consents.seq} order by cc.position)`,
};

/** A consent applies now: not revoked, not expired by the database's clock (the one the nodes' questions are answered by). */
const LIVE = and(isNull(consents.revokedAt), gt(consents.expiresAt, sql`now()`));

const NOT_YOURS = "not one of your certificates (or no such certificate): a holder consents only to the use of its own";

/**
 * Checks a consent's input as far as it can without asking anyone: each problem a BAD_USER_INPUT
 * naming its field. Returns the consent's values, the certificates' chains among them.
 */
function checkedInput(input: GrantConsentInput, now: Date) {
  const agency = requireUscc('input.agency', input.agency);
  const matterProblem = matterCodeProblem(input.matter);
  if (matterProblem) throw badInput('input.matter', matterProblem);
  if (matterCodeAgency(input.matter) !== agency) {
    throw badInput('input.matter', `matter ${input.matter} is handled by ${matterCodeAgency(input.matter)}, not by the agency named in input.agency`);
  }
  if (input.certificateIds.length === 0) throw badInput('input.certificateIds', 'a consent names at least one certificate');
  if (input.certificateIds.length > MAX_CONSENT_CERTIFICATES) {
    throw badInput('input.certificateIds', `a consent names at most ${MAX_CONSENT_CERTIFICATES} certificates`);
  }
  const chains: string[] = [];
  input.certificateIds.forEach((id, i) => {
    const field = `input.certificateIds[${i}]`;
    const problem = certificateIdProblem(id);
    if (problem) throw badInput(field, problem);
    const chain = certificateChain(id)!;
    const earlier = chains.indexOf(chain);
    if (earlier >= 0) {
      throw badInput(field, `names the same certificate as input.certificateIds[${earlier}] (a consent covers every version of a certificate): name each once`);
    }
    chains.push(chain);
  });
  let caseNumber: string | null = null;
  if (input.caseNumber != null) {
    const problem = caseNumberProblem(input.caseNumber);
    if (problem) throw badInput('input.caseNumber', problem);
    caseNumber = input.caseNumber.trim();
  }
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) throw badInput('input.expiresAt', 'must be in the future');
  if (expiresAt.getTime() > now.getTime() + MAX_CONSENT_DAYS * DAY_MS) {
    throw badInput('input.expiresAt', `a consent lasts at most ${MAX_CONSENT_DAYS} days: at the latest ${new Date(now.getTime() + MAX_CONSENT_DAYS * DAY_MS).toISOString()}`);
  }
  return { agency, matter: input.matter, certificateIds: [...input.certificateIds], chains, caseNumber, expiresAt };
}

/**
 * Gives `holder`'s consent: the input checked (checkedInput), then the matter looked up at its
 * agency's node, then every certificate at the node that keeps it — one it does not hold, or that
 * is not found, is refused alike, so that nobody learns whose another certificate is — and only
 * then, in one transaction, the consent, its certificates and its access record (`record`)
 * written at this node (`node`, the province). A node that does not answer (NODE_UNAVAILABLE)
 * leaves nothing written.
 */
export async function grantConsent(
  db: HubDatabase,
  node: string,
  holder: ConsentHolder,
  input: GrantConsentInput,
  lookups: ConsentLookups,
  record: (tx: HubDatabase, detail: ConsentRecord) => Promise<void>,
  now: Date = new Date(),
): Promise<ConsentModel> {
  const checked = checkedInput(input, now);
  const [matter, holdings] = await Promise.all([lookups.matter(checked.matter), lookups.holdings(checked.certificateIds)]);
  if (!matter) throw badInput('input.matter', `no matter ${checked.matter} in the catalog`);
  checked.certificateIds.forEach((id, i) => {
    const holding = holdings[i];
    const held = holding?.found === true && holding.holderCode === holder.code && holding.holderKind === holder.holderKind;
    if (!held) throw badInput(`input.certificateIds[${i}]`, NOT_YOURS);
  });

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consents)
      .values({
        holderCode: holder.code,
        holderKind: holder.holderKind,
        agency: checked.agency,
        matter: checked.matter,
        caseNumber: checked.caseNumber,
        // Stamped by this clock, in milliseconds, as the cursors of consentsGiven are.
        grantedAt: now,
        expiresAt: checked.expiresAt,
      })
      .returning();
    const consent = row!;
    await tx
      .insert(consentCertificates)
      .values(checked.certificateIds.map((certificateId, position) => ({ consentSeq: consent.seq, position, certificateId, chain: checked.chains[position]! })));
    await record(tx, {
      id: consentId(node, consent.seq),
      agency: consent.agency,
      matter: consent.matter,
      certificateIds: checked.certificateIds,
      caseNumber: consent.caseNumber,
      expiresAt: consent.expiresAt.toISOString(),
    });
    return { ...consent, certificateIds: checked.certificateIds };
  });
}

/**
 * Revokes consent `id` of `holder`, kept at this node (`node`), and records it (`record`) in the
 * same transaction. True when this call revoked it; false when it was revoked already (a retry
 * changes nothing and records nothing). An id of another node, an unknown consent and another
 * holder's are all NOT_FOUND, saying nothing of whose it is.
 */
export async function revokeConsent(
  db: HubDatabase,
  node: string,
  holder: ConsentHolder,
  id: string,
  record: (tx: HubDatabase, detail: ConsentRecord) => Promise<void>,
  now: Date = new Date(),
): Promise<boolean> {
  const { node: keeper, seq } = parseNodeScopedId(id, 'id', 'a consent');
  const missing = () => notFound(`no consent ${id} of yours`);
  if (keeper !== node) throw missing();
  return db.transaction(async (tx) => {
    const [row] = await tx.select(withCertificates).from(consents).where(eq(consents.seq, seq)).for('update');
    if (!row || row.holderCode !== holder.code || row.holderKind !== holder.holderKind) throw missing();
    if (row.revokedAt !== null) return false;
    await tx.update(consents).set({ revokedAt: now, revokedBy: holder.code }).where(eq(consents.seq, seq));
    await record(tx, {
      id,
      agency: row.agency,
      matter: row.matter,
      certificateIds: row.certificateIds,
      caseNumber: row.caseNumber,
      expiresAt: row.expiresAt.toISOString(),
      revokedAt: now.toISOString(),
    });
    return true;
  });
}

/** Every consent `holder` gave, live or not, newest first (myConsents). */
export function consentsOfHolder(db: HubDatabase, holder: ConsentHolder): Promise<ConsentModel[]> {
  return db
    .select(withCertificates)
    .from(consents)
    .where(and(eq(consents.holderCode, holder.code), eq(consents.holderKind, holder.holderKind)))
    .orderBy(desc(consents.grantedAt), desc(consents.seq));
}

/**
 * The page `args` asks of the live consents given to `agency` (consentsGiven), of one of its
 * matters or of all, newest first, kept at this node (`node`). A bad argument is a BAD_USER_INPUT
 * naming it.
 */
export function consentsGivenPage(
  db: HubDatabase,
  node: string,
  agency: string,
  args: { matter?: string | null; first?: number | null; after?: string | null },
): NodeSeqPage<ConsentModel> {
  if (args.matter != null) {
    const problem = matterCodeProblem(args.matter);
    if (problem) throw badInput('matter', problem);
  }
  const where = and(eq(consents.agency, agency), args.matter == null ? undefined : eq(consents.matter, args.matter), LIVE);
  return nodeSeqPage<ConsentModel>(
    node,
    args,
    { name: 'consentsGiven', defaultFirst: 20, max: MAX_CONSENTS_PAGE, columns: { at: consents.grantedAt, seq: consents.seq }, atOf: (row) => row.grantedAt },
    {
      rows: (after: SQL | undefined, limit: number) =>
        db
          .select(withCertificates)
          .from(consents)
          .where(and(where, after))
          .orderBy(desc(consents.grantedAt), desc(consents.seq))
          .limit(limit),
      count: async () => (await db.select({ n: count() }).from(consents).where(where))[0]?.n ?? 0,
    },
  );
}

/**
 * The consents of `agency` for `matter` that apply now and cover the version chain of any of
 * `certificateIds`, newest first, in one statement (the partial index on agency and matter of
 * consents not revoked, the index on chains): what a node asks before it applies them. Whether a
 * consent's holder holds the certificate read, and whether its case number is the request's, the
 * node decides.
 */
export function liveConsents(db: HubDatabase, agency: string, matter: string, certificateIds: readonly string[]): Promise<ConsentModel[]> {
  requireUscc('agency', agency);
  const matterProblem = matterCodeProblem(matter);
  if (matterProblem) throw badInput('matter', matterProblem);
  if (certificateIds.length > MAX_LIVE_CONSENT_IDS) throw badInput('certificateIds', `at most ${MAX_LIVE_CONSENT_IDS} certificate ids`);
  const chains = certificateIds.map((id, i) => {
    const chain = certificateChain(id);
    if (chain === null) throw badInput(`certificateIds[${i}]`, certificateIdProblem(id)!);
    return chain;
  });
  if (chains.length === 0) return Promise.resolve([]);
  return db
    .select(withCertificates)
    .from(consents)
    .where(
      and(
        eq(consents.agency, agency),
        eq(consents.matter, matter),
        LIVE,
        sql`exists (select 1 from ${consentCertificates} m where m.consent_seq = ${consents.seq} and m.chain = ANY(${sql.param([...new Set(chains)])}))`,
      ),
    )
    .orderBy(desc(consents.grantedAt), desc(consents.seq));
}

const CERTIFICATE_HOLDERS = /* GraphQL */ `
  query HubCertificateHolders($node: String!, $ids: [ID!]!) { certificateHolders(node: $node, ids: $ids) { id found holderKind holderCode } }
`;

const unavailable = (node: string, reason: string) =>
  new GraphQLError(`node ${node}, which keeps certificates named, did not answer who holds them: ${reason}`, {
    extensions: { code: 'NODE_UNAVAILABLE', node },
  });

/**
 * Who holds each of `ids` (valid 证照标识), one answer per id in order, asked of the node that
 * keeps each (`nodeForRegion` of its issuer's region) on this node's own account, one request per
 * node, all at once. NODE_UNAVAILABLE naming a node that does not answer.
 */
export async function certificateHoldings(
  ids: readonly string[],
  peers: PeerClient | undefined,
  nodeForRegion: (region: string) => string,
): Promise<CertificateHolding[]> {
  const byNode = new Map<string, string[]>();
  for (const id of ids) {
    const node = nodeForRegion(certificateIdRegion(id)!);
    byNode.set(node, [...(byNode.get(node) ?? []), id]);
  }
  const answers = new Map<string, CertificateHolding>();
  await Promise.all(
    [...byNode].map(async ([node, nodeIds]) => {
      if (!peers) throw unavailable(node, 'this node has no way to reach it');
      const answer = await peers.request<{ certificateHolders: CertificateHolding[] }>(node, 'certificate', CERTIFICATE_HOLDERS, { node, ids: nodeIds });
      const holdings = answer.data?.certificateHolders;
      if (!Array.isArray(holdings) || holdings.length !== nodeIds.length) throw unavailable(node, answer.errors?.[0]?.message ?? 'no answer');
      holdings.forEach((holding, i) => answers.set(nodeIds[i]!, holding));
    }),
  );
  return ids.map((id) => answers.get(id) ?? { id, found: false, holderKind: null, holderCode: null });
}
