/** How a check is written: `check('area.topic.what', 'what the backend must do', async (ctx) => …)`. */
import type { Context } from '../context.js';
import type { Check } from '../types.js';

export const check = (id: string, title: string, run: (ctx: Context) => Promise<void>): Check => ({
  id,
  title,
  run,
});
