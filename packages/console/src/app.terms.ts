/** The shell's terms (en, fr). */
import type { Dictionary } from './i18n.js';
import type { ScreenName } from './routes.js';

export type Theme = 'auto' | 'light' | 'dark';

const en = {
  skip: 'Skip to content',
  console: 'Host console',
  nav: 'Console',
  menu: 'Menu',
  language: 'Language',
  theme: 'Theme',
  themes: { auto: 'System', light: 'Light', dark: 'Dark' } as Record<Theme, string>,
  signOut: 'Sign out',
  signedOut: 'Signed out. The key was removed from this tab.',
  signedIn: (name: string, community: string) => `Signed in as ${name} on ${community}.`,
  revoked: 'Your key is no longer valid (revoked, or the account was removed). Sign in again.',
  starting: 'Opening the console…',
  unreachable: (api: string) => `The API at ${api} could not be reached.`,
  archived: 'This community is archived: the public no longer sees it and nobody can join.',
  roles: { owner: 'Owner', moderator: 'Moderator', analyst: 'Analyst' } as Record<string, string>,
  screens: {
    sessions: 'Live sessions',
    live: 'Live session',
    testimonials: 'Testimonials',
    reports: 'Reports',
    offers: 'Offers',
    kpis: 'KPIs',
    settings: 'Settings',
    team: 'Team',
    webhooks: 'Webhooks',
    audit: 'Audit log',
  } as Record<ScreenName, string>,
  notFound: 'Page not found',
  notFoundText: 'This address does not match any screen of the console.',
  notAllowed: 'Not available to your role',
  notAllowedText: 'Your role does not include this screen. An owner can change your role.',
  backHome: 'Go to the first screen',
  dismiss: 'Dismiss',
};

export const shellTerms = {
  en,
  fr: {
    skip: 'Aller au contenu',
    console: 'Console d’hôte',
    nav: 'Console',
    menu: 'Menu',
    language: 'Langue',
    theme: 'Thème',
    themes: { auto: 'Système', light: 'Clair', dark: 'Sombre' },
    signOut: 'Se déconnecter',
    signedOut: 'Déconnecté. La clé a été retirée de cet onglet.',
    signedIn: (name: string, community: string) => `Connecté en tant que ${name} sur ${community}.`,
    revoked:
      'Votre clé n’est plus valide (révoquée, ou le compte a été supprimé). Reconnectez-vous.',
    starting: 'Ouverture de la console…',
    unreachable: (api: string) => `L’API à l’adresse ${api} est injoignable.`,
    archived:
      'Cette communauté est archivée : le public ne la voit plus et personne ne peut la rejoindre.',
    roles: { owner: 'Propriétaire', moderator: 'Modérateur', analyst: 'Analyste' },
    screens: {
      sessions: 'Sessions live',
      live: 'Session live',
      testimonials: 'Témoignages',
      reports: 'Signalements',
      offers: 'Offres',
      kpis: 'Indicateurs',
      settings: 'Réglages',
      team: 'Équipe',
      webhooks: 'Webhooks',
      audit: 'Journal d’audit',
    },
    notFound: 'Page introuvable',
    notFoundText: 'Cette adresse ne correspond à aucun écran de la console.',
    notAllowed: 'Non disponible pour votre rôle',
    notAllowedText:
      'Votre rôle ne donne pas accès à cet écran. Un propriétaire peut changer votre rôle.',
    backHome: 'Aller au premier écran',
    dismiss: 'Fermer',
  },
} satisfies Dictionary<typeof en>;
