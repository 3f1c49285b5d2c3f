import { SkipLink } from '@nl-design-system-candidate/skip-link-react';
import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { api } from '../api/client.ts';
import { AUTHORITY_ROLES, type Role } from '../api/types.ts';
import { useApi } from '../hooks/useApi.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { useSession } from '../hooks/useSession.ts';
import { AppLink } from './AppLink.tsx';
import { paths } from './links.ts';
import { SearchForm } from './SearchForm.tsx';
import { UserMenu } from './UserMenu.tsx';

function BrandMark() {
  // A neutral mark of our own: a capsule over a supply line. Not a government logo.
  return (
    <svg
      className="ms-brand__mark"
      viewBox="0 0 40 40"
      width="40"
      height="40"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="1" y="1" width="38" height="38" rx="9" fill="currentColor" opacity="0.14" />
      <rect
        x="8"
        y="13"
        width="24"
        height="11"
        rx="5.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
      />
      <path d="M20 13v11" stroke="currentColor" strokeWidth="2.2" />
      <path d="M7 31h26" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      <circle cx="13" cy="31" r="2.4" fill="currentColor" />
      <circle cx="27" cy="31" r="2.4" fill="currentColor" />
    </svg>
  );
}

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const other = lang === 'nl' ? 'en' : 'nl';
  return (
    <button
      type="button"
      className="ms-lang-switch"
      lang={other}
      onClick={() => {
        setLang(other);
      }}
      aria-label={t('lang.switchDescription')}
      data-testid="language-switch"
    >
      <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
        <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path
          d="M2 10h16M10 2c2.5 2.6 2.5 13.4 0 16M10 2c-2.5 2.6-2.5 13.4 0 16"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.4"
        />
      </svg>
      {t('lang.switchTo')}
    </button>
  );
}

/** Who sees which Meldpunt pages in the menu (the pages check again: RequireSession). */
const TRIAGE_ROLES: readonly Role[] = ['analyst', 'coordinator', 'policy', 'admin'];
const LATE_REPORT_ROLES: readonly Role[] = ['analyst', 'policy', 'admin'];
/** The watchlist and the scenarios are for the authorities (AUTHORITY_ROLES). */
const EARLY_WARNING_ROLES: readonly Role[] = AUTHORITY_ROLES;

function MainNav() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const { state } = useSession();
  const role = state.status === 'authenticated' ? state.session.user.role : null;
  const onNotification = /^\/notifications\/\d+/.test(pathname);
  const items = [
    { to: paths.overview(), label: t('nav.overview'), current: pathname === '/' },
    {
      to: paths.vulnerability(),
      label: t('nav.vulnerability'),
      current: pathname.startsWith('/vulnerability'),
    },
    {
      to: paths.shortages(),
      label: t('nav.shortages'),
      current: pathname.startsWith('/shortages'),
    },
    ...(role === 'mah'
      ? [
          {
            to: paths.myNotifications(),
            label: t('nav.myNotifications'),
            current:
              pathname.startsWith('/my-notifications') ||
              pathname.startsWith('/notifications/new') ||
              onNotification,
          },
        ]
      : []),
    ...(role !== null && TRIAGE_ROLES.includes(role)
      ? [
          {
            to: paths.triage(),
            label: t('nav.triage'),
            current: pathname === '/notifications' || onNotification,
          },
        ]
      : []),
    ...(role !== null && LATE_REPORT_ROLES.includes(role)
      ? [
          {
            to: paths.lateReport(),
            label: t('nav.lateReport'),
            current: pathname.startsWith('/late-notifications'),
          },
        ]
      : []),
    ...(role !== null && EARLY_WARNING_ROLES.includes(role)
      ? [
          {
            to: paths.watchlist(),
            label: t('nav.watchlist'),
            // The scenario is reached from the watchlist, so the menu keeps one item for both.
            current: pathname.startsWith('/watchlist') || pathname.startsWith('/scenarios/'),
          },
        ]
      : []),
    ...(role !== null && AUTHORITY_ROLES.includes(role)
      ? [
          {
            to: paths.stockCover(),
            label: t('nav.stock'),
            // Cover, a pack's stock and compliance are one area: the menu keeps one item for all.
            current:
              pathname === '/stock' ||
              pathname.startsWith('/packs/') ||
              pathname.startsWith('/holders/') ||
              pathname.startsWith('/stock-obligation'),
          },
          { to: paths.policy(), label: t('nav.policy'), current: pathname.startsWith('/policy') },
        ]
      : []),
    { to: paths.search(), label: t('nav.search'), current: pathname.startsWith('/search') },
  ];
  return (
    <nav className="ms-nav" aria-label={t('nav.label')}>
      <ul className="ms-nav__list">
        {items.map((item) => (
          <li key={item.to} className="ms-nav__item">
            <AppLink
              to={item.to}
              className="ms-nav__link"
              current={item.current ? 'page' : undefined}
            >
              {item.label}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Footer() {
  const { t } = useI18n();
  const health = useApi('health', (signal) => api.health(signal));
  return (
    <footer className="ms-footer" aria-label={t('footer.label')}>
      <div className="ms-container ms-footer__inner">
        <p className="ms-footer__text">{t('footer.sources')}</p>
        <p className="ms-footer__text">
          <a className="nl-link ms-footer__link" href="/v1/openapi.json">
            {t('footer.api')}
          </a>
          {health.data !== null ? (
            <span className="ms-footer__version">
              {' '}
              · {t('footer.version', { version: health.data.version })}
            </span>
          ) : null}
        </p>
      </div>
    </footer>
  );
}

/** The frame of every page: skip link, header with search and language, navigation, main, footer. */
export function Layout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);

  // After a client-side navigation, move focus to the new page's content so screen-reader and
  // keyboard users start there, as they would after a full page load. Comparing with the path
  // last shown (not "first render") keeps this right under StrictMode's double effects.
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <div className="ms-app">
      <SkipLink
        href="#main"
        onClick={(event) => {
          // Focus the content directly: a fragment link alone does not move focus in every
          // browser, and "#main" would end up in the shareable address.
          event.preventDefault();
          mainRef.current?.focus();
          mainRef.current?.scrollIntoView();
        }}
      >
        {t('app.skipLink')}
      </SkipLink>
      <header className="ms-header">
        <div className="ms-container ms-header__inner">
          <AppLink to={paths.overview()} className="ms-brand">
            <BrandMark />
            <span className="ms-brand__text">
              <span className="ms-brand__name">{t('app.name')}</span>
              <span className="ms-brand__tagline">{t('app.tagline')}</span>
            </span>
          </AppLink>
          <div className="ms-header__tools">
            <SearchForm variant="header" />
            <LanguageSwitch />
            <UserMenu />
          </div>
        </div>
        <div className="ms-header__nav">
          <div className="ms-container">
            <MainNav />
          </div>
        </div>
      </header>
      <main id="main" className="ms-main" tabIndex={-1} ref={mainRef}>
        <div className="ms-container">
          <Outlet />
        </div>
      </main>
      <Footer />
    </div>
  );
}
