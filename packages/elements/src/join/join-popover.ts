/**
 * The `button` variant of `<cercle-join>`: a trigger button that opens the card in a floating
 * panel. floating-ui (`internal/popover.js`) loads on first hover, focus or click; the panel
 * closes on Escape, on a click outside, and when focus leaves for the rest of the page.
 */
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { Community } from '@cercle/client/browser';
import type { CercleElement } from '../internal/cercle-element.js';
import { checkIcon, circleIcon, clockIcon, closeIcon } from '../internal/icons.js';
import type { Terms } from './terms.js';

type Host = CercleElement & { renderRoot: HTMLElement | DocumentFragment };

/** Who the trigger speaks to: a visitor, an active member, or one on the waitlist. */
export type TriggerFor = 'visitor' | 'member' | 'waitlisted';

export class JoinPopover implements ReactiveController {
  /** Whether the panel is open. */
  open = false;
  readonly #host: Host;
  #close: (() => void) | undefined;
  #module: Promise<typeof import('../internal/popover.js')> | undefined;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close(false);
  }

  prefetch = (): void => {
    this.#module ??= import('../internal/popover.js');
  };

  toggle = (): void => {
    if (this.open) this.close(true);
    else void this.#show();
  };

  async #show(): Promise<void> {
    if (this.open) return;
    this.open = true;
    this.#host.requestUpdate();
    this.prefetch();
    const [{ openPopover }] = await Promise.all([this.#module!, this.#host.updateComplete]);
    const root = this.#host.renderRoot;
    const trigger = root.querySelector<HTMLElement>('#trigger');
    const panel = root.querySelector<HTMLElement>('#panel');
    if (!this.open || !this.#host.isConnected || !trigger || !panel) return;
    this.#close = openPopover(trigger, panel, { placement: 'bottom-start' });
    document.addEventListener('pointerdown', this.#onOutsidePointer, true);
    const target =
      panel.querySelector<HTMLElement>('[data-autofocus]') ??
      panel.querySelector<HTMLElement>('input, button:not(.close), a[href]') ??
      panel.querySelector<HTMLElement>('.close');
    target?.focus();
  }

  /** Closes the panel; `returnFocus`: back to the trigger (Escape, the close button). */
  close(returnFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.#close?.();
    this.#close = undefined;
    if (typeof document !== 'undefined') {
      document.removeEventListener('pointerdown', this.#onOutsidePointer, true);
    }
    this.#host.requestUpdate();
    if (returnFocus) this.#host.renderRoot.querySelector<HTMLElement>('#trigger')?.focus();
  }

  #onOutsidePointer = (e: PointerEvent): void => {
    if (!e.composedPath().includes(this.#host)) this.close(false);
  };

  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.open) {
      e.preventDefault();
      e.stopPropagation();
      this.close(true);
    }
  };

  #onFocusOut = (e: FocusEvent): void => {
    const next = e.relatedTarget as Node | null;
    const host = this.#host;
    // Focus moved to something else on the page (not to another window or the void).
    if (next && !host.contains(next) && !host.renderRoot.contains(next)) this.close(false);
  };

  /** The trigger and the panel around `content` (the card). */
  render(
    who: TriggerFor,
    community: Community | undefined,
    t: Terms,
    content: TemplateResult,
  ): TemplateResult {
    const member = who !== 'visitor';
    const label =
      who === 'member' ? t.memberTrigger : who === 'waitlisted' ? t.waitlistTrigger : t.openJoin;
    const icon = who === 'member' ? checkIcon() : who === 'waitlisted' ? clockIcon() : circleIcon();
    const topLayer = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;
    return html`
      <button
        part="trigger"
        class="button trigger ${member ? 'trigger-member' : 'button-primary'}"
        id="trigger"
        type="button"
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.toggle}
        @keydown=${this.#onKeydown}
        @pointerenter=${this.prefetch}
        @focus=${this.prefetch}
      >
        ${icon}<span class="trigger-label">${label}</span>${
          // A visitor's count has its room from the first frame, so the button keeps its
          // width when the community arrives (no layout shift in the page's header).
          member
            ? nothing
            : html`<span class="trigger-count"
                >${community ? t.membersCount(community.memberCount) : ''}</span
              >`
        }
      </button>
      <div
        part="popover"
        class="popover surface"
        id="panel"
        popover="manual"
        role="dialog"
        aria-label=${community?.name ?? t.openJoin}
        ?hidden=${!topLayer && !this.open}
        @keydown=${this.#onKeydown}
        @focusout=${this.#onFocusOut}
      >
        <button
          part="close-button"
          class="close"
          type="button"
          aria-label=${t.close}
          @click=${() => this.close(true)}
        >
          ${closeIcon()}
        </button>
        ${content}
      </div>
    `;
  }
}
