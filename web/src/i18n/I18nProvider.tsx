import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from '../api/types.ts';
import { I18nContext } from './context.ts';
import { createFormatters } from './format.ts';
import { messages } from './messages.ts';

const STORAGE_KEY = 'medsupply.lang';

function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    // Storage can be blocked (private mode, policies): Dutch is the default then.
  }
  return 'nl';
}

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
    try {
      window.localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Not persisting is acceptable; the choice holds for this page view.
    }
  }, [lang]);

  const value = useMemo(() => ({ ...createFormatters(lang, messages[lang]), setLang }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
