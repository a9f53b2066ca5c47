/**
 * The outbox (README › Events): every change to data a node keeps appends its event in the
 * change's own transaction — a certificate issued, converted, registered, changed in status or
 * replaced by a new version, a legal entity registered or changed, a notice sent. An event is also
 * its holder's inbox message, so its title is written with it. Item values never go in.
 */
import { sql } from 'drizzle-orm';
import type { HubDatabase } from '../kit/db.js';
import { eventLog, type EventType } from './db/schema.js';

export { EVENT_TYPES, type EventType } from './db/schema.js';

/** An event to append: what changed, about whom, and its inbox message. */
export interface EventToAppend {
  type: EventType;
  at: Date;
  certificateId?: string | null;
  typeCode?: string | null;
  issuerCode?: string | null;
  /** Whose inbox the message goes to: a resident ID number or a USCC. */
  holderCode: string | null;
  /** The certificate's or the entity's status after the change. */
  status?: string | null;
  /** The agency that made the change (or sent the notice). */
  actor?: string | null;
  /** For a registry change: what the entity's certificates must follow (registry-changes.ts); empty or absent for none. */
  causes?: readonly string[] | null;
  title: string;
  body?: string | null;
}

/**
 * Appends `batch` inside the caller's transaction, one statement whatever its size (arrays
 * through unnest), so that a batch of converted certificates writes its events with it.
 */
export async function appendEvents(tx: HubDatabase, batch: readonly EventToAppend[]): Promise<void> {
  if (batch.length === 0) return;
  const column = <T>(pick: (event: EventToAppend) => T) => sql.param(batch.map(pick));
  await tx.execute(sql`
    insert into ${eventLog} (type, at, certificate_id, type_code, issuer_code, holder_code, status, actor, causes, title, body)
    select t.type, t.at::timestamptz, t.certificate_id, t.type_code, t.issuer_code, t.holder_code, t.status, t.actor,
           nullif(string_to_array(t.causes, ' '), '{}'), t.title, t.body
    from unnest(${column((e) => e.type)}::text[], ${column((e) => e.at.toISOString())}::text[],
                ${column((e) => e.certificateId ?? null)}::text[], ${column((e) => e.typeCode ?? null)}::text[],
                ${column((e) => e.issuerCode ?? null)}::text[], ${column((e) => e.holderCode)}::text[],
                ${column((e) => e.status ?? null)}::text[], ${column((e) => e.actor ?? null)}::text[],
                ${column((e) => (e.causes ?? []).join(' '))}::text[],
                ${column((e) => e.title)}::text[], ${column((e) => e.body ?? null)}::text[])
      with ordinality as t(type, at, certificate_id, type_code, issuer_code, holder_code, status, actor, causes, title, body, n)
    order by t.n`);
}

/** The id of event `seq` of `node` in the province: `{node}-{seq}`. */
export const eventId = (node: string, seq: number): string => `${node}-${seq}`;

/** What a status change is called in a holder's message: 您的…已吊销. */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  VALID: '恢复有效',
  SUSPENDED: '暂扣',
  EXPIRED: '过期',
  REVOKED: '吊销',
  WITHDRAWN: '撤销',
  CANCELLED: '注销',
};

/** A certificate as a holder's message names it. */
export interface CertificateFacts {
  id: string;
  typeCode: string;
  typeName: string;
  number: string;
  issuerCode: string;
  issuerName: string;
  holderCode: string;
}

type CertificateEventType = Extract<EventType, `CERTIFICATE_${string}`>;

/** The headline of each kind of certificate event, for the holder: 您的食品经营许可证已签发. */
function certificateTitle(type: CertificateEventType, typeName: string, status: string): string {
  switch (type) {
    case 'CERTIFICATE_ISSUED':
      return `您的${typeName}已签发`;
    case 'CERTIFICATE_CONVERTED':
      return `您的${typeName}已完成电子化`;
    case 'CERTIFICATE_EXTERNAL_REGISTERED':
      return `您的${typeName}已登记为外来证照`;
    case 'CERTIFICATE_STATUS_CHANGED':
      return `您的${typeName}已${STATUS_WORDS[status] ?? status}`;
    case 'CERTIFICATE_NEW_VERSION':
      return `您的${typeName}已更新`;
  }
}

/**
 * The event of a change to a certificate, with its inbox message: the headline, then the
 * certificate's number and authority, and the reason when one was given.
 */
export function certificateEvent(
  type: CertificateEventType,
  certificate: CertificateFacts,
  change: { at: Date; status: string; actor: string; reason?: string | null },
): EventToAppend {
  const lines = [`证照编号 ${certificate.number}，发证机关 ${certificate.issuerName}`];
  if (change.reason) lines.push(`原因：${change.reason}`);
  return {
    type,
    at: change.at,
    certificateId: certificate.id,
    typeCode: certificate.typeCode,
    issuerCode: certificate.issuerCode,
    holderCode: certificate.holderCode,
    status: change.status,
    actor: change.actor,
    title: certificateTitle(type, certificate.typeName, change.status),
    body: lines.join('\n'),
  };
}

/** The migrations of the events schema, which every node applies beside its subgraphs'. */
export const eventsMigrationsFolder = new URL('./db/migrations', import.meta.url).pathname;
