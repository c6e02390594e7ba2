/**
 * The wall's search-engine markup: `Product` + `AggregateRating` + `Review` JSON-LD
 * (schema.org) in a `<script type="application/ld+json">` in the wall's light DOM, kept in
 * step with the cards shown after each update and removed when the wall leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Testimonial } from '@cercle/client/browser';
import { DEV, warnOnce } from '../internal/dev.js';

interface TrustedTypesLike {
  createPolicy(
    name: string,
    rules: { createScript: (input: string) => string },
  ): { createScript(input: string): unknown };
}

let policy: { createScript(input: string): unknown } | null | undefined;

/**
 * The text of the JSON-LD script: under Trusted Types (`require-trusted-types-for 'script'`)
 * a script's text is a sink, so it goes through a policy named `cercle-jsonld` that only
 * lets JSON through (a page with a `trusted-types` allow-list must name it).
 */
function scriptText(json: string): string {
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!tt) return json;
  if (policy === undefined) {
    try {
      policy = tt.createPolicy('cercle-jsonld', {
        createScript: (input) => JSON.stringify(JSON.parse(input)).replace(/</g, '\\u003c'),
      });
    } catch {
      policy = null;
    }
  }
  return (policy ? policy.createScript(json) : json) as string;
}

/** The JSON-LD of product `name` from the testimonials shown; none without an unsponsored one. */
export function jsonLd(name: string, testimonials: Testimonial[]): string | undefined {
  // Sponsored testimonials are not consumer reviews: they stay out of the markup.
  const shown = testimonials.filter((t) => t.disclosure === 'none');
  if (shown.length === 0) return undefined;
  const sum = shown.reduce((n, t) => n + t.rating, 0);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name,
    aggregateRating: {
      '@type': 'AggregateRating',
      ratingValue: Math.round((sum / shown.length) * 10) / 10,
      reviewCount: shown.length,
      bestRating: 5,
      worstRating: 1,
    },
    review: shown
      .filter((t) => t.author.displayName)
      .map((t) => ({
        '@type': 'Review',
        author: { '@type': 'Person', name: t.author.displayName },
        ...(t.publishedAt ? { datePublished: t.publishedAt.slice(0, 10) } : {}),
        reviewBody: t.text,
        reviewRating: { '@type': 'Rating', ratingValue: t.rating, bestRating: 5, worstRating: 1 },
      })),
  };
  // `<` escaped: the text stays inert even if the page is serialised and parsed again.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/**
 * Keeps the host's JSON-LD script in step with `json()` (the markup, or `undefined` for none)
 * after each of its updates.
 */
export class JsonLdController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #json: () => string | undefined;
  #script: HTMLScriptElement | undefined;
  #text: string | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, json: () => string | undefined) {
    this.#host = host;
    this.#json = json;
    host.addController(this);
  }

  hostUpdated(): void {
    const host = this.#host;
    const json = host.isConnected ? this.#json() : undefined;
    if (json === undefined) {
      this.hostDisconnected();
      return;
    }
    if (json === this.#text && this.#script?.parentNode === host) return;
    const script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset.cercleWall = '';
    try {
      script.textContent = scriptText(json);
    } catch {
      if (DEV) {
        warnOnce(
          "<cercle-wall> could not add its search-engine markup: this page enforces Trusted Types. Allow the policy 'cercle-jsonld' in its trusted-types directive.",
          'widgets/wall.md#search-engine-markup',
        );
      }
      this.hostDisconnected();
      return;
    }
    if (this.#script?.parentNode === host) this.#script.replaceWith(script);
    else host.append(script);
    this.#script = script;
    this.#text = json;
  }

  hostDisconnected(): void {
    this.#script?.remove();
    this.#script = undefined;
    this.#text = undefined;
  }
}
