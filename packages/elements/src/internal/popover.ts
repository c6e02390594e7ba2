/**
 * The one floating-ui wrapper (STYLE.md §13). Every widget that floats something (the join
 * prompt, later tooltips) opens it through `openPopover`, and loads this module with
 * `import()` when it first needs it, so pages that never open a popover never pay for
 * @floating-ui/dom.
 *
 * The panel goes to the top layer with the Popover API when the browser has it (give it
 * `popover="manual"`), so no `overflow: hidden` or `z-index` of the host page can clip it;
 * otherwise it is shown by removing `hidden`. It is positioned with `strategy: 'fixed'`
 * (right for the top layer and for shadow-DOM offset parents) and kept in place by
 * `autoUpdate` until the returned function closes it.
 */
import {
  autoUpdate,
  computePosition,
  flip,
  offset,
  shift,
  size,
  type Placement,
} from '@floating-ui/dom';

export interface PopoverOptions {
  /** Where the panel goes relative to the anchor. Default `bottom-start`. */
  placement?: Placement;
  /** Gap between anchor and panel, in px. Default 8. */
  distance?: number;
  /** Smallest gap kept to the viewport's edges, in px. Default 8. */
  padding?: number;
}

/** Whether the Popover API (top layer) is available for `el`. */
export const hasPopoverApi = (el: HTMLElement): boolean =>
  typeof el.showPopover === 'function' && el.hasAttribute('popover');

/**
 * Shows `panel` next to `anchor` and keeps it there. Returns `close`, which hides the panel
 * and stops positioning (call it on close and on disconnect; calling it twice is harmless).
 */
export function openPopover(
  anchor: HTMLElement,
  panel: HTMLElement,
  { placement = 'bottom-start', distance = 8, padding = 8 }: PopoverOptions = {},
): () => void {
  const topLayer = hasPopoverApi(panel);
  if (topLayer) {
    if (!panel.matches(':popover-open')) panel.showPopover();
  } else {
    panel.hidden = false;
  }

  const update = (): void => {
    void computePosition(anchor, panel, {
      strategy: 'fixed',
      placement,
      middleware: [
        offset(distance),
        flip({ padding }),
        shift({ padding }),
        size({
          padding,
          apply({ availableWidth, availableHeight }) {
            panel.style.setProperty('--cercle-popover-available-width', `${availableWidth}px`);
            panel.style.setProperty('--cercle-popover-available-height', `${availableHeight}px`);
          },
        }),
      ],
    }).then(({ x, y, placement: actual }) => {
      panel.style.left = `${x}px`;
      panel.style.top = `${y}px`;
      panel.dataset.placement = actual;
    });
  };

  const stop = autoUpdate(anchor, panel, update);
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    stop();
    if (topLayer) {
      if (panel.matches(':popover-open')) panel.hidePopover();
    } else {
      panel.hidden = true;
    }
  };
}
