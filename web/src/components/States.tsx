import { Button } from '@nl-design-system-candidate/button-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Alert } from '@utrecht/component-library-react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../hooks/useI18n.ts';

export function LoadingState() {
  const { t } = useI18n();
  return (
    <div className="ms-loading" role="status" aria-live="polite">
      <span className="ms-loading__spinner" aria-hidden="true" />
      {t('app.loading')}
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
  notFound,
}: {
  readonly error: Error;
  readonly onRetry?: () => void;
  /** The message to show when the API answered 404. */
  readonly notFound?: string;
}) {
  const { t } = useI18n();
  // A detail page asked for something that does not exist (404) or cannot exist (400: a
  // malformed ATC or country code in the address): both mean "not found" to the reader.
  const is404 =
    notFound !== undefined &&
    error instanceof ApiError &&
    (error.status === 404 || error.status === 400);
  return (
    <Alert type={is404 ? 'warning' : 'error'} role="alert">
      <Paragraph>
        <strong>{is404 ? t('app.error.notFound') : t('app.error.title')}</strong>
      </Paragraph>
      <Paragraph>{is404 ? notFound : error.message}</Paragraph>
      {onRetry !== undefined && !is404 ? (
        <Button purpose="secondary" onClick={onRetry}>
          {t('app.error.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}
