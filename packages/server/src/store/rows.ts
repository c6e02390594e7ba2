/** The rows of the schema (migrations.ts), as the rules read them. */
import type {
  Community,
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
  host_key_hash: string | null;
  created_at: string;
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
