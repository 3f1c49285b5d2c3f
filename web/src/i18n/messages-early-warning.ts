/**
 * Labels of the early-warning pages (the watchlist and the site-failure scenario), in Dutch and
 * English. Kept apart from messages.ts so each group of pages owns its labels; messages.ts merges them, and the English keys must equal the Dutch ones.
 */
export const earlyWarningMessagesNl = {
  'nav.watchlist': 'Signaleringslijst',
} as const;

export const earlyWarningMessagesEn: Readonly<Record<keyof typeof earlyWarningMessagesNl, string>> =
  {
    'nav.watchlist': 'Watchlist',
  };
