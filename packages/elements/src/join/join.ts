import { html, isServer, type PropertyValues, type TemplateResult } from 'lit';
import type { CercleApi } from '@cercle/client';
import type { Community } from '@cercle/client/browser';
import { backendChanged, setUpWidget } from '../internal/backend.js';
import { CercleElement } from '../internal/cercle-element.js';
import { LiveRegion } from '../internal/live-region.js';
import {
  errorMessage,
  fieldIssues,
  hasCode,
  isRetryable,
  isUnauthorized,
} from '../internal/errors.js';
import { renderProblem } from '../internal/problem.js';
import { StoreController } from '../internal/store-controller.js';
import { configStore, type MemberSession } from '../internal/stores.js';
import { tokens } from '../internal/tokens.js';
import { formStyles } from '../internal/form.styles.js';
import { widgetStyles } from '../internal/widget.styles.js';
import { randomKey } from '../internal/url.js';
import { CercleJoinRequestEvent } from '../events/join-request.js';
import { CercleJoinEvent } from '../events/join.js';
import { CercleLeaveEvent } from '../events/leave.js';
import {
  FIELD_IDS,
  FIELDS,
  fieldErrorsFrom,
  fieldOf,
  readForm,
  renderForm,
  type FieldErrors,
} from './form.js';
import { renderFull, renderHeader, renderSkeleton } from './header.js';
import { JoinData } from './join-data.js';
import { JoinPopover } from './join-popover.js';
import { renderJoined, renderWaitlisted, type MemberView } from './member.js';
import { joinTerms, type JoinTerms, type Terms } from './terms.js';
import { styles } from './join.styles.js';
import { popoverStyles } from './popover.styles.js';

export type JoinVariant = 'card' | 'button' | 'banner';

type View = 'missing' | 'no-api' | 'loading' | 'error' | 'form' | 'full' | 'joined' | 'waitlisted';

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
 * @csspart notice - After leaving, above the form: the member's data was erased.
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
export class CercleJoin extends CercleElement<JoinTerms> {
  static override terms = joinTerms;
  static override styles = [tokens, widgetStyles, formStyles, styles, popoverStyles];

