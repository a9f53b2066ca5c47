/**
 * Agencies' webhooks (README › Webhooks): Query.webhooks, webhookDeliveries and
 * webhookSubscriptions, Mutation.createWebhook, deleteWebhook and redeliver, and their types.
 * Webhooks are kept at the province node; each node answers for the deliveries of its own events.
 */
import { forbidden, notFound } from '../../../lib/errors.js';
import type { Principal } from '../../../lib/principal.js';
import { eventId } from '../../events/outbox.js';
import { deliveriesOf, deliveryNumber, redeliver, webhookOfDelivery } from '../../events/webhooks/deliveries.js';
import { checkWebhook, createWebhook, deleteWebhook, webhooksOf, type WebhookOwner } from '../../events/webhooks/registry.js';
import type { CertificateContext } from '../context.js';
import type {
  MutationResolvers,
  QueryResolvers,
  WebhookDeliveryResolvers,
  WebhookSubscriptionResolvers,
} from '../generated/resolvers.js';

/** The calling agency; shield lets only agencies through, this narrows the type. */
function agencyOf(principal: Principal): WebhookOwner {
  if (principal.kind !== 'agency') throw forbidden('not allowed: only an agency subscribes to events');
  return principal;
}

/** Webhooks are written at the province node only; the gateway routes them there. */
function atProvince(ctx: CertificateContext): void {
  if (ctx.node.code !== ctx.services.province) throw forbidden('not allowed: webhooks are kept at the province node');
}

/**
 * The agency's webhook `id`, as this node knows the province's list; NOT_FOUND for a webhook
 * that does not exist or is another agency's alike, so that ids cannot be probed.
 */
async function ownWebhook(ctx: CertificateContext, agency: string, id: string, field: string): Promise<void> {
  const known = await ctx.services.webhookNode.find(id);
  if (!known || known.agency !== agency) throw notFound(`${field}: the calling agency has no webhook ${JSON.stringify(id.slice(0, 80))}`);
}

export const webhookQueries: Pick<QueryResolvers, 'webhooks' | 'webhookDeliveries' | 'webhookSubscriptions'> = {
  webhooks: (_parent, _args, ctx) => {
    atProvince(ctx);
    return webhooksOf(ctx.db, agencyOf(ctx.principal).code);
  },
  webhookDeliveries: async (_parent, { webhook, status, first }, ctx) => {
    const agency = agencyOf(ctx.principal);
    await ownWebhook(ctx, agency.code, webhook, 'webhook');
    return deliveriesOf(ctx.db, webhook, status ?? null, first);
  },
  // Every webhook, for the other nodes (shield: another node's own account only).
  webhookSubscriptions: (_parent, _args, ctx) => {
    atProvince(ctx);
    return webhooksOf(ctx.db, null);
  },
};

export const webhookMutations: Pick<MutationResolvers, 'createWebhook' | 'deleteWebhook' | 'redeliver'> = {
  createWebhook: async (_parent, { input }, ctx) => {
    const owner = agencyOf(ctx.principal);
    atProvince(ctx);
    const checked = await checkWebhook(input, ctx.services.webhookNode.allow);
    const row = await createWebhook(ctx.db, ctx.audit, owner, checked, ctx.now());
    // The province's own worker matches its next events against the new webhook at once.
    void ctx.services.webhookNode.subscriptions.refresh().catch(() => undefined);
    return row;
  },
  deleteWebhook: async (_parent, { id }, ctx) => {
    const owner = agencyOf(ctx.principal);
    atProvince(ctx);
    const deleted = await deleteWebhook(ctx.db, ctx.audit, owner.code, id);
    if (deleted) void ctx.services.webhookNode.subscriptions.refresh().catch(() => undefined);
    return deleted;
  },
  redeliver: async (_parent, { delivery }, ctx) => {
    const owner = agencyOf(ctx.principal);
    const number = deliveryNumber(delivery, ctx.node.code);
    const webhook = number === null ? null : await webhookOfDelivery(ctx.db, number);
    const missing = () => notFound(`delivery: the calling agency has no webhook delivery ${JSON.stringify(delivery)}`);
    if (number === null || webhook === null) throw missing();
    const known = await ctx.services.webhookNode.find(webhook);
    if (!known || known.agency !== owner.code) throw missing();
    const row = await redeliver(ctx.db, ctx.audit, number);
    ctx.services.webhookNode.wake();
    return row;
  },
};

export const WebhookSubscription: WebhookSubscriptionResolvers = {
  // The row is the webhook and its owner at once.
  webhook: (row) => row,
};

export const WebhookDelivery: WebhookDeliveryResolvers = {
  id: (row, _args, ctx) => `${ctx.node.code}-${row.id}`,
  webhook: (row) => row.webhookId,
  eventId: (row, _args, ctx) => eventId(ctx.node.code, row.eventSeq),
  node: (_row, _args, ctx) => ctx.node.code,
};
