/**
 * Labels of the stock pages (pack stock, cover, holder compliance, the non-compliance report and
 * the policy analysis), in Dutch and English. Kept apart from messages.ts so each group of pages
 * owns its labels; messages.ts merges them, and the English keys must equal the Dutch ones.
 */
export const stockMessagesNl = {
  'nav.stock': 'Voorraad',
} as const;

export const stockMessagesEn: Readonly<Record<keyof typeof stockMessagesNl, string>> = {
  'nav.stock': 'Stock',
};
