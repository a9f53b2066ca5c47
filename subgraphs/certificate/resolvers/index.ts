import { DateScalar, DateTimeScalar } from '../../kit/scalars.js';
import type { Resolvers } from '../generated/resolvers.js';
import { AccessRecord } from './AccessRecord.js';
import { Certificate, Scan } from './Certificate.js';
import { correctionMutations, correctionQueries, CorrectionRequest, CorrectionRequestConnection } from './corrections.js';
import { FollowUp, FollowUpConnection, followUpMutations, followUpQueries } from './follow-ups.js';
import { CertificateConnection } from './CertificateConnection.js';
import { drawMutations } from './draws.js';
import { LegalEntity } from './LegalEntity.js';
import { InboxConnection, InboxMessage, inboxMutations, inboxQueries } from './inbox.js';
import { holdingQueries } from './holdings.js';
import { MaterialCheck, materialCheckMutations, materialCheckQueries } from './material-check.js';
import { Mutation } from './Mutation.js';
import { statisticsQueries } from './statistics.js';
import { FindingConnection, supervisionQueries } from './supervision.js';
import { presentationMutations, presentationQueries } from './presentation.js';
import { Query } from './Query.js';
import { SealKey } from './SealKey.js';
import { StatusChange } from './StatusChange.js';
import { WebhookDelivery, webhookMutations, webhookQueries, WebhookSubscription } from './webhooks.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { ...Query, ...inboxQueries, ...webhookQueries, ...presentationQueries, ...correctionQueries, ...followUpQueries, ...holdingQueries, ...materialCheckQueries, ...supervisionQueries, ...statisticsQueries },
  Mutation: { ...Mutation, ...inboxMutations, ...webhookMutations, ...presentationMutations, ...correctionMutations, ...followUpMutations, ...materialCheckMutations, ...drawMutations },
  CorrectionRequest,
  CorrectionRequestConnection,
  FollowUp,
  FollowUpConnection,
  InboxConnection,
  InboxMessage,
  Certificate,
  LegalEntity,
  MaterialCheck,
  FindingConnection,
  CertificateConnection,
  StatusChange,
  AccessRecord,
  SealKey,
  Scan,
  WebhookSubscription,
  WebhookDelivery,
};