  static override properties = {
    community: {},
    api: {},
    variant: { reflect: true },
    adapter: { attribute: false },
    _setupError: { state: true },
    _retrying: { state: true },
    _busy: { state: true },
    _submitError: { state: true },
    _fieldErrors: { state: true },
    _confirming: { state: true },
    _leaveError: { state: true },
    _left: { state: true },
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

  /** Why the widget cannot work: a missing attribute or no backend. */
  declare private _setupError: 'community' | 'api' | undefined;
  declare private _retrying: boolean;
  /** A join or leave is in flight. */
  declare private _busy: boolean;
  declare private _submitError: unknown;
  declare private _fieldErrors: FieldErrors;
  /** The leave confirmation is open. */
  declare private _confirming: boolean;
  declare private _leaveError: unknown;
  /** The visitor just left: the form says their data was erased. */
  declare private _left: boolean;

  #idempotencyKey: string | undefined;
  readonly #live = new LiveRegion(this);
  readonly #popover = new JoinPopover(this);
  readonly #data = new JoinData(this, {
    onError: (e) => this.#live.announce(errorMessage(e, this.localize.term)),
    onSignedOut: () => (this._confirming = false),
  });

  constructor() {
    super();
    this.variant = 'card';
    this._retrying = this._busy = this._confirming = this._left = false;
    this._fieldErrors = {};
    new StoreController(this, configStore(), () => {
      if (backendChanged(this, this.#data.backend)) this.#connect();
    });
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
    this.setState('busy', this._busy);
    this.setState('open', this.#popover.open);
    const fill = this.renderRoot.querySelector<HTMLElement>('.meter-fill');
    const c = this.#data.community;
    if (fill && c?.capacity) {
      fill.style.setProperty(
        '--_cercle-join-fill',
        String(Math.min(1, c.memberCount / c.capacity)),
      );
    }
  }

  /** (Re)binds the widget to its community and backend, and loads what it shows. */
  #connect(): void {
    this._submitError = this._leaveError = undefined;
    this._fieldErrors = {};
    this._left = false;
    const setup = setUpWidget(
      this,
      'join',
      { community: this.community },
      '<cercle-join community="maison-verte">',
    );
    this._setupError = setup.ok ? undefined : setup.error;
    if (setup.ok) this.#data.bind(setup.backend, setup.values.community);
    else this.#data.bind(undefined, undefined);
  }

  #view(): View {
    if (this._setupError === 'community') return 'missing';
    if (this._setupError === 'api') return 'no-api';
    const data = this.#data;
    if (data.loadError) return 'error';
    if (!data.community) return 'loading';
    if (data.session) {
      if (data.me) return data.me.member.status === 'active' ? 'joined' : 'waitlisted';
      return data.meError ? 'error' : 'loading';
    }
    return data.community.joinState === 'closed' ? 'full' : 'form';
  }

  // ---------------------------------------------------------------------------------------
  // Actions (each only on a user gesture)
  // ---------------------------------------------------------------------------------------

  #retry = async (): Promise<void> => {
    if (this._retrying) return;
    this._retrying = true;
    const ok = await this.#data.retry();
    this._retrying = false;
    void this.focusAfterUpdate(ok ? '#title' : '#retry');
  };

  #onInput = (e: Event): void => {
    this.#idempotencyKey = undefined; // a changed form is a new join
    this._left = false;
    const field = fieldOf(e.target);
    if (field && this._fieldErrors[field]) {
      const { [field]: _fixed, ...rest } = this._fieldErrors;
      this._fieldErrors = rest;
    }
  };

  #onSubmit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const data = this.#data;
    const community = data.community;
    const backend = data.backend;
    const slug = this.community?.trim();
    if (this._busy || !community || !backend || !slug) return;
    const t = this.localize.term;
    const { displayName, email, errors } = readForm(e.currentTarget as HTMLFormElement, t);
    this._fieldErrors = errors;
    this._submitError = undefined;
    if (Object.keys(errors).length > 0) return this.#focusFirstInvalid();
    if (!this.emit(new CercleJoinRequestEvent({ community: slug }))) return;

    this._busy = true;
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
      this._left = false;
      const { member, token } = result;
      const status = result.waitlisted ? 'waitlisted' : member.status;
      const session: MemberSession = { token, memberId: member.id, status };
      // Show the member at once; their invites follow (`me`).
      void data.loadMe(session, { member: { ...member, status }, invites: [] });
      data.setSession(session);
      this.#live.announce(
        status === 'active'
          ? t.joinedAnnouncement(community.name)
          : t.waitlistedAnnouncement(community.name, member.waitlistPosition),
      );
      this.emit(new CercleJoinEvent({ community: slug, memberId: member.id, status }));
      void data.loadCommunity(true);
      void this.focusAfterUpdate('#status-title');
    } catch (err) {
      const issues = fieldIssues(err);
      if (issues.length > 0) {
        const { errors: fromBackend, unmatched } = fieldErrorsFrom(issues, t);
        this._fieldErrors = fromBackend;
        if (unmatched) this._submitError = { kind: 'http', code: 'validation_failed', status: 400 };
        await this.#focusFirstInvalid();
      } else if (hasCode(err, 'community_full')) {
        data.community = { ...community, joinState: 'closed' };
        this.#live.announce(t.full);
        void this.focusAfterUpdate('#status-title');
      } else {
        this._submitError = err;
        this.#live.announce(errorMessage(err, t));
      }
    } finally {
      this._busy = false;
    }
  };

  async #focusFirstInvalid(): Promise<void> {
    const first = FIELDS.find((f) => this._fieldErrors[f]);
    if (first) await this.focusAfterUpdate(`#${FIELD_IDS[first]}`);
  }

  #askLeave = (): void => {
    this._confirming = true;
    this._leaveError = undefined;
    void this.focusAfterUpdate('#cancel');
  };

  #cancelLeave = (): void => {
    this._confirming = false;
    void this.focusAfterUpdate('#leave');
  };

  #leave = async (): Promise<void> => {
    const data = this.#data;
    const backend = data.backend;
    const slug = this.community?.trim();
    const session = data.session;
    if (this._busy || !backend || !slug || !session || !data.community) return;
    this._busy = true;
    this._leaveError = undefined;
    try {
      await backend.api.leave(slug, { token: session.token });
    } catch (err) {
      if (!isUnauthorized(err)) {
        // Still a member: say why, keep the confirmation open.
        this._busy = false;
        this._leaveError = err;
        this.#live.announce(errorMessage(err, this.localize.term));
        return;
      }
      // 401: the backend already forgot this member; forget the token too.
    }
    this._busy = this._confirming = false;
    this._left = true;
    data.setSession(null);
    this.#live.announce(this.localize.term.leftCircle);
    this.emit(new CercleLeaveEvent({ community: slug, memberId: session.memberId }));
    void data.loadCommunity(true);
    void this.focusAfterUpdate('#name, #status-title');
  };

  // ---------------------------------------------------------------------------------------
  // Rendering
  // ---------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.localize.term;
    const view = this.#view();
    const content = this.#renderContent(view, t);
    const button = this.variant === 'button';
    const who = view === 'joined' ? 'member' : view === 'waitlisted' ? 'waitlisted' : 'visitor';
    return html`
      <div part="base" class="base ${button ? '' : 'surface'}" lang=${t.$code} dir=${t.$dir}>
        ${button ? this.#popover.render(who, this.#data.community, t, content) : content}
        ${this.#live.render()}
      </div>
    `;
  }

  #renderContent(view: View, t: Terms): TemplateResult {
    const data = this.#data;
    switch (view) {
      case 'missing':
        return renderProblem(t.errorMissingCommunity);
      case 'no-api':
        return renderProblem(t.errorNoApi);
      case 'loading':
        return renderSkeleton(t);
      case 'error': {
        const error = data.loadError ?? data.meError;
        return renderProblem(
          errorMessage(error, t),
          isRetryable(error)
            ? { label: t.retry, busy: this._retrying, onClick: () => void this.#retry() }
            : undefined,
        );
      }
      default: {
        const community = data.community!;
        return html`
          <div class="content">
            ${renderHeader(community, t)}
            <div part="body" class="body">${this.#renderBody(view, community, t)}</div>
          </div>
        `;
      }
    }
  }

  #renderBody(view: View, community: Community, t: Terms): TemplateResult {
    if (view === 'full') return renderFull(t);
    if (view === 'joined' || view === 'waitlisted') {
      const data = this.#data;
      const member: MemberView = {
        community,
        me: data.me!,
        t,
        loading: data.meLoading,
        meError: data.meError,
        confirming: this._confirming,
        leaveError: this._leaveError,
        busy: this._busy,
        onRetry: () => void this.#retry(),
        onAskLeave: this.#askLeave,
        onCancelLeave: this.#cancelLeave,
        onLeave: () => void this.#leave(),
      };
      return view === 'joined' ? renderJoined(member) : renderWaitlisted(member);
    }
    return renderForm({
      community,
      t,
      errors: this._fieldErrors,
      submitError: this._submitError,
      busy: this._busy,
      left: this._left,
      onSubmit: (e) => void this.#onSubmit(e),
      onInput: this.#onInput,
    });
  }
}
