import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import {
  Alert,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Textbox,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import type { Role } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { paths, safeNextPath } from '../../components/links.ts';
import { LoadingState } from '../../components/States.tsx';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';
import { useSession } from '../../hooks/useSession.ts';

/** Where a role starts after logging in, unless it came from a page that asked for the login. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'mah':
      return paths.myNotifications();
    case 'analyst':
    case 'coordinator':
    case 'admin':
      return paths.triage();
    case 'policy':
      return paths.lateReport();
    case 'wholesaler':
      return paths.shortages();
  }
}

type LoginProblem =
  | { readonly kind: 'fields'; readonly email: boolean; readonly password: boolean }
  | { readonly kind: 'credentials' }
  | { readonly kind: 'rateLimited'; readonly minutes: number | null }
  | { readonly kind: 'other'; readonly message: string };

export function LoginPage() {
  const { t } = useI18n();
  useDocumentTitle(t('auth.login.title'));
  const { state, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const expired = params.get('expired') === 'true';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<LoginProblem | null>(null);
  const emailId = useId();
  const passwordId = useId();
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem !== null) alertRef.current?.focus();
  }, [problem]);

  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'authenticated' && !busy) {
    return <Navigate to={next ?? homeOf(state.session.user.role)} replace />;
  }

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const missingEmail = email.trim() === '';
    const missingPassword = password === '';
    if (missingEmail || missingPassword) {
      setProblem({ kind: 'fields', email: missingEmail, password: missingPassword });
      return;
    }
    setBusy(true);
    setProblem(null);
    login(email.trim(), password).then(
      (session) => {
        setBusy(false);
        void navigate(next ?? homeOf(session.user.role), { replace: true });
      },
      (error: unknown) => {
        setBusy(false);
        setPassword('');
        if (error instanceof ApiError && error.status === 401) setProblem({ kind: 'credentials' });
        else if (error instanceof ApiError && error.status === 429) {
          const seconds = error.retryAfterSeconds;
          setProblem({
            kind: 'rateLimited',
            minutes: seconds === null ? null : Math.max(1, Math.ceil(seconds / 60)),
          });
        } else {
          setProblem({
            kind: 'other',
            message: error instanceof Error ? error.message : String(error),
          });
        }
      },
    );
  };

  const fieldProblem = problem?.kind === 'fields' ? problem : null;
  return (
    <div className="ms-login">
      <Heading level={1}>{t('auth.login.title')}</Heading>
      <Paragraph className="ms-muted">{t('auth.login.lead')}</Paragraph>
      {expired && problem === null ? (
        <Alert type="info">
          <Paragraph>{t('auth.login.expired')}</Paragraph>
        </Alert>
      ) : null}
      {problem !== null && problem.kind !== 'fields' ? (
        <div tabIndex={-1} ref={alertRef} className="ms-alert-focus">
          <Alert type="error" role="alert">
            <Paragraph>
              {problem.kind === 'credentials'
                ? t('auth.login.wrongCredentials')
                : problem.kind === 'rateLimited'
                  ? problem.minutes === null
                    ? t('auth.login.rateLimitedUnknown')
                    : t('auth.login.rateLimited', { minutes: problem.minutes })
                  : t('auth.login.failed', { message: problem.message })}
            </Paragraph>
          </Alert>
        </div>
      ) : null}
      <form className="ms-form ms-login__form" onSubmit={submit} noValidate>
        <FormField invalid={fieldProblem?.email === true}>
          <FormLabel htmlFor={emailId}>{t('auth.login.email')}</FormLabel>
          {fieldProblem?.email === true ? (
            <FormFieldErrorMessage id={`${emailId}-error`}>
              {t('form.error.required')}
            </FormFieldErrorMessage>
          ) : null}
          <Textbox
            id={emailId}
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            invalid={fieldProblem?.email === true}
            aria-describedby={fieldProblem?.email === true ? `${emailId}-error` : undefined}
            onChange={(event) => {
              setEmail(event.target.value);
            }}
            data-testid="login-email"
          />
        </FormField>
        <FormField invalid={fieldProblem?.password === true}>
          <FormLabel htmlFor={passwordId}>{t('auth.login.password')}</FormLabel>
          {fieldProblem?.password === true ? (
            <FormFieldErrorMessage id={`${passwordId}-error`}>
              {t('form.error.required')}
            </FormFieldErrorMessage>
          ) : null}
          <Textbox
            id={passwordId}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            invalid={fieldProblem?.password === true}
            aria-describedby={fieldProblem?.password === true ? `${passwordId}-error` : undefined}
            onChange={(event) => {
              setPassword(event.target.value);
            }}
            data-testid="login-password"
          />
        </FormField>
        <div className="ms-form__actions">
          <Button type="submit" purpose="primary" disabled={busy} data-testid="login-submit">
            {busy ? t('auth.login.busy') : t('auth.login.submit')}
          </Button>
        </div>
      </form>
      <Paragraph className="ms-note">
        {t('auth.login.publicNote')} <AppLink to={paths.shortages()}>{t('nav.shortages')}</AppLink>.
      </Paragraph>
    </div>
  );
}
