/**
 * The webhook outbox: `notify` writes one message per subscribed endpoint in the transaction
 * of the change it tells about (a join, a question…), so a message exists exactly when the
 * change does, and survives a restart. The delivery worker (delivery.ts) sends them.
 *
 * Payloads follow Standard Webhooks: `{ type, timestamp, data }`. `data` carries ids only,
 * unless the endpoint's owner opted in to personal data (names, emails, texts).
 */
import type { WebhookEvent } from '@cercle/client/admin';
import { newId } from '../core/crypto.js';
import type { WebhookRow } from '../store/rows.js';
import type { Sql } from '../store/store.js';

/** The event type of "send test event"; no endpoint subscribes to it. */
export const TEST_EVENT = 'webhook.test';

export async function notify(
  tx: Sql,
  community: string,
  event: WebhookEvent | typeof TEST_EVENT,
  data: Record<string, unknown>,
  personal: Record<string, unknown>,
  now: Date,
  only?: string,
): Promise<string[]> {
  const hooks = await tx.all<WebhookRow>(
    'SELECT * FROM webhooks WHERE community = ? AND enabled = 1 ORDER BY seq',
    community,
  );
  const ids: string[] = [];
  for (const hook of hooks) {
    if (
      only !== undefined ? hook.id !== only : !(JSON.parse(hook.events) as string[]).includes(event)
    ) {
      continue;
    }
    const payload = JSON.stringify({
      type: event,
      timestamp: now.toISOString(),
      data: { community, ...data, ...(hook.include_personal ? personal : {}) },
    });
    const id = newId('msg');
    await tx.run(
      `INSERT INTO webhook_messages (id, webhook, community, event, payload, state, attempts,
         created_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
      id,
      hook.id,
      community,
      event,
      payload,
      now.toISOString(),
      now.toISOString(),
    );
    ids.push(id);
  }
  return ids;
}
