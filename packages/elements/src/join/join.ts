import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { WritableAtom } from 'nanostores';
import type { CercleApi } from '@cercle/client';
import { DISPLAY_NAME_MAX, type Community, type Me } from '@cercle/client/contract';
import { backendChanged, setUpWidget } from '../internal/backend.js';
import { CercleElement } from '../internal/cercle-element.js';
import { LiveRegion } from '../internal/live-region.js';
import type { ResolvedApi } from '../internal/config.js';
import {
  errorMessage,
  fieldIssues,
  hasCode,
  isRetryable,
  isUnauthorized,
} from '../internal/errors.js';
import {
  alertIcon,
  checkIcon,
  circleIcon,
  clockIcon,
  closeIcon,
  externalIcon,
  lockIcon,
  peopleIcon,
} from '../internal/icons.js';
import { StoreController } from '../internal/store-controller.js';
import {
  communityStore,
  configStore,
  sessionStore,
  type MemberSession,
} from '../internal/stores.js';
import { tokens } from '../internal/tokens.js';
import { formStyles } from '../internal/form.styles.js';
import { widgetStyles } from '../internal/widget.styles.js';
import { renderProblem } from '../internal/problem.js';
import { randomKey, safeUrl } from '../internal/url.js';
import type { CommonTerms } from '../locales/terms.js';
import { CercleJoinRequestEvent } from '../events/join-request.js';
import { CercleJoinEvent } from '../events/join.js';
import { CercleLeaveEvent } from '../events/leave.js';
import { styles } from './join.styles.js';

export type JoinVariant = 'card' | 'button' | 'banner';

type Field = 'displayName' | 'email' | 'consent';
type View = 'missing' | 'no-api' | 'loading' | 'error' | 'form' | 'full' | 'joined' | 'waitlisted';

const FIELDS: readonly Field[] = ['displayName', 'email', 'consent'];
const FIELD_IDS: Record<Field, string> = {
  displayName: 'name',
  email: 'email',
  consent: 'consent',
};

/**
 * `<cercle-join>` shows a community at a glance (name, tagline, member count, places left)
 * and a short form to join it: a display name, an optional email and a consent checkbox
 * linked to the privacy policy; nothing is sent without consent. Members then see their
 * invites (Discord, Telegram…) and can leave, which erases their data. The member session
 * is shared by every Cercle widget on the page and survives reloads.
 *
 * @summary Lets a visitor join the brand's community, then shows the member-only invites.
 *
 * @tag cercle-join
 * @status experimental
 * @since 0.1
 *
 * @csspart base - The outer wrapper; the card itself in the `card` and `banner` variants.
 * @csspart header - The community: name, tagline, member count, places left.
 * @csspart title - The community's name.
 * @csspart tagline - The community's tagline.
 * @csspart stats - The member count and the places left.
 * @csspart meter - The capacity bar (decorative).
 * @csspart body - What follows the header: the form or the member's status.
 * @csspart form - The join form.
 * @csspart field - Each form field (label, control, hint, error).
 * @csspart label - Each field's label.
 * @csspart input - The display name and email inputs.
 * @csspart checkbox - The consent checkbox.
 * @csspart hint - Each field's hint.
 * @csspart field-error - The message under a field that needs fixing.
 * @csspart form-error - The message above the submit button when a join failed.
 * @csspart privacy-link - The link to the community's privacy policy.
 * @csspart button - Every button of the widget (with a second name: `submit-button`, `retry-button`, `confirm-button`, `cancel-button`).
 * @csspart submit-button - The join button.
 * @csspart status - The joined, waitlisted or full message.
 * @csspart invites - The list of member-only invites.
 * @csspart invite - One invite link.
 * @csspart leave-button - "Leave the circle".
 * @csspart confirm - The confirmation step of leaving.
 * @csspart error - The error state (message and retry button).
 * @csspart skeleton - The loading placeholder.
 * @csspart trigger - The button that opens the popover (`button` variant).
 * @csspart popover - The floating panel (`button` variant).
 * @csspart close-button - The popover's close button (`button` variant).
 *
 * @cssproperty [--cercle-join-background=var(--cercle-color-surface)] - Card background.
 * @cssproperty [--cercle-join-color=var(--cercle-color-text)] - Text color.
 * @cssproperty [--cercle-join-accent=var(--cercle-color-accent)] - Buttons, links, focus ring.
 * @cssproperty [--cercle-join-accent-hover=var(--cercle-color-accent-hover)] - Buttons on hover.
 * @cssproperty [--cercle-join-on-accent=var(--cercle-color-on-accent)] - Text on the accent.
 * @cssproperty [--cercle-join-border=1px solid var(--cercle-color-border)] - Card border.
 * @cssproperty [--cercle-join-radius=var(--cercle-radius-large)] - Card corner radius.
 * @cssproperty [--cercle-join-padding=var(--cercle-space-l)] - Card padding.
 * @cssproperty [--cercle-join-shadow=var(--cercle-shadow)] - Card shadow.
 * @cssproperty [--cercle-join-max-width=28rem] - Widest the card grows (`card` variant).
 * @cssproperty [--cercle-join-popover-width=24rem] - Width of the popover (`button` variant).
 *
 * @cssstate loading - The community (or the member) is loading.
 * @cssstate error - Loading failed, or the widget is misconfigured.
 * @cssstate joined - The visitor is an active member.
 * @cssstate waitlisted - The visitor is on the waitlist.
 * @cssstate full - The community takes no new members.
 * @cssstate busy - A join or leave is in flight.
 * @cssstate open - The popover is open (`button` variant).
 *
 * @event {CercleJoinRequestEvent} cercle-join-request - Before joining; cancelable: `preventDefault()` stops the join. Detail: `{ community }`.
 * @event {CercleJoinEvent} cercle-join - The visitor joined or was waitlisted. Detail: `{ community, memberId, status }`.
 * @event {CercleLeaveEvent} cercle-leave - The member left; their data is erased and the token forgotten. Detail: `{ community, memberId }`.
 */
