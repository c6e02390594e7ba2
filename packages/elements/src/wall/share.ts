/**
 * Sharing an experience on `<cercle-wall>`: the "Share your experience" button opens the join
 * card in place for visitors (join-in-place.ts) and the testimonial form for members (loaded
 * on first use, parts.ts); Escape closes either; a visitor who joins in place gets the form at
 * once; a sent testimonial closes the form and says what happens next. The form's state is a
 * store the wall reads (STYLE.md §12).
 */
import { atom } from 'nanostores';
import type { OwnTestimonial } from '@cercle/client/browser';
import type { JoinInPlace } from '../internal/join-in-place.js';
import type { Terms } from './card.js';
import type { LazyParts } from './parts.js';
import type { FormContext } from './wall-form.js';
import type { WallLoader } from './wall-loader.js';
import type { MineContext } from './wall-mine.js';

export interface ShareState {
  formOpen: boolean;
  /** The form is sending. */
  formBusy: boolean;
  /** What the wall says once a testimonial was sent. */
  formStatus: string | undefined;
}

/** What sharing needs from the wall. */
export interface ShareHost {
  load: WallLoader;
  join: JoinInPlace;
  parts: LazyParts;
  terms(): Terms;
  announce(message: string): void;
  /** Focuses the element `selector` matches after the next update. */
  focus(selector: string): void;
  /** The backend accepted `testimonial` (the wall fires its event). */
  submitted(community: string, testimonial: OwnTestimonial): void;
}

export class WallShare {
  readonly $state = atom<ShareState>({ formOpen: false, formBusy: false, formStatus: undefined });
  #host: ShareHost;
  #wasMember = false;
  #context: (FormContext & MineContext) | undefined;

  constructor(host: ShareHost) {
    this.#host = host;
  }

  get state(): ShareState {
    return this.$state.get();
  }

  #set(patch: Partial<ShareState>): void {
    this.$state.set({ ...this.state, ...patch });
  }

  /** The member's session changed: a visitor who just joined in place gets the form. */
  onMember(active: boolean): void {
    const { join } = this.#host;
    if (active && !this.#wasMember && join.open) {
      join.open = false;
      this.#open();
      this.#host.announce(this.#host.terms().wallJoinedCall);
      this.#host.focus('#rating-1');
    }
    if (!active && this.state.formOpen) this.#set({ formOpen: false });
    this.#wasMember = active;
  }

  /** The form's module could not be loaded. */
  formFailed(): void {
    this.#set({ formOpen: false });
  }

  onShare = (): void => {
    if (!this.#host.load.active) {
      this.#host.join.toggle();
      return;
    }
    if (this.state.formOpen) {
      this.#set({ formOpen: false, formStatus: undefined });
      return;
    }
    this.#open();
    this.#set({ formStatus: undefined });
    this.#host.focus('#rating-1');
  };

  onKeydown = (e: KeyboardEvent): void => {
    const { join } = this.#host;
    const { formOpen, formBusy } = this.state;
    if (e.key !== 'Escape' || !(join.open || (formOpen && !formBusy))) return;
    e.preventDefault();
    e.stopPropagation();
    if (join.open) join.toggle();
    this.#set({ formOpen: false });
    this.#host.focus('#share');
  };

  /** Opens the form, loading its element the first time. */
  #open(): void {
    this.#set({ formOpen: true });
    this.#host.parts.need('form', true);
  }

  /** What the form and the member's list need; one object per community, member and backend. */
  ctx(): (FormContext & MineContext) | undefined {
    const host = this.#host;
    const { load } = host;
    const backend = load.backend;
    const community = load.community;
    const token = load.member.value?.token;
    if (!backend || !community || !token) return undefined;
    const prev = this.#context;
    if (prev?.backend === backend && prev.community === community && prev.token === token) {
      return prev;
    }
    return (this.#context = {
      backend,
      community,
      token,
      announce: (message) => host.announce(message),
      forgetToken: (token) => load.forgetToken(token),
      focus: (selector) => host.focus(selector),
      busy: (on) => this.#set({ formBusy: on }),
      submitted: (testimonial) => this.#submitted(community, testimonial),
      withdrawn: (id) => load.data.withdrawn(id),
    });
  }

  #submitted(community: string, testimonial: OwnTestimonial): void {
    const t = this.#host.terms();
    const formStatus =
      testimonial.state === 'approved' ? t.wallSubmittedApproved : t.wallSubmittedPending;
    this.#set({ formOpen: false, formStatus });
    this.#host.load.data.submitted(testimonial);
    this.#host.announce(formStatus);
    this.#host.submitted(community, testimonial);
    this.#host.focus('#form-status');
  }
}
