/**
 * Webhook endpoints: the owner registers URLs for some events, each with a `whsec_` secret
 * (Standard Webhooks); rotation keeps the previous secret signing beside the new one for 24 h.
 * Messages are written by `notify` (outbox.ts) and sent by the delivery worker (delivery.ts).
 */
import type {
  Webhook,
  WebhookDelivery,
  WebhookInput,
  WebhookSecret,
  WebhookUpdate,
} from '@cercle/client/admin';
import { audit, type Actor } from '../audit/rules.js';
import { base64 } from '../core/bytes.js';
import { newId, randomBytes } from '../core/crypto.js';
import { ApiError } from '../core/errors.js';
import type { WebhookMessageRow, WebhookRow } from '../store/rows.js';
import type { Sql } from '../store/store.js';
import { notify, TEST_EVENT } from './outbox.js';

/** How long a rotated-out secret keeps signing beside the new one. */
export const PREVIOUS_SECRET_MS = 24 * 60 * 60 * 1000;

/** The deliveries a log shows, newest first. */
export const DELIVERIES_SHOWN = 50;

/** A new signing secret: `whsec_` and 32 random bytes in base64 (Standard Webhooks). */
export const newWebhookSecret = (): string => `whsec_${base64(randomBytes(32))}`;

export const webhookView = (row: WebhookRow): Webhook => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as string[],
  description: row.description,
  includePersonalData: row.include_personal === 1,
  enabled: row.enabled === 1,
  disabledReason: row.disabled_reason,
  consecutiveFailures: row.consecutive_failures,
  createdAt: row.created_at,
});

export const deliveryView = (row: WebhookMessageRow): WebhookDelivery => ({
  id: row.id,
  event: row.event,
  state: row.state,
  attempts: row.attempts,
  createdAt: row.created_at,
  lastAttemptAt: row.last_attempt_at,
  nextAttemptAt: row.state === 'pending' ? row.next_attempt_at : null,
  lastStatus: row.last_status,
  lastError: row.last_error,
});

export async function listWebhooks(db: Sql, community: string): Promise<Webhook[]> {
  const rows = await db.all<WebhookRow>(
    'SELECT * FROM webhooks WHERE community = ? ORDER BY seq',
    community,
  );
  return rows.map(webhookView);
}

async function requireWebhook(db: Sql, community: string, id: string): Promise<WebhookRow> {
  const row = await db.get<WebhookRow>(
    'SELECT * FROM webhooks WHERE community = ? AND id = ?',
    community,
    id,
  );
  if (!row) throw new ApiError('not_found', `No webhook "${id}" in this community.`);
  return row;
}

const target = (id: string) => ({ kind: 'webhook', id });

export async function createWebhook(
  tx: Sql,
  community: string,
  input: WebhookInput,
  actor: Actor,
  now: Date,
): Promise<WebhookSecret> {
  const id = newId('wh');
  const secret = newWebhookSecret();
  await tx.run(
    `INSERT INTO webhooks (id, community, url, events, description, include_personal, secret, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    id,
    community,
    input.url,
    JSON.stringify([...new Set(input.events)]),
    input.description ?? '',
    input.includePersonalData ? 1 : 0,
    secret,
    now.toISOString(),
  );
  const row = await requireWebhook(tx, community, id);
  await audit(
    tx,
    community,
    actor,
    {
      action: 'webhook.created',
      target: target(id),
      details: { url: row.url, events: input.events },
    },
    now,
  );
  return { webhook: webhookView(row), secret, previousSecretExpiresAt: null };
}

export async function updateWebhook(
  tx: Sql,
  community: string,
  id: string,
  input: WebhookUpdate,
  actor: Actor,
  now: Date,
): Promise<Webhook> {
  const row = await requireWebhook(tx, community, id);
  const enable = input.enabled === true && row.enabled === 0;
  await tx.run(
    `UPDATE webhooks SET url = ?, events = ?, description = ?, include_personal = ?, enabled = ?,
       disabled_reason = ?, consecutive_failures = ? WHERE seq = ?`,
    input.url ?? row.url,
    input.events ? JSON.stringify([...new Set(input.events)]) : row.events,
    input.description ?? row.description,
    input.includePersonalData === undefined
      ? row.include_personal
      : input.includePersonalData
        ? 1
        : 0,
    input.enabled === undefined ? row.enabled : input.enabled ? 1 : 0,
    input.enabled === false ? 'owner' : enable ? null : row.disabled_reason,
    enable ? 0 : row.consecutive_failures,
    row.seq,
  );
  await audit(
    tx,
    community,
    actor,
    { action: 'webhook.updated', target: target(id), details: { ...input } },
    now,
  );
  return webhookView(await requireWebhook(tx, community, id));
}

export async function deleteWebhook(
  tx: Sql,
  community: string,
  id: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  const row = await requireWebhook(tx, community, id);
  await tx.run('DELETE FROM webhooks WHERE seq = ?', row.seq);
  await audit(
    tx,
    community,
    actor,
    { action: 'webhook.deleted', target: target(id), details: { url: row.url } },
    now,
  );
}

/** A new secret; the current one keeps signing beside it for `PREVIOUS_SECRET_MS`. */
export async function rotateWebhookSecret(
  tx: Sql,
  community: string,
  id: string,
  actor: Actor,
  now: Date,
): Promise<WebhookSecret> {
  const row = await requireWebhook(tx, community, id);
  const secret = newWebhookSecret();
  const until = new Date(now.getTime() + PREVIOUS_SECRET_MS).toISOString();
  await tx.run(
    'UPDATE webhooks SET secret = ?, previous_secret = ?, previous_expires_at = ? WHERE seq = ?',
    secret,
    row.secret,
    until,
    row.seq,
  );
  await audit(tx, community, actor, { action: 'webhook.secret_rotated', target: target(id) }, now);
  return {
    webhook: webhookView(await requireWebhook(tx, community, id)),
    secret,
    previousSecretExpiresAt: until,
  };
}

/** Queues a `webhook.test` message to this endpoint (even when disabled: a test says why). */
export async function testWebhook(
  tx: Sql,
  community: string,
  id: string,
  now: Date,
): Promise<WebhookDelivery> {
  const row = await requireWebhook(tx, community, id);
  if (row.enabled === 0) {
    throw new ApiError(
      'conflict',
      `This endpoint is disabled (${row.disabled_reason ?? 'by its owner'}); enable it first.`,
    );
  }
  const [messageId] = await notify(tx, community, TEST_EVENT, { webhook: id }, {}, now, id);
  const message = await tx.get<WebhookMessageRow>(
    'SELECT * FROM webhook_messages WHERE id = ?',
    messageId ?? '',
  );
  return deliveryView(message as WebhookMessageRow);
}

export async function webhookDeliveries(
  db: Sql,
  community: string,
  id: string,
): Promise<WebhookDelivery[]> {
  const row = await requireWebhook(db, community, id);
  const rows = await db.all<WebhookMessageRow>(
    'SELECT * FROM webhook_messages WHERE webhook = ? ORDER BY seq DESC LIMIT ?',
    row.id,
    DELIVERIES_SHOWN,
  );
  return rows.map(deliveryView);
}
