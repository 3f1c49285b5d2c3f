import { createContext } from 'react';
import type { Lang } from '../api/types.ts';
import type { Formatters } from './format.ts';

export interface I18n extends Formatters {
  readonly setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n | null>(null);
