/** `clipboard`: written with the Clipboard API; `selection`: selected for Ctrl+C / ⌘C. */
export type CercleCopyMethod = 'clipboard' | 'selection';

export interface CercleCopyDetail {
  /** The community's slug. */
  community: string;
  /** The offer's id. */
  offer: string;
  /** How the code was copied (the clipboard refused: selected for the member to copy). */
  method: CercleCopyMethod;
}

/**
 * Fired by `<cercle-promo>` when the member pressed "Copy". The detail does not carry the
 * code. Bubbles and is composed; fired only on a user action.
 */
export class CercleCopyEvent extends Event {
  /** What happened: see the detail type. */
  readonly detail: CercleCopyDetail;

  constructor(detail: CercleCopyDetail) {
    super('cercle-copy', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cercle-copy': CercleCopyEvent;
  }
}
