import { useEffect } from 'react';
import { useI18n } from './useI18n.ts';

/** Sets the browser tab's title to "<page> – medsupply" (WCAG 2.4.2). */
export function useDocumentTitle(page: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = t('app.documentTitle', { page });
  }, [page, t]);
}
