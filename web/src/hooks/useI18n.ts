import { useContext } from 'react';
import { I18nContext, type I18n } from '../i18n/context.ts';

/** The current language's labels and number, country and name formatting. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error('useI18n is used outside <I18nProvider>');
  return i18n;
}
