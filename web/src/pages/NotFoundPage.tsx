import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { AppLink } from '../components/AppLink.tsx';
import { paths } from '../components/links.ts';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useI18n } from '../hooks/useI18n.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('app.error.notFound'));
  return (
    <>
      <Heading level={1}>{t('app.error.notFound')}</Heading>
      <Paragraph>
        <AppLink to={paths.overview()}>{t('nav.overview')}</AppLink>
      </Paragraph>
    </>
  );
}
