import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { Layout } from './components/Layout.tsx';
import { LoadingState } from './components/States.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { SessionProvider } from './session/SessionProvider.tsx';

/** Each page is its own chunk, so the overview does not wait for the Sankey code. */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  const Page = lazy(async () => {
    const module = await load();
    return { default: module[name] as ComponentType };
  });
  return (
    <Suspense fallback={<LoadingState />}>
      <Page />
    </Suspense>
  );
}

const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      {
        index: true,
        element: page(() => import('./pages/overview/OverviewPage.tsx'), 'OverviewPage'),
      },
      {
        path: 'vulnerability',
        element: page(
          () => import('./pages/vulnerability/VulnerabilityPage.tsx'),
          'VulnerabilityPage',
        ),
      },
      {
        path: 'substances/:atc',
        element: page(() => import('./pages/substances/SubstancePage.tsx'), 'SubstancePage'),
      },
      { path: 'sites/:id', element: page(() => import('./pages/sites/SitePage.tsx'), 'SitePage') },
      {
        path: 'countries/:iso2',
        element: page(() => import('./pages/countries/CountryPage.tsx'), 'CountryPage'),
      },
      {
        path: 'search',
        element: page(() => import('./pages/search/SearchPage.tsx'), 'SearchPage'),
      },
      { path: 'login', element: page(() => import('./pages/login/LoginPage.tsx'), 'LoginPage') },
      {
        path: 'shortages',
        element: page(
          () => import('./pages/shortages/PublicShortagesPage.tsx'),
          'PublicShortagesPage',
        ),
      },
      {
        path: 'notifications',
        element: page(() => import('./pages/notifications/TriageQueuePage.tsx'), 'TriageQueuePage'),
      },
      {
        path: 'notifications/new',
        element: page(
          () => import('./pages/notifications/NotificationFormPage.tsx'),
          'NewNotificationPage',
        ),
      },
      {
        path: 'notifications/:id',
        element: page(
          () => import('./pages/notifications/NotificationDetailPage.tsx'),
          'NotificationDetailPage',
        ),
      },
      {
        path: 'notifications/:id/update',
        element: page(
          () => import('./pages/notifications/NotificationFormPage.tsx'),
          'UpdateNotificationPage',
        ),
      },
      {
        path: 'my-notifications',
        element: page(
          () => import('./pages/notifications/MyNotificationsPage.tsx'),
          'MyNotificationsPage',
        ),
      },
      {
        path: 'late-notifications',
        element: page(() => import('./pages/notifications/LateReportPage.tsx'), 'LateReportPage'),
      },
      {
        path: 'watchlist',
        element: page(() => import('./pages/early-warning/WatchlistPage.tsx'), 'WatchlistPage'),
      },
      {
        path: 'scenarios/site-failure',
        element: page(() => import('./pages/early-warning/SiteFailurePage.tsx'), 'SiteFailurePage'),
      },
      {
        path: 'stock',
        element: page(() => import('./pages/stock/CoverPage.tsx'), 'CoverPage'),
      },
      {
        path: 'packs/:id',
        element: page(() => import('./pages/stock/PackStockPage.tsx'), 'PackStockPage'),
      },
      {
        path: 'holders/:id/compliance',
        element: page(
          () => import('./pages/stock/HolderCompliancePage.tsx'),
          'HolderCompliancePage',
        ),
      },
      {
        path: 'stock-obligation',
        element: page(() => import('./pages/stock/NonCompliancePage.tsx'), 'NonCompliancePage'),
      },
      {
        path: 'policy',
        element: page(() => import('./pages/policy/PolicyPage.tsx'), 'PolicyPage'),
      },
      { path: '*', element: page(() => import('./pages/NotFoundPage.tsx'), 'NotFoundPage') },
    ],
  },
]);

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </I18nProvider>
  );
}
