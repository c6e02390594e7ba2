/**
 * The full checks (`@cercle/client/check`): every 2xx answer and every stream event against
 * the contract's valibot schemas, fields a newer backend adds dropped. `createClient` uses
 * them; the browser client loads them lazily when asked (development builds of the widgets).
 */
import * as v from 'valibot';
import { EVENT_DATA } from './contract.js';
import { parseJson, type AnswerCheck, type Checks, type RouteTable } from './http.js';
import type { EventCheck } from './sse.js';
import { routes } from './routes.js';

/** Checks the answers of a route table's operations against their schemas. */
export const answerCheck =
  (table: RouteTable): AnswerCheck =>
  (name, status, text) => {
    const { responses } = table[name]!;
    if (!(status in responses)) return { error: `unexpected status ${status}` };
    const schema = responses[status];
    if (!schema) return { data: undefined };
    const json = parseJson(text);
    if (json === undefined) return { error: 'the body is not JSON' };
    const result = v.safeParse(schema, json);
    if (result.success) return { data: result.output };
    const issues = result.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }));
    return {
      error: `the body does not match the contract (${issues[0]?.path}: ${issues[0]?.message})`,
      details: issues,
    };
  };

/** Checks an event's data against `EVENT_DATA`. */
export const checkEvent: EventCheck = (type, data) => {
  const result = v.safeParse(EVENT_DATA[type], data);
  return result.success ? result.output : undefined;
};

/** The checks of `createClient`: the widgets' route table and the events. */
export const fullChecks: Checks = { answer: answerCheck(routes), event: checkEvent };
