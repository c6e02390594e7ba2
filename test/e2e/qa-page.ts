/** The live Q&A board of the playground's product page, as a member sees and uses it (playwright). */
import type { Locator, Page } from 'playwright-core';

export const WAIT = { timeout: 15_000 };

export const visible = (locator: Locator, timeout = WAIT.timeout) =>
  locator.waitFor({ state: 'visible', timeout });

/** The board on the product page and its parts (playwright pierces shadow roots). */
export function board(page: Page) {
  const widget = page.locator('cercle-qa');
  const item = (text: string) => widget.getByRole('listitem').filter({ hasText: text });
  return {
    widget,
    item,
    vote: (text: string) => item(text).getByRole('button', { name: /^Vote for this question/ }),
    question: widget.getByRole('textbox', { name: 'Your question' }),
    ask: widget.getByRole('button', { name: 'Ask', exact: true }),
    joinToAsk: widget.getByRole('button', { name: 'Join to ask and vote' }),
    showNew: widget.getByRole('button', { name: /new — show|New order — show/ }),
    reconnecting: widget.getByText(/Reconnecting/),
  };
}

/** A join card's parts: the page's own card, or the one the board opens. */
export function joinCard(card: Locator) {
  return {
    name: card.getByRole('textbox', { name: /display name/i }),
    consent: card.getByRole('checkbox'),
    join: card.getByRole('button', { name: /join the circle/i }),
  };
}

export async function joinWith(card: Locator, name: string): Promise<void> {
  const ui = joinCard(card);
  await visible(ui.name);
  await ui.name.fill(name);
  await ui.consent.check();
  await ui.join.click();
}

/**
 * Waits until the board shows `text`. A reader busy in the list gets new questions and
 * new orders behind "N new — show" (so nothing jumps under them): they press it, as a
 * reader would.
 */
export async function seeQuestion(page: Page, text: string, timeout = WAIT.timeout): Promise<void> {
  const ui = board(page);
  const deadline = Date.now() + timeout;
  while (!(await ui.item(text).isVisible())) {
    if (Date.now() > deadline) throw new Error(`the board never showed "${text}"`);
    // The button may go by itself (the reader left the list): then there is nothing to press.
    if (await ui.showNew.isVisible()) await ui.showNew.click({ timeout: 1000 }).catch(() => {});
    await page.waitForTimeout(100);
  }
}
