/**
 * What every part of the host console shares: building DOM with text only, the page's one
 * alert (errors) and one live region (results), and running a host action once at a time.
 */
import { CercleError } from '@cercle/client';

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`host console: missing #${id}`);
  return el as T;
};

/** An element with attributes and children; text is always set as text. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  el.append(...children);
  return el;
}

export const dateTime = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'medium',
  timeStyle: 'short',
});
export const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium' });

const errorBox = $('error');
const announcer = $('announce');

/** Says a result in the page's live region (`role="status"`). */
export function announce(message: string): void {
  // Cleared first so that the same message twice is announced twice.
  announcer.textContent = '';
  requestAnimationFrame(() => (announcer.textContent = message));
}

export function showError(message: string): void {
  errorBox.textContent = message;
}

export function clearError(): void {
  errorBox.textContent = '';
}

/** What went wrong, in words a host can act on. */
export function explain(error: unknown, what: string): string {
  if (!(error instanceof CercleError)) return `${what} : ${String(error)}`;
  if (error.kind === 'network' || error.kind === 'timeout') {
    return `${what} : l’API ne répond pas (${error.message}). Réessayez dans un instant.`;
  }
  if (error.code === 'unauthorized') return `${what} : cette clé d’hôte est refusée.`;
  if (error.code === 'rate_limited') {
    const s = Math.ceil((error.retryAfterMs ?? 1000) / 1000);
    return `${what} : trop de requêtes, réessayez dans ${s} s.`;
  }
  const issues = error.fieldIssues.map((i) => i.message).join(' ; ');
  return `${what} : ${issues || error.message}`;
}

/** Runs a host action once at a time per control, and reports its failure. */
const busy = new WeakSet<HTMLElement>();
export async function act(
  control: HTMLElement,
  what: string,
  run: () => Promise<void>,
): Promise<void> {
  if (busy.has(control)) return;
  busy.add(control);
  control.setAttribute('aria-busy', 'true');
  clearError();
  try {
    await run();
  } catch (error) {
    showError(explain(error, what));
  } finally {
    busy.delete(control);
    control.removeAttribute('aria-busy');
  }
}
