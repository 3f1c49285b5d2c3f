import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../hooks/useI18n.ts';
import { useSession } from '../hooks/useSession.ts';
import { AppLink } from './AppLink.tsx';
import { paths } from './links.ts';

/**
 * The header's account corner: a login link for visitors; for a logged-in user a disclosure
 * button with their name that shows organisation, role and the logout button. A disclosure, not
 * an ARIA menu: its content is text and one button, reached with Tab; Escape closes it.
 */
export function UserMenu() {
  const { t } = useI18n();
  const { state, logout } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (rootRef.current !== null && !rootRef.current.contains(event.target as Node))
        setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (state.status === 'loading') return null;
  if (state.status === 'anonymous') {
    return (
      <AppLink to={paths.login()} className="ms-account__login" data-testid="login-link">
        <PersonIcon />
        {t('auth.login.link')}
      </AppLink>
    );
  }

  const { user, organisation } = state.session;
  return (
    <div className="ms-account" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="ms-account__button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="user-menu"
        onClick={() => {
          setOpen((value) => !value);
        }}
      >
        <PersonIcon />
        <span className="ms-account__name">{user.displayName}</span>
        <span className="ms-visually-hidden">{t('auth.menu.description')}</span>
      </button>
      <div id={panelId} className="ms-account__panel" hidden={!open}>
        <dl className="ms-account__facts">
          <div>
            <dt>{t('auth.menu.name')}</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div>
            <dt>{t('auth.menu.email')}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t('auth.menu.organisation')}</dt>
            <dd data-testid="user-organisation">{organisation?.name ?? t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('auth.menu.role')}</dt>
            <dd data-testid="user-role">{t(`role.${user.role}`)}</dd>
          </div>
        </dl>
        <button
          type="button"
          className="ms-account__logout"
          disabled={busy}
          data-testid="logout"
          onClick={() => {
            setBusy(true);
            logout()
              .catch(() => undefined)
              .finally(() => {
                setBusy(false);
                setOpen(false);
                void navigate(paths.overview());
              });
          }}
        >
          {t('auth.logout')}
        </button>
      </div>
    </div>
  );
}

function PersonIcon() {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <circle cx="10" cy="7" r="3.4" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path
        d="M3.5 17.5c.8-3.4 3.4-5.2 6.5-5.2s5.7 1.8 6.5 5.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