export class CercleJoin extends CercleElement {
  static override styles = [tokens, widgetStyles, formStyles, styles];

  static override properties = {
    community: {},
    api: {},
    variant: { reflect: true },
    adapter: { attribute: false },
  };

  /** The community's slug, e.g. `maison-verte`. Required. */
  declare community: string | undefined;

  /**
   * Base URL of a backend that speaks the Cercle contract. Default: `configure({ api })`,
   * else `<meta name="cercle-api" content="…">`.
   */
  declare api: string | undefined;

  /** `card` (inline), `button` (opens a popover) or `banner` (full width, horizontal). */
  declare variant: JoinVariant;

  /**
   * Your own implementation of the Cercle operations (`CercleApi`), for a backend that
   * speaks something else. Wins over `api`. Property only.
   */
  declare adapter: CercleApi | undefined;

  #backend: ResolvedApi | undefined;
  #setupError: 'community' | 'api' | undefined;
  /** The community's public information, shared with every widget of the page. */
  #info = new StoreController<Community | undefined>(this);
  get #community(): Community | undefined {
    return this.#info.value;
  }
  set #community(value: Community | undefined) {
    (this.#info.store as WritableAtom<Community | undefined> | undefined)?.set(value);
  }
  #loadError: unknown;
  #retrying = false;
  #communityAbort: AbortController | undefined;

  /** The token `#me` belongs to (or is being loaded for). */
  #token: string | undefined;
  #me: Me | undefined;
  #meError: unknown;
  #meAbort: AbortController | undefined;

  #busy = false;
  #submitError: unknown;
  #fieldErrors: Partial<Record<Field, string>> = {};
  #idempotencyKey: string | undefined;

  #confirming = false;
  #leaveError: unknown;

  #open = false;
  #closePopover: (() => void) | undefined;
  #popoverModule: Promise<typeof import('../internal/popover.js')> | undefined;

  readonly #live = new LiveRegion(this);

  #session = new StoreController<MemberSession | null>(this, undefined, (s) => this.#onSession(s));

  constructor() {
    super();
    this.variant = 'card';
    new StoreController(this, configStore(), () => this.#onConfig());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#closePanel(false);
    this.#communityAbort?.abort();
    this.#meAbort?.abort();
    this.#communityAbort = this.#meAbort = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (isServer) return;
    if (
      !this.hasUpdated ||
      changed.has('community') ||
      changed.has('api') ||
      changed.has('adapter')
    ) {
      this.#connect();
    }
  }

  protected override updated(): void {
    const view = this.#view();
    this.setState('loading', view === 'loading');
    this.setState('error', view === 'error' || view === 'missing' || view === 'no-api');
    this.setState('joined', view === 'joined');
    this.setState('waitlisted', view === 'waitlisted');
    this.setState('full', view === 'full');
    this.setState('busy', this.#busy);
    this.setState('open', this.#open);
    const fill = this.renderRoot.querySelector<HTMLElement>('.meter-fill');
    const c = this.#community;
    if (fill && c?.capacity) {
      fill.style.setProperty(
        '--_cercle-join-fill',
        String(Math.min(1, c.memberCount / c.capacity)),
      );
    }
  }

  // ---------------------------------------------------------------------------------------
  // Data
  // ---------------------------------------------------------------------------------------

  /** (Re)binds the widget to its community and backend, and loads what it shows. */
  #connect(): void {
    this.#communityAbort?.abort();
    this.#meAbort?.abort();
    this.#me = undefined;
    this.#token = undefined;
    this.#loadError = this.#meError = this.#submitError = this.#leaveError = undefined;
    this.#fieldErrors = {};
    this.#setupError = undefined;
    this.#backend = undefined;

    const setup = setUpWidget(
      this,
      'join',
      { community: this.community },
      '<cercle-join community="maison-verte">',
    );
    if (!setup.ok) {
      this.#setupError = setup.error;
      this.#info.setStore(undefined);
      this.#session.setStore(undefined);
      this.requestUpdate();
      return;
    }
    const { community } = setup.values;
    this.#backend = setup.backend;
    this.#info.setStore(communityStore(this.#backend.key, community));
    this.#session.setStore(sessionStore(this.#backend.key, community));
    this.#refresh();
  }

  /** Loads what is missing: the community, and the member when there is a session. */
  #refresh(): void {
    if (!this.#backend || this.#setupError) return;
    if (!this.#community) void this.#loadCommunity();
    const session = this.#session.value;
    if (session && (this.#token !== session.token || (!this.#me && !this.#meAbort))) {
      void this.#loadMe(session);
    }
  }

  #onConfig(): void {
    if (backendChanged(this, this.#backend)) this.#connect();
  }

  #onSession(session: MemberSession | null): void {
    if (!this.#backend) return;
    if (!session) {
      if (this.#token === undefined && !this.#me) return;
      this.#meAbort?.abort();
      this.#meAbort = undefined;
      this.#token = undefined;
      this.#me = this.#meError = undefined;
      this.#confirming = false;
      return;
    }
    if (session.token !== this.#token || session.status !== this.#me?.member.status) {
      void this.#loadMe(session, session.token === this.#token ? this.#me : undefined);
    }
  }

  async #loadCommunity(quiet = false): Promise<boolean> {
    const backend = this.#backend;
    const slug = this.community?.trim();
    if (!backend || !slug) return false;
    this.#communityAbort?.abort();
    const ctrl = new AbortController();
    this.#communityAbort = ctrl;
    try {
      const community = await backend.api.getCommunity(slug, { signal: ctrl.signal });
      if (ctrl.signal.aborted) return false;
      this.#community = community;
      this.#loadError = undefined;
      return true;
    } catch (e) {
      if (ctrl.signal.aborted) return false;
      if (!quiet) {
        this.#loadError = e;
        this.#live.announce(errorMessage(e, this.localize.term));
      }
      return false;
    } finally {
      if (this.#communityAbort === ctrl) this.#communityAbort = undefined;
      this.requestUpdate();
    }
  }

  /** Loads the member for `session`; `provisional` is shown meanwhile (right after joining). */
  async #loadMe(session: MemberSession, provisional?: Me): Promise<boolean> {
    const backend = this.#backend;
    const slug = this.community?.trim();
    if (!backend || !slug) return false;
    this.#meAbort?.abort();
    const ctrl = new AbortController();
    this.#meAbort = ctrl;
    this.#token = session.token;
    this.#me = provisional;
    this.requestUpdate();
    try {
      const me = await backend.api.me(slug, { token: session.token, signal: ctrl.signal });
      if (ctrl.signal.aborted) return false;
      this.#me = me;
      this.#meError = undefined;
      const store = this.#session.store;
      if (me.member.status !== session.status && store?.get()?.token === session.token) {
        sessionStore(backend.key, slug).set({ ...session, status: me.member.status });
      }
      return true;
    } catch (e) {
      if (ctrl.signal.aborted) return false;
      if (isUnauthorized(e)) {
        // The backend no longer knows this token (erased elsewhere, or stale): forget it.
        this.#token = undefined;
        this.#me = this.#meError = undefined;
        if (this.#session.store?.get()?.token === session.token) {
          sessionStore(backend.key, slug).set(null);
        }
      } else {
        this.#meError = e;
        if (!provisional) this.#live.announce(errorMessage(e, this.localize.term));
      }
      return false;
    } finally {
      if (this.#meAbort === ctrl) this.#meAbort = undefined;
      this.requestUpdate();
    }
  }

  #view(): View {
    if (this.#setupError === 'community') return 'missing';
    if (this.#setupError === 'api') return 'no-api';
    if (this.#loadError) return 'error';
    const session = this.#session.value;
    if (!this.#community) return 'loading';
    if (session) {
      if (this.#me) return this.#me.member.status === 'active' ? 'joined' : 'waitlisted';
      return this.#meError ? 'error' : 'loading';
    }
    return this.#community.joinState === 'closed' ? 'full' : 'form';
  }

  // ---------------------------------------------------------------------------------------
  // Actions (each only on a user gesture)
  // ---------------------------------------------------------------------------------------

  #retry = async (): Promise<void> => {
    if (this.#retrying) return;
    this.#retrying = true;
    this.requestUpdate();
    const session = this.#session.value;
    const results = await Promise.all([
      this.#community ? true : this.#loadCommunity(),
      session && !this.#me ? this.#loadMe(session) : true,
    ]);
    this.#retrying = false;
    if (results.every(Boolean)) this.#loadError = undefined;
    this.requestUpdate();
    if (results.every(Boolean)) void this.focusAfterUpdate('#title');
    else void this.focusAfterUpdate('#retry');
  };

  #onInput = (e: Event): void => {
    this.#idempotencyKey = undefined; // a changed form is a new join
    const target = e.target as HTMLInputElement;
    const field = (Object.keys(FIELD_IDS) as Field[]).find((f) => FIELD_IDS[f] === target.id);
    if (field && this.#fieldErrors[field]) {
      delete this.#fieldErrors[field];
      this.requestUpdate();
    }
  };

  #onSubmit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const community = this.#community;
    const backend = this.#backend;
    const slug = this.community?.trim();
    if (this.#busy || !community || !backend || !slug) return;
    const t = this.localize.term;
    const form = e.currentTarget as HTMLFormElement;
    const nameInput = form.querySelector<HTMLInputElement>('#name')!;
    const emailInput = form.querySelector<HTMLInputElement>('#email')!;
    const consentInput = form.querySelector<HTMLInputElement>('#consent')!;
    const displayName = nameInput.value.trim();
    const email = emailInput.value.trim();

    const errors: Partial<Record<Field, string>> = {};
    if (!displayName) errors.displayName = t.nameRequired;
    else if (displayName.length > DISPLAY_NAME_MAX)
      errors.displayName = t.nameTooLong(DISPLAY_NAME_MAX);
    if (email && emailInput.validity.typeMismatch) errors.email = t.emailInvalid;
    if (!consentInput.checked) errors.consent = t.consentRequired;
    this.#fieldErrors = errors;
    this.#submitError = undefined;
    if (Object.keys(errors).length > 0) {
      this.requestUpdate();
      await this.#focusFirstInvalid();
      return;
    }

    if (!this.emit(new CercleJoinRequestEvent({ community: slug }))) {
      this.requestUpdate();
      return;
    }

    this.#busy = true;
    this.requestUpdate();
    this.#idempotencyKey ??= randomKey();
    try {
      const result = await backend.api.join(
        slug,
        {
          displayName,
          ...(email ? { email } : {}),
          consent: { version: community.consentVersion, accepted: true },
        },
        { idempotencyKey: this.#idempotencyKey },
      );
      this.#idempotencyKey = undefined;
      const { member, token } = result;
      const status = result.waitlisted ? 'waitlisted' : member.status;
      const session: MemberSession = { token, memberId: member.id, status };
      // Show the member at once; their invites follow (`me`).
      void this.#loadMe(session, { member: { ...member, status }, invites: [] });
      sessionStore(backend.key, slug).set(session);
      this.#live.announce(
        status === 'active'
          ? t.joinedAnnouncement(community.name)
          : t.waitlistedAnnouncement(community.name, member.waitlistPosition),
      );
      this.emit(new CercleJoinEvent({ community: slug, memberId: member.id, status }));
      void this.#loadCommunity(true);
      void this.focusAfterUpdate('#status-title');
    } catch (err) {
      const issues = fieldIssues(err);
      if (issues.length > 0) {
        this.#fieldErrors = this.#fieldErrorsFrom(issues, t);
        await this.#focusFirstInvalid();
      } else if (hasCode(err, 'community_full')) {
        this.#community = { ...community, joinState: 'closed' };
        this.#live.announce(t.full);
        void this.focusAfterUpdate('#status-title');
      } else {
        this.#submitError = err;
        this.#live.announce(errorMessage(err, t));
      }
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  };

  #fieldErrorsFrom(
    issues: { path: string; message: string }[],
    t: CommonTerms,
  ): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    for (const { path, message } of issues) {
      const field = FIELDS.find((f) => path === f || path.startsWith(`${f}.`));
      if (!field) {
        this.#submitError = { kind: 'http', code: 'validation_failed', status: 400 };
        continue;
      }
      errors[field] ??=
        field === 'consent' ? t.consentRequired : field === 'email' ? t.emailInvalid : message;
    }
    return errors;
  }

  async #focusFirstInvalid(): Promise<void> {
    const first = FIELDS.find((f) => this.#fieldErrors[f]);
    if (first) await this.focusAfterUpdate(`#${FIELD_IDS[first]}`);
  }

  #askLeave = (): void => {
    this.#confirming = true;
    this.#leaveError = undefined;
    this.requestUpdate();
    void this.focusAfterUpdate('#cancel');
  };

  #cancelLeave = (): void => {
    this.#confirming = false;
    this.requestUpdate();
    void this.focusAfterUpdate('#leave');
  };

  #leave = async (): Promise<void> => {
    const backend = this.#backend;
    const slug = this.community?.trim();
    const session = this.#session.value;
    const community = this.#community;
    if (this.#busy || !backend || !slug || !session || !community) return;
    this.#busy = true;
    this.#leaveError = undefined;
    this.requestUpdate();
    try {
      await backend.api.leave(slug, { token: session.token });
    } catch (err) {
      if (!isUnauthorized(err)) {
        // Still a member: say why, keep the confirmation open.
        this.#busy = false;
        this.#leaveError = err;
        this.#live.announce(errorMessage(err, this.localize.term));
        return;
      }
      // 401: the backend already forgot this member; forget the token too.
    }
    this.#busy = false;
    this.#confirming = false;
    sessionStore(backend.key, slug).set(null);
    this.#live.announce(this.localize.term.left(community.name));
    this.emit(new CercleLeaveEvent({ community: slug, memberId: session.memberId }));
    void this.#loadCommunity(true);
    void this.focusAfterUpdate('#name, #status-title');
  };

  // ---------------------------------------------------------------------------------------
  // Popover (`button` variant)
  // ---------------------------------------------------------------------------------------

  #prefetchPopover = (): void => {
    this.#popoverModule ??= import('../internal/popover.js');
  };

  #toggle = (): void => {
    if (this.#open) this.#closePanel(true);
    else void this.#openPanel();
  };

  async #openPanel(): Promise<void> {
    if (this.#open) return;
    this.#open = true;
    this.requestUpdate();
    this.#prefetchPopover();
    const [{ openPopover }] = await Promise.all([this.#popoverModule!, this.updateComplete]);
    const trigger = this.renderRoot.querySelector<HTMLElement>('#trigger');
    const panel = this.renderRoot.querySelector<HTMLElement>('#panel');
    if (!this.#open || !this.isConnected || !trigger || !panel) return;
    this.#closePopover = openPopover(trigger, panel, { placement: 'bottom-start' });
    document.addEventListener('pointerdown', this.#onOutsidePointer, true);
    const target =
      panel.querySelector<HTMLElement>('[data-autofocus]') ??
      panel.querySelector<HTMLElement>('input, button:not(.close), a[href]') ??
      panel.querySelector<HTMLElement>('.close');
    target?.focus();
  }

  #closePanel(returnFocus: boolean): void {
    if (!this.#open) return;
    this.#open = false;
    this.#closePopover?.();
    this.#closePopover = undefined;
    if (typeof document !== 'undefined') {
      document.removeEventListener('pointerdown', this.#onOutsidePointer, true);
    }
    this.requestUpdate();
    if (returnFocus) this.renderRoot.querySelector<HTMLElement>('#trigger')?.focus();
  }

  #onOutsidePointer = (e: PointerEvent): void => {
    if (!e.composedPath().includes(this)) this.#closePanel(false);
  };

  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.#open) {
      e.preventDefault();
      e.stopPropagation();
      this.#closePanel(true);
    }
  };

  #onFocusOut = (e: FocusEvent): void => {
    const next = e.relatedTarget as Node | null;
    // Focus moved to something else on the page (not to another window or the void).
    if (next && !this.contains(next) && !this.renderRoot.contains(next)) this.#closePanel(false);
  };

  // ---------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.localize.term;
    const view = this.#view();
    const content = this.#renderContent(view, t);
    return html`
      <div
        part="base"
        class="base ${this.variant === 'button' ? '' : 'surface'}"
        lang=${t.$code}
        dir=${t.$dir}
      >
        ${this.variant === 'button' ? this.#renderPopover(view, t, content) : content}
        ${this.#live.render()}
      </div>
    `;
  }

  #renderPopover(view: View, t: CommonTerms, content: TemplateResult): TemplateResult {
    const label =
      view === 'joined' ? t.memberTrigger : view === 'waitlisted' ? t.waitlistTrigger : t.openJoin;
    const icon =
      view === 'joined' ? checkIcon() : view === 'waitlisted' ? clockIcon() : circleIcon();
    const topLayer = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;
    const count =
      this.#community && view !== 'joined' && view !== 'waitlisted'
        ? html`<span class="trigger-count">${t.membersCount(this.#community.memberCount)}</span>`
        : nothing;
    return html`
      <button
        part="trigger"
        class="trigger ${view === 'joined' || view === 'waitlisted' ? 'trigger-member' : ''}"
        id="trigger"
        type="button"
        aria-haspopup="dialog"
        aria-expanded=${this.#open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.#toggle}
        @keydown=${this.#onKeydown}
        @pointerenter=${this.#prefetchPopover}
        @focus=${this.#prefetchPopover}
      >
        ${icon}<span>${label}</span>${count}
      </button>
      <div
        part="popover"
        class="popover surface"
        id="panel"
        popover="manual"
        role="dialog"
        aria-label=${this.#community?.name ?? t.openJoin}
        ?hidden=${!topLayer && !this.#open}
        @keydown=${this.#onKeydown}
        @focusout=${this.#onFocusOut}
      >
        <button
          part="close-button"
          class="close"
          type="button"
          aria-label=${t.close}
          @click=${() => this.#closePanel(true)}
        >
          ${closeIcon()}
        </button>
        ${content}
      </div>
    `;
  }

  #renderContent(view: View, t: CommonTerms): TemplateResult {
    switch (view) {
      case 'missing':
        return this.#renderProblem(t.errorMissingCommunity, false);
      case 'no-api':
        return this.#renderProblem(t.errorNoApi, false);
      case 'loading':
        return this.#renderSkeleton(t);
      case 'error': {
        const error = this.#loadError ?? this.#meError;
        return this.#renderProblem(errorMessage(error, t), isRetryable(error));
      }
      default: {
        const community = this.#community!;
        return html`
          <div class="content">
            ${this.#renderHeader(community, t)}
            <div part="body" class="body">${this.#renderBody(view, community, t)}</div>
          </div>
        `;
      }
    }
  }

  #renderBody(view: View, community: Community, t: CommonTerms): TemplateResult {
    switch (view) {
      case 'joined':
        return this.#renderJoined(community, t);
      case 'waitlisted':
        return this.#renderWaitlisted(t);
      case 'full':
        return html`
          <div part="status" class="status">
            <p class="status-title" id="status-title" tabindex="-1" data-autofocus>
              <span class="status-icon status-icon-muted">${lockIcon()}</span>${t.full}
            </p>
          </div>
        `;
      default:
        return this.#renderForm(community, t);
    }
  }

  #renderSkeleton(t: CommonTerms): TemplateResult {
    return html`
      <div part="skeleton" class="skeleton">
        <span class="sr-only">${t.loading}</span>
        <div class="bone bone-eyebrow"></div>
        <div class="bone bone-title"></div>
        <div class="bone bone-line"></div>
        <div class="bone bone-line bone-short"></div>
        <div class="bone bone-field"></div>
        <div class="bone bone-field"></div>
        <div class="bone bone-button"></div>
      </div>
    `;
  }

  #renderProblem(message: string, retry: boolean): TemplateResult {
    return renderProblem(
      message,
      retry
        ? { label: this.localize.term.retry, busy: this.#retrying, onClick: this.#retry }
        : undefined,
    );
  }

  #renderHeader(c: Community, t: CommonTerms): TemplateResult {
    const placesLeft = c.capacity === null ? undefined : Math.max(0, c.capacity - c.memberCount);
    return html`
      <header part="header" class="header">
        <p class="eyebrow">${circleIcon()}<span>${t.community}</span></p>
        <h2 part="title" class="title" id="title" tabindex="-1">${c.name}</h2>
        ${c.tagline ? html`<p part="tagline" class="tagline">${c.tagline}</p>` : nothing}
        <p part="stats" class="stats">
          <span class="stat">${peopleIcon()}<span>${t.membersCount(c.memberCount)}</span></span>
          ${
            placesLeft === undefined
              ? nothing
              : html`<span class="stat stat-places"
                  >${c.joinState === 'waitlist' ? t.waitlistOpen : t.placesLeft(placesLeft)}</span
                >`
          }
        </p>
        ${
          c.capacity === null
            ? nothing
            : html`<div part="meter" class="meter" aria-hidden="true">
                <div class="meter-fill"></div>
              </div>`
        }
      </header>
    `;
  }

  #renderField(
    field: 'displayName' | 'email',
    label: TemplateResult | string,
    hint: string,
    input: (describedBy: string) => TemplateResult,
  ): TemplateResult {
    const id = FIELD_IDS[field];
    const error = this.#fieldErrors[field];
    const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`
      <div part="field" class="field ${error ? 'field-invalid' : ''}">
        <label part="label" class="label" for=${id}>${label}</label>
        ${input(describedBy)}
        ${
          error
            ? html`<p part="field-error" class="field-error" id="${id}-error">
                ${alertIcon()}<span>${error}</span>
              </p>`
            : nothing
        }
        <p part="hint" class="hint" id="${id}-hint">${hint}</p>
      </div>
    `;
  }

  #renderForm(c: Community, t: CommonTerms): TemplateResult {
    const errors = this.#fieldErrors;
    const privacy = safeUrl(c.privacyPolicyUrl);
    const waitlist = c.joinState === 'waitlist';
    return html`
      <form part="form" class="form" novalidate @submit=${this.#onSubmit} @input=${this.#onInput}>
        ${this.#renderField(
          'displayName',
          t.displayName,
          t.displayNameHint,
          (describedBy) =>
            html`<input
              part="input"
              class="input"
              id="name"
              name="displayName"
              type="text"
              autocomplete="nickname"
              required
              maxlength=${DISPLAY_NAME_MAX}
              data-autofocus
              aria-invalid=${errors.displayName ? 'true' : 'false'}
              aria-describedby=${describedBy}
            />`,
        )}
        ${this.#renderField(
          'email',
          html`${t.email} <span class="optional">(${t.optional})</span>`,
          t.emailHint(c.name),
          (describedBy) =>
            html`<input
              part="input"
              class="input"
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              maxlength="254"
              aria-invalid=${errors.email ? 'true' : 'false'}
              aria-describedby=${describedBy}
            />`,
        )}
        <div part="field" class="field field-consent ${errors.consent ? 'field-invalid' : ''}">
          <div class="consent">
            <input
              part="checkbox"
              class="checkbox"
              id="consent"
              name="consent"
              type="checkbox"
              required
              aria-invalid=${errors.consent ? 'true' : 'false'}
              aria-describedby=${errors.consent ? 'consent-error' : nothing}
            />
            <label part="label" class="consent-label" for="consent"
              >${c.consentText ?? t.consent(c.name)}</label
            >
            ${
              privacy
                ? html`<a
                    part="privacy-link"
                    class="privacy-link"
                    href=${privacy}
                    target="_blank"
                    rel="noopener noreferrer"
                    >${t.privacyPolicy}<span class="sr-only"> ${t.opensInNewTab}</span
                    >${externalIcon()}</a
                  >`
                : nothing
            }
          </div>
          ${
            errors.consent
              ? html`<p part="field-error" class="field-error" id="consent-error">
                  ${alertIcon()}<span>${errors.consent}</span>
                </p>`
              : nothing
          }
        </div>
        ${
          this.#submitError
            ? html`<p part="form-error" class="form-error" id="form-error">
                ${alertIcon()}<span>${errorMessage(this.#submitError, t)}</span>
              </p>`
            : nothing
        }
        <button
          part="button submit-button"
          class="button button-primary submit"
          type="submit"
          aria-disabled=${this.#busy ? 'true' : 'false'}
          aria-describedby=${this.#submitError ? 'form-error' : nothing}
        >
          ${this.#busy ? html`<span class="spinner" aria-hidden="true"></span>${t.joining}` : waitlist ? t.joinWaitlist : t.join}
        </button>
      </form>
    `;
  }

  #renderJoined(c: Community, t: CommonTerms): TemplateResult {
    const me = this.#me!;
    const invites = me.invites.flatMap((i) => {
      const url = safeUrl(i.url);
      return url ? [{ ...i, url }] : [];
    });
    const pending = this.#meAbort !== undefined && invites.length === 0;
    return html`
      <div part="status" class="status">
        <p class="status-title" id="status-title" tabindex="-1" data-autofocus>
          <span class="status-icon">${checkIcon()}</span>${t.welcome(me.member.displayName)}
        </p>
        <p class="status-text">${t.joinedIntro(c.name)}</p>
        ${
          pending
            ? html`<div class="invites-loading">
                <span class="sr-only">${t.invitesLoading}</span>
                <div class="bone bone-invite"></div>
                <div class="bone bone-invite"></div>
              </div>`
            : this.#meError
              ? html`<p class="form-error">
                    ${alertIcon()}<span>${errorMessage(this.#meError, t)}</span>
                  </p>
                  <button
                    part="button retry-button"
                    class="button button-secondary"
                    id="retry"
                    type="button"
                    @click=${this.#retry}
                  >
                    ${t.retry}
                  </button>`
              : invites.length > 0
                ? html`<ul part="invites" class="invites">
                    ${invites.map(
                      (i) =>
                        html`<li>
                          <a
                            part="invite"
                            class="invite"
                            href=${i.url}
                            target="_blank"
                            rel="noopener noreferrer"
                          >
                            <span class="invite-text">
                              <span class="invite-label">${i.label}</span>
                              <span class="invite-kind">${t.inviteKind(i.kind)}</span>
                            </span>
                            <span class="sr-only">${t.opensInNewTab}</span>
                            ${externalIcon()}
                          </a>
                        </li>`,
                    )}
                  </ul>`
                : html`<p class="status-text">${t.noInvites}</p>`
        }
        ${this.#renderLeave(c, t, t.leave)}
      </div>
    `;
  }

  #renderWaitlisted(t: CommonTerms): TemplateResult {
    const me = this.#me!;
    return html`
      <div part="status" class="status">
        <p class="status-title" id="status-title" tabindex="-1" data-autofocus>
          <span class="status-icon">${clockIcon()}</span>${t.waitlisted(me.member.waitlistPosition)}
        </p>
        <p class="status-text">${t.waitlistedHint}</p>
        ${this.#renderLeave(this.#community!, t, t.leaveWaitlist)}
      </div>
    `;
  }

  #renderLeave(c: Community, t: CommonTerms, label: string): TemplateResult {
    if (!this.#confirming) {
      return html`<button
        part="leave-button"
        class="leave"
        id="leave"
        type="button"
        @click=${this.#askLeave}
      >
        ${label}
      </button>`;
    }
    return html`
      <div part="confirm" class="confirm" role="group" aria-labelledby="confirm-text">
        <p class="confirm-text" id="confirm-text">${t.leaveConfirm(c.name)}</p>
        ${
          this.#leaveError
            ? html`<p class="form-error">
                ${alertIcon()}<span>${errorMessage(this.#leaveError, t)}</span>
              </p>`
            : nothing
        }
        <div class="actions">
          <button
            part="button confirm-button"
            class="button button-danger"
            id="confirm-leave"
            type="button"
            aria-disabled=${this.#busy ? 'true' : 'false'}
            @click=${this.#leave}
          >
            ${this.#busy ? html`<span class="spinner" aria-hidden="true"></span>${t.leaving}` : t.leaveConfirmButton}
          </button>
          <button
            part="button cancel-button"
            class="button button-secondary"
            id="cancel"
            type="button"
            @click=${this.#cancelLeave}
          >
            ${t.cancel}
          </button>
        </div>
      </div>
    `;
  }
}
