/**
 * Which screens exist, who may open them (by permission) and where their code is: the shell
 * lazily imports a screen's module the first time its route opens. The navigation follows
 * this order and shows what `navFor(permissions)` returns.
 */
import type { Permission } from '@cercle/client/contract';
import type { RouteName } from './screen.js';

export type ScreenName = Exclude<RouteName, 'accept'>;

export interface ScreenDef {
  /** Who may open it. */
  allowed: (p: readonly string[]) => boolean;
  /** Shown in the navigation (default: when allowed). */
  inNav?: (p: readonly string[]) => boolean;
  load: () => Promise<unknown>;
}

const has = (p: readonly string[], ...any: Permission[]) => any.some((x) => p.includes(x));

/** Every screen: who may open it, and its module. The navigation follows this order. */
export const SCREENS: Readonly<Record<ScreenName, ScreenDef>> = {
  sessions: {
    allowed: (p) => has(p, 'moderate', 'sessions'),
    load: () => import('./screens/sessions.js'),
  },
  live: {
    allowed: (p) => has(p, 'moderate', 'sessions'),
    inNav: () => false,
    load: () => import('./screens/live.js'),
  },
  testimonials: {
    allowed: (p) => has(p, 'moderate'),
    load: () => import('./screens/testimonials.js'),
  },
  reports: { allowed: (p) => has(p, 'moderate'), load: () => import('./screens/reports.js') },
  offers: {
    allowed: (p) => has(p, 'offers', 'insights'),
    load: () => import('./screens/offers.js'),
  },
  kpis: { allowed: (p) => has(p, 'insights'), load: () => import('./screens/kpis.js') },
  // Any host may read the settings (and copy the embed snippet); only owners see it in the
  // navigation, and only `settings` may change it.
  settings: {
    allowed: (p) => has(p, 'read'),
    inNav: (p) => has(p, 'settings'),
    load: () => import('./screens/settings.js'),
  },
  team: { allowed: (p) => has(p, 'team'), load: () => import('./screens/team.js') },
  webhooks: { allowed: (p) => has(p, 'webhooks'), load: () => import('./screens/webhooks.js') },
  audit: { allowed: (p) => has(p, 'audit'), load: () => import('./screens/audit.js') },
};

const SCREEN_ORDER = Object.keys(SCREENS) as ScreenName[];

/** The screens in the navigation for these permissions. */
export function navFor(permissions: readonly string[]): ScreenName[] {
  return SCREEN_ORDER.filter((name) => {
    const def = SCREENS[name];
    return def.allowed(permissions) && (def.inNav ? def.inNav(permissions) : true);
  });
}
