import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useMemo } from 'react';
import { api } from '../api/client.ts';
import type { ForeignShortage } from '../api/types.ts';
import { useApi } from '../hooks/useApi.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { DataBadge } from './Badges.tsx';
import { ClientDataTable, type Column } from './DataTable.tsx';
import { localToday } from './dates.ts';
import { ErrorState, LoadingState } from './States.tsx';

const SOURCE_NAMES = { bfarm: 'BfArM (DE)', fda: 'FDA (US)' } as const;

/**
 * "Short abroad": the shortages other countries' registers report for the substance today — an
 * early signal, since the same substance often goes short elsewhere first.
 */
export function ForeignShortagesSection({
  atcCodes,
  headingLevel = 2,
  id,
}: {
  readonly atcCodes: readonly string[];
  readonly headingLevel?: 2 | 3;
  /** Table id (and URL prefix), unique on the page. */
  readonly id: string;
}) {
  const { t, date, number } = useI18n();
  const today = localToday();
  const codes = [...new Set(atcCodes)];
  const key = codes.join(',');
  const result = useApi(`foreign:${key}:${today}`, async (signal) => {
    if (codes.length === 0) return [];
    const answers = await Promise.all(
      codes.map((code) => api.foreignShortages(code, today, signal)),
    );
    const byId = new Map<number, ForeignShortage>();
    for (const answer of answers) for (const item of answer.items ?? []) byId.set(item.id, item);
    return [...byId.values()];
  });

  const columns = useMemo<Column<ForeignShortage>[]>(
    () => [
      {
        key: 'product',
        label: t('foreign.product'),
        rowHeader: true,
        value: (row) => row.productName ?? null,
      },
      { key: 'company', label: t('foreign.company'), value: (row) => row.company ?? null },
      {
        key: 'source',
        label: t('common.source'),
        facet: true,
        facetKey: (row) => row.source,
        facetLabel: (value) => (value === 'bfarm' || value === 'fda' ? SOURCE_NAMES[value] : value),
        value: (row) => SOURCE_NAMES[row.source],
      },
      {
        key: 'startDate',
        label: t('foreign.start'),
        value: (row) => row.startDate ?? null,
        render: (row) => <span className="ms-nowrap">{date(row.startDate ?? null)}</span>,
      },
      {
        key: 'endDate',
        label: t('foreign.end'),
        value: (row) => row.endDate ?? null,
        render: (row) => <span className="ms-nowrap">{date(row.endDate ?? null)}</span>,
      },
      {
        key: 'reason',
        label: t('foreign.reason'),
        value: (row) =>
          [row.reasonCategory, row.reason]
            .filter((part) => part != null && part !== '')
            .join(': ') || null,
        render: (row) => (
          <span lang="de">
            {[row.reasonCategory, row.reason]
              .filter((part) => part != null && part !== '')
              .join(': ') || t('common.none')}
          </span>
        ),
      },
      {
        key: 'match',
        label: t('foreign.match'),
        value: (row) =>
          row.match === 'group' ? t('foreign.match.group') : t('foreign.match.exact'),
        render: (row) =>
          row.match === 'group' ? (
            <DataBadge>{t('foreign.match.group')}</DataBadge>
          ) : (
            <span>{t('foreign.match.exact')}</span>
          ),
      },
      {
        key: 'reportedOn',
        label: t('foreign.reportedOn'),
        value: (row) => row.reportedOn ?? null,
        render: (row) => <span className="ms-nowrap">{date(row.reportedOn ?? null)}</span>,
      },
    ],
    [t, date],
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="ms-section" data-testid={`${id}-section`}>
      <Heading level={headingLevel} id={`${id}-heading`}>
        {t('foreign.heading')}
      </Heading>
      <Paragraph className="ms-muted">
        {t('foreign.lead', { date: date(today), codes: codes.join(', ') })}
      </Paragraph>
      {result.status === 'error' ? (
        <ErrorState error={result.error} onRetry={result.reload} />
      ) : null}
      {result.data === null && result.status === 'loading' ? <LoadingState /> : null}
      {result.data !== null && result.data.length === 0 ? (
        <Paragraph data-testid={`${id}-none`}>{t('foreign.none')}</Paragraph>
      ) : null}
      {result.data !== null && result.data.length > 0 ? (
        <>
          <p className="ms-result-count">
            {result.data.length === 1
              ? t('foreign.countOne')
              : t('foreign.count', { count: number(result.data.length) })}
          </p>
          <ClientDataTable
            id={id}
            caption={t('foreign.caption', { codes: codes.join(', ') })}
            columns={columns}
            rows={result.data}
            rowKey={(row) => String(row.id)}
            defaultSort="-startDate"
          />
        </>
      ) : null}
    </section>
  );
}
