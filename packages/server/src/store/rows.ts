/** The rows of the schema (migrations.ts), as the rules read them. */
import type {
  Community,
  HostRole,
  LiveSession,
  MemberStatus,
  OfferTeaser,
  QuestionState,
  ReportReason,
  ReportState,
  SessionState,
  Testimonial,
  TestimonialState,
} from '@cercle/client';

export interface CommunityRow {
  slug: string;
  name: string;
  tagline: string;
  capacity: number | null;
  when_full: 'waitlist' | 'closed';
  privacy_policy_url: string;
  consent_version: string;
  disclosure: Community['disclosure'];
  allowed_origins: string;
  invites: string;
  /** Unused since migration 6 (the key became the first owner's). */
  host_key_hash: string | null;
  created_at: string;
  consent_text: string | null;
  default_locale: string;
  question_moderation: 'post' | 'pre';
  archived_at: string | null;
  /** Kept counts (migration 10): active and waitlisted members, approved testimonials and their ratings' sum. */
  member_count: number;
  waitlist_count: number;
  testimonial_count: number;
  rating_total: number;
}

export interface MemberRow {
  seq: number;
  id: string;
  community: string;
  display_name: string;
  email: string | null;
  status: MemberStatus;
  token_hash: string;
  joined_at: string;
  consent_version: string;
  consent_accepted_at: string;
}

export interface SessionRow {
  seq: number;
  community: string;
  id: string;
  title: string;
  state: SessionState;
  starts_at: string;
  ended_at: string | null;
  moderation: LiveSession['moderation'];
  disclosure: LiveSession['disclosure'];
  events_pruned_through: number;
  created_at: string;
  description: string;
  ends_at: string | null;
  archived_at: string | null;
  /** Kept count (migration 10): the visible (open or answered) questions. */
  question_count: number;
}

export interface QuestionRow {
  seq: number;
  id: string;
  session: number;
  member_id: string | null;
  author: string | null;
  anonymous: 0 | 1;
  text: string;
  state: QuestionState;
  pinned: 0 | 1;
  answer_text: string | null;
  answered_at: string | null;
  votes: number;
  created_at: string;
}

export interface EventRow {
  id: number;
  question_id: string | null;
  public_type: string | null;
  public_data: string | null;
  host_type: string | null;
  host_data: string | null;
}

export interface ReportRow {
  seq: number;
  id: string;
  community: string;
  target_kind: 'question' | 'testimonial';
  target_id: string;
  reason: ReportReason;
  details: string;
  reporter_member_id: string | null;
  state: ReportState;
  decision_action: 'remove' | 'dismiss' | null;
  decision_statement: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface TestimonialRow {
  seq: number;
  id: string;
  community: string;
  member_id: string | null;
  author: string;
  member_since: string;
  verified: 0 | 1;
  rating: number;
  text: string;
  photo_id: string | null;
  photo_alt: string | null;
  tags: string;
  experienced_at: string | null;
  state: TestimonialState;
  statement: string | null;
  disclosure: Testimonial['disclosure'];
  image_flags: string;
  consent_version: string;
  publish_name: 0 | 1;
  publish_photo: 0 | 1;
  consent_at: string;
  submitted_at: string;
  published_at: string | null;
  /** From the photo's row (joined). */
  photo_width: number | null;
  photo_height: number | null;
}

export interface OfferRow {
  seq: number;
  community: string;
  id: string;
  title: string;
  benefit: string;
  conditions: string;
  expires_at: string;
  disclosure: OfferTeaser['disclosure'];
  kind: OfferTeaser['kind'];
  shared_code: string | null;
  teaser_views: number;
  copies: number;
  created_at: string;
  updated_at: string;
  paused: 0 | 1;
}

export interface RedemptionRow {
  seq: number;
  id: string;
  offer: number;
  order_id: string;
  code_hash: string;
  member_id: string | null;
  amount: number;
  currency: string;
  ordered_at: string;
  flags: string;
  created_at: string;
}

export interface HostRow {
  seq: number;
  id: string;
  community: string;
  name: string;
  email: string | null;
  role: HostRole;
  key_hash: string;
  invited_by: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface InvitationRow {
  seq: number;
  id: string;
  community: string;
  role: HostRole;
  name: string | null;
  email: string | null;
  token_hash: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

export interface AuditRow {
  seq: number;
  id: string;
  community: string;
  at: string;
  actor_kind: 'host' | 'operator' | 'system';
  actor_id: string | null;
  actor_name: string | null;
  actor_role: HostRole | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  statement: string | null;
  details: string;
}

export interface WebhookRow {
  seq: number;
  id: string;
  community: string;
  url: string;
  events: string;
  description: string;
  include_personal: 0 | 1;
  enabled: 0 | 1;
  disabled_reason: string | null;
  consecutive_failures: number;
  secret: string;
  previous_secret: string | null;
  previous_expires_at: string | null;
  created_at: string;
}

export interface WebhookMessageRow {
  seq: number;
  id: string;
  webhook: string;
  community: string;
  event: string;
  payload: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  created_at: string;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
}
