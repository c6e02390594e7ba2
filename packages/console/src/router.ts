/**
 * Hash routing: `#/settings`, `#/live/<id>`, `#/accept?community=…&token=…`. The fragment
 * never reaches a server (no log, no `Referer`), which is why the invitation token rides in
 * it. Nothing here touches the DOM.
 */
import { ROUTE_NAMES, type Route, type RouteName } from './screen.js';

const isRouteName = (value: string): value is RouteName =>
  (ROUTE_NAMES as readonly string[]).includes(value);

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const at = raw.indexOf('?');
  const path = at === -1 ? raw : raw.slice(0, at);
  const query = new URLSearchParams(at === -1 ? '' : raw.slice(at + 1));
  const [first, ...rest] = path.split('/').filter(Boolean);
  if (first === undefined) return { name: 'home', query };
  let name: string;
  try {
    name = decodeURIComponent(first);
  } catch {
    return { name: 'unknown', query };
  }
  if (!isRouteName(name)) return { name: 'unknown', query };
  const id = rest.length ? safeDecode(rest.join('/')) : undefined;
  return id === undefined ? { name, query } : { name, id, query };
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The hash of a route: `href(‘live’, ‘dimanche-live’)` → `#/live/dimanche-live`. */
export function href(name: RouteName, id?: string, query?: Record<string, string>): string {
  const search = query ? new URLSearchParams(query).toString() : '';
  return `#/${name}${id === undefined ? '' : `/${encodeURIComponent(id)}`}${search && `?${search}`}`;
}
