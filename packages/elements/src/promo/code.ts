/**
 * The member's side of `<cercle-promo>`: the revealed code, the copy button (the Clipboard
 * API, else the code selected for Ctrl+C / ⌘C) and until when the code works.
 */
import {
  html,
  nothing,
  svg,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import type { OfferReveal } from '@cercle/client/contract';
import { checkIcon } from '../internal/icons.js';
import { glyph, type Terms } from './teaser.js';

const copyIcon = (): TemplateResult =>
  glyph(
    svg`<rect x="8.5" y="8.5" width="11" height="11" rx="2"></rect><path d="M15.5 8.5V6a1.5 1.5 0 0 0-1.5-1.5H6A1.5 1.5 0 0 0 4.5 6v8A1.5 1.5 0 0 0 6 15.5h2.5"></path>`,
  );

export interface CodeView {
  reveal: OfferReveal;
  t: Terms;
  /** Just revealed by a click: the code comes in with an animation. */
  animate: boolean;
  copied: boolean;
  /** The clipboard refused: the code is selected, say how to copy it. */
  copyManual: boolean;
  onCopy: () => void;
}

export function renderCode(v: CodeView): TemplateResult {
  const { t } = v;
  return html`
    <div class="revealed ${v.animate ? 'enter' : ''}">
      <p class="code-label" id="code-label">${t.promoCodeLabel}</p>
      <div class="code-row">
        <p part="code" class="code" id="code" tabindex="-1">${v.reveal.code}</p>
        <button
          part="button copy-button"
          class="button button-secondary copy"
          id="copy"
          type="button"
          aria-describedby="code-label code"
          @click=${v.onCopy}
        >
          ${v.copied ? html`${checkIcon()}${t.promoCopied}` : html`${copyIcon()}${t.promoCopy}`}
        </button>
      </div>
      ${
        v.copyManual
          ? html`<p part="hint" class="hint hint-manual">${t.promoCopyManually}</p>`
          : nothing
      }
      <p part="hint" class="hint">${t.promoValidUntil(new Date(v.reveal.expiresAt))}</p>
    </div>
  `;
}

/** Copies `code`: `clipboard` when the Clipboard API took it, else `selection` (refused). */
async function copyCode(code: string): Promise<'clipboard' | 'selection'> {
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no Clipboard API');
    await navigator.clipboard.writeText(code);
    return 'clipboard';
  } catch {
    return 'selection';
  }
}

/** Selects the code in `root`, for Ctrl+C / ⌘C. */
function selectCode(root: ParentNode): void {
  const box = root.querySelector<HTMLElement>('#code');
  const selection = document.getSelection();
  if (!box || !selection) return;
  const range = document.createRange();
  range.selectNodeContents(box);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** How long "Copied" stays on the button. */
const COPIED_MS = 2000;

/**
 * Copying the code: "Copied" on the button for a moment when the clipboard took it, else
 * the code selected and a hint to copy it by hand.
 */
export class CodeCopy implements ReactiveController {
  copied = false;
  /** The clipboard refused: the code is selected, the hint says how to copy it. */
  manual = false;
  readonly #host: ReactiveControllerHost & { renderRoot: ParentNode };
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost & { renderRoot: ParentNode }) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  reset(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.copied = this.manual = false;
  }

  /** Copies `code`; resolves with how (`clipboard`, or `selection` once it is selected). */
  async copy(code: string): Promise<'clipboard' | 'selection'> {
    const method = await copyCode(code);
    this.reset();
    if (method === 'clipboard') {
      this.copied = true;
      this.#timer = setTimeout(() => {
        this.copied = false;
        this.#timer = undefined;
        this.#host.requestUpdate();
      }, COPIED_MS);
    } else {
      this.manual = true;
    }
    this.#host.requestUpdate();
    if (method === 'selection') {
      await this.#host.updateComplete;
      selectCode(this.#host.renderRoot);
    }
    return method;
  }
}
