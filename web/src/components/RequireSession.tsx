import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Alert } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Role, Session } from '../api/types.ts';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { useSession } from '../hooks/useSession.ts';
import { AppLink } from './AppLink.tsx';
import { paths } from './links.ts';
import { LoadingState } from './States.tsx';

/**
 * Shows its page only to a logged-in user with one of the roles: a visitor who is not logged in
 * goes to the login page (and comes back after it), a user with another role reads why not.
 */
export function RequireSession({
  roles,
  children,
}: {
  /** The roles that may see the page; undefined for any logged-in user. */
  readonly roles?: readonly Role[];
  readonly children: (session: Session) => ReactNode;
}) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'anonymous') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={paths.login(next, state.expired)} replace />;
  }
  if (roles !== undefined && !roles.includes(state.session.user.role)) {
    return <NotAllowed session={state.session} roles={roles} />;
  }
  return <>{children(state.session)}</>;
}

function NotAllowed({
  session,
  roles,
}: {
  readonly session: Session;
  readonly roles: readonly Role[];
}) {
  const { t } = useI18n();
  useDocumentTitle(t('auth.notAllowed.title'));
  return (
    <>
      <Heading level={1}>{t('auth.notAllowed.title')}</Heading>
      <Alert type="warning" role="alert">
        <Paragraph>
          {t('auth.notAllowed.body', {
            role: t(`role.${session.user.role}`),
            roles: roles.map((role) => t(`role.${role}`)).join(', '),
          })}
        </Paragraph>
      </Alert>
      <Paragraph>
        <AppLink to={paths.overview()}>{t('nav.overview')}</AppLink>
      </Paragraph>
    </>
  );
}
