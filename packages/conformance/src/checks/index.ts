/** Every check of the suite, in the order they run (one area after the other). */
import type { Check } from '../types.js';
import { agendaChecks } from './agenda.js';
import { auditChecks } from './audit.js';
import { authChecks } from './auth.js';
import { communityChecks } from './community.js';
import { corsChecks } from './cors.js';
import { erasureChecks } from './erasure.js';
import { errorChecks } from './errors.js';
import { eventChecks } from './events.js';
import { exportChecks } from './export.js';
import { hostChecks } from './hosts.js';
import { idempotencyChecks } from './idempotency.js';
import { kpiChecks } from './kpis.js';
import { membershipChecks } from './membership.js';
import { offerChecks } from './offers.js';
import { photoChecks } from './photos.js';
import { questionChecks } from './questions.js';
import { rateLimitChecks } from './rate-limits.js';
import { redemptionChecks } from './redemptions.js';
import { reportChecks } from './reports.js';
import { roleChecks } from './roles.js';
import { sessionChecks } from './sessions.js';
import { settingChecks } from './settings.js';
import { testimonialChecks } from './testimonials.js';
import { voteChecks } from './votes.js';
import { wallChecks } from './wall.js';
import { webhookChecks } from './webhooks.js';

export const checks: readonly Check[] = [
  ...communityChecks,
  ...membershipChecks,
  ...exportChecks,
  ...erasureChecks,
  ...idempotencyChecks,
  ...sessionChecks,
  ...agendaChecks,
  ...questionChecks,
  ...voteChecks,
  ...eventChecks,
  ...reportChecks,
  ...testimonialChecks,
  ...wallChecks,
  ...photoChecks,
  ...offerChecks,
  ...redemptionChecks,
  ...errorChecks,
  ...authChecks,
  ...corsChecks,
  ...hostChecks,
  ...roleChecks,
  ...settingChecks,
  ...auditChecks,
  ...kpiChecks,
  ...webhookChecks,
  ...rateLimitChecks,
];
