import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { Layout } from './components/Layout.tsx';
import { LoadingState } from './components/States.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';

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
      { path: '*', element: page(() => import('./pages/NotFoundPage.tsx'), 'NotFoundPage') },
    ],
  },
]);

export function App() {
  return (
    <I18nProvider>
      <RouterProvider router={router} />
    </I18nProvider>
  );
}
