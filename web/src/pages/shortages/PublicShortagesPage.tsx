import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import {
  Alert,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Textbox,
} from '@utrecht/component-library-react';
import { useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, feeds } from '../../api/client.ts';
import { CAUSE_CATEGORIES, isOneOf, type PublicShortage } from '../../api/types.ts';
import { AlternativesList } from '../../components/AlternativesList.tsx';
import { AppLink } from '../../components/AppLink.tsx';
import { DataBadge } from '../../components/Badges.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { ATC_FILTER_PATTERN, localToday } from '../../components/dates.ts';
import { FeedAlternate, FeedLink } from '../../components/Feeds.tsx';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { paths } from '../../components/links.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { downloadText } from '../../components/table-model.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';

/** The API pages at 500; the list is short (confirmed shortages only), one page holds it. */
const FETCH_SIZE = 500;

/**
 * The public list of current and expected shortages (no login): what is short, until when, why,
 * the notification centre's advice and what to give instead. The search and ATC filters go to
 * the API; phase, cause, sorting and paging work on the fetched list. All of it is in the URL.
 */
export function PublicShortagesPage() {
  const i18n = useI18n();
  const { t, number, date, lang } = i18n;
  useDocumentTitle(t('shortages.title'));
  const [params, setParams] = useSearchParams();
  const query = params.get('query') ?? '';
  const atcText = params.get('atc') ?? '';
  const atcValid = atcText === '' || ATC_FILTER_PATTERN.test(atcText.trim());
  const atc = atcValid ? atcText.trim().toUpperCase() : '';
  const queryId = useId();
  const atcId = useId();
  const [downloading, setDownloading] = useState(false);

  const serverQuery = {
    pageSize: FETCH_SIZE,
    ...(query.trim() === '' ? {} : { query: query.trim() }),
    ...(atc === '' ? {} : { atc }),
  };
  const list = useApi(`shortages:${JSON.stringify(serverQuery)}`, (signal) =>
    api.shortages(serverQuery, signal),
  );

  const setFilter = (name: 'query' | 'atc', value: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === '') next.delete(name);
        else next.set(name, value);
        next.delete('page');
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  };

  const substanceOf = (row: PublicShortage) =>
    (lang === 'nl' ? (row.substance.nl ?? row.substance.en) : row.substance.en) ??
    row.substance.nl ??
    t('common.unknownName');

  const columns = useMemo<Column<PublicShortage>[]>(
    () => [
      {
        key: 'product',
        label: t('shortages.column.product'),
        rowHeader: true,
        value: (row) => row.products.map((product) => product.name).join('; '),
        render: (row) => (
          <ul className="ms-cell-list">
            {row.products.map((product) => (
              <li key={product.productId}>
                <span className="ms-cell-list__title">{product.name}</span>
                <span className="ms-cell-list__meta">
                  {row.organisationName}
                  {' · '}
                  {product.registrationNumber}
                  {' · '}
                  {product.packs.length === 1
                    ? t('shortages.packsOne')
                    : t('shortages.packs', { count: number(product.packs.length) })}
                </span>
                <FeedLink href={feeds.product(product.productId)} subject={product.name} />
              </li>
            ))}
          </ul>
        ),
      },
      {
        key: 'substance',
        label: t('shortages.column.substance'),
        value: (row) => `${substanceOf(row)} ${row.atc.join(' ')}`.trim(),
        csv: (row) => `${substanceOf(row)} (${row.atc.join(' ')})`,
        render: (row) => (
          <span className="ms-cell-stack">
            <span>{substanceOf(row)}</span>
            {row.atc.map((code) => (
              <span key={code} className="ms-cell-stack__row">
                <AppLink to={paths.substance(code)} className="ms-code">
                  {code}
                </AppLink>
                <FeedLink href={feeds.substance(code)} subject={substanceOf(row)} />
              </span>
            ))}
          </span>
        ),
      },
      {
        key: 'phase',
        label: t('shortages.column.phase'),
        facet: true,
        facetKey: (row) => row.phase,
        facetLabel: (value) =>
          value === 'current' ? t('shortages.phase.current') : t('shortages.phase.expected'),
        // Sorted and exported as the period: start, then end.
        value: (row) => `${row.expectedStart} ${row.expectedEnd ?? '9999-12-31'}`,
        csv: (row) =>
          `${t(`shortages.phase.${row.phase}`)}: ${row.expectedStart} – ${row.expectedEnd ?? t('shortages.endUnknown')}`,
        render: (row) => (
          <span className="ms-cell-stack ms-period-cell">
            <DataBadge tone={row.phase === 'current' ? 'danger' : 'warning'}>
              {t(`shortages.phase.${row.phase}`)}
            </DataBadge>
            <span className="ms-nowrap">
              {t('shortages.from', { date: date(row.expectedStart) })}
            </span>
            <span className="ms-nowrap">
              {row.expectedEnd === null
                ? t('shortages.untilUnknown')
                : t('shortages.until', { date: date(row.expectedEnd) })}
            </span>
            {row.kind !== 'shortage' ? <span>{t(`kind.${row.kind}`)}</span> : null}
          </span>
        ),
      },
      {
        key: 'cause',
        label: t('shortages.column.cause'),
        facet: true,
        facetKey: (row) => row.causeCategory,
        facetLabel: (value) => (isOneOf(CAUSE_CATEGORIES, value) ? t(`cause.${value}`) : value),
        value: (row) => t(`cause.${row.causeCategory}`),
      },
      {
        key: 'advice',
        label: t('shortages.column.advice'),
        sortable: false,
        value: (row) => (row.advice === '' ? null : row.advice),
        render: (row) =>
          row.advice === '' ? (
            <span className="ms-muted-text">{t('shortages.noAdvice')}</span>
          ) : (
            <span className="ms-advice">{row.advice}</span>
          ),
      },
      {
        key: 'alternatives',
        label: t('shortages.column.alternatives'),
        value: (row) => row.products.reduce((sum, product) => sum + product.alternatives.length, 0),
        csv: (row) =>
          [
            ...new Set(row.products.flatMap((product) => product.alternatives.map((a) => a.name))),
          ].join('; '),
        render: (row) => (
          <AlternativesList
            alternatives={row.products.flatMap((product) => product.alternatives)}
          />
        ),
      },
    ],
    // substanceOf reads lang and t only.
    [t, number, date, lang],
  );

  // The Atom feeds link each entry here with ?reference=: then the list shows that one shortage.
  const reference = params.get('reference') ?? '';
  const fetched = list.data?.items ?? [];
  const items = reference === '' ? fetched : fetched.filter((item) => item.reference === reference);
  const substances = useMemo(() => {
    const byAtc = new Map<string, string>();
    for (const item of items) {
      for (const code of item.atc) byAtc.set(code, substanceOf(item));
    }
    return [...byAtc.entries()];
  }, [items, lang]);

  const downloadAll = () => {
    if (downloading) return;
    setDownloading(true);
    api
      .shortagesCsv({
        ...(query.trim() === '' ? {} : { query: query.trim() }),
        ...(atc === '' ? {} : { atc }),
      })
      .then(
        (text) => {
          downloadText(`geneesmiddelentekorten-${localToday()}.csv`, text);
        },
        () => undefined,
      )
      .finally(() => {
        setDownloading(false);
      });
  };

  const current = items.filter((item) => item.phase === 'current').length;
  const expected = items.length - current;
  return (
    <>
      {substances.map(([code, name]) => (
        <FeedAlternate key={code} href={feeds.substance(code)} subject={`${name} (${code})`} />
      ))}
      <Heading level={1}>{t('shortages.heading')}</Heading>
      <Paragraph purpose="lead" className="ms-lead">
        {t('shortages.lead')}
      </Paragraph>

      <form
        role="search"
        aria-label={t('shortages.search.label')}
        className="ms-filter-bar"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <FormField className="ms-filter-bar__query">
          <FormLabel htmlFor={queryId}>{t('shortages.search.label')}</FormLabel>
          <Textbox
            id={queryId}
            type="search"
            value={query}
            maxLength={100}
            placeholder={t('shortages.search.placeholder')}
            onChange={(event) => {
              setFilter('query', event.target.value);
            }}
            data-testid="shortages-query"
          />
        </FormField>
        <FormField className="ms-filter-bar__atc" invalid={!atcValid}>
          <FormLabel htmlFor={atcId}>{t('shortages.search.atc')}</FormLabel>
          <FormFieldDescription id={`${atcId}-hint`}>
            {t('shortages.search.atcHint')}
          </FormFieldDescription>
          {!atcValid ? (
            <FormFieldErrorMessage id={`${atcId}-error`}>
              {t('form.error.atc')}
            </FormFieldErrorMessage>
          ) : null}
          <Textbox
            id={atcId}
            value={atcText}
            maxLength={7}
            invalid={!atcValid}
            aria-describedby={`${atcId}-hint${atcValid ? '' : ` ${atcId}-error`}`}
            onChange={(event) => {
              setFilter('atc', event.target.value);
            }}
          />
        </FormField>
      </form>

      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data === null && list.status === 'loading' ? <LoadingState /> : null}
      {list.data !== null ? (
        <>
          <section aria-labelledby="shortage-figures" className="ms-section ms-section--plain">
            <Heading level={2} id="shortage-figures" className="ms-visually-hidden">
              {t('shortages.figures')}
            </Heading>
            <KeyFigures
              figures={[
                {
                  id: 'shortages-current',
                  label: t('shortages.phase.current'),
                  value: number(current),
                  tone: current > 0 ? 'danger' : 'neutral',
                  note: t('shortages.currentNote'),
                },
                {
                  id: 'shortages-expected',
                  label: t('shortages.phase.expected'),
                  value: number(expected),
                  tone: expected > 0 ? 'warning' : 'neutral',
                  note: t('shortages.expectedNote'),
                },
              ]}
            />
          </section>
          <section aria-labelledby="shortages-table-heading" className="ms-section">
            <Heading level={2} id="shortages-table-heading">
              {t('shortages.tableHeading')}
            </Heading>
            {reference !== '' ? (
              <Alert type="info" className="ms-reference-filter">
                <Paragraph>
                  {items.length === 0
                    ? t('shortages.reference.none', { reference })
                    : t('shortages.reference.one', { reference })}{' '}
                  <AppLink to={paths.shortages()} data-testid="shortages-show-all">
                    {t('shortages.reference.all')}
                  </AppLink>
                </Paragraph>
              </Alert>
            ) : null}
            {list.data.total > items.length ? (
              <Paragraph className="ms-note">
                {t('shortages.truncated', {
                  shown: number(items.length),
                  total: number(list.data.total),
                })}
              </Paragraph>
            ) : null}
            <ClientDataTable
              id="shortages"
              caption={t('shortages.caption', { date: date(localToday()) })}
              columns={columns}
              rows={items}
              rowKey={(row) => row.reference}
              urlPrefix=""
              defaultPageSize={25}
              textFilter={false}
              busy={list.status === 'loading'}
              filters={
                <Button
                  purpose="secondary"
                  disabled={downloading}
                  onClick={downloadAll}
                  data-testid="shortages-csv-all"
                >
                  {t('shortages.downloadAll')}
                </Button>
              }
            />
          </section>
          <section aria-labelledby="follow-heading" className="ms-section ms-section--compact">
            <Heading level={2} id="follow-heading" appearance="level-3">
              {t('shortages.follow.heading')}
            </Heading>
            <Paragraph>{t('shortages.follow.feeds')}</Paragraph>
            <Paragraph className="ms-note">
              {t('shortages.follow.webhooks')}{' '}
              <a className="nl-link" href="/v1/openapi.json">
                {t('footer.api')}
              </a>
            </Paragraph>
          </section>
        </>
      ) : null}
    </>
  );
}
