import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useMemo } from 'react';
import { AUTHORITY_ROLES, type Session } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { ComplianceStatusBadge, complianceLabel } from '../../components/ComplianceStatusBadge.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { paths } from '../../components/links.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useI18n } from '../../hooks/useI18n.ts';
import { twelveWeeksUpTo } from './compliance-view-model.ts';
import { stockApi, type ComplianceRow, type HolderStock, type PackStock } from './stock-api.ts';
import { addDays } from './stock-view-model.ts';

interface HolderRow extends HolderStock {
  /** This holder's compliance with the obligation for the pack's product, over the week. */
  readonly compliance: ComplianceRow | null;
}

/**
 * Who holds the pack and whether they meet the stock obligation for its product. Authorities see
 * every holder, with the obligation from the non-compliance report of the week up to the as-of
 * day (a holder not in it met the norm that week); a company sees its own compliance.
 */
export function PackHoldersSection({
  view,
  session,
}: {
  readonly view: PackStock;
  readonly session: Session;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="pack-holders-heading" className="ms-section">
      <Heading level={2} id="pack-holders-heading">
        {t('pack.holders.heading')}
      </Heading>
      {view.scope === 'national' && AUTHORITY_ROLES.includes(session.user.role) ? (
        <NationalHolders view={view} />
      ) : (
        <OwnCompliance view={view} session={session} />
      )}
    </section>
  );
}

function NationalHolders({ view }: { readonly view: PackStock }) {
  const { t, number, date } = useI18n();
  const weekFrom = addDays(view.asOf, -6);
  const report = useApi(`pack-holders-compliance:${weekFrom}:${view.asOf}`, (signal) =>
    stockApi.nonCompliance({ from: weekFrom, to: view.asOf }, signal),
  );
  const rows = useMemo<HolderRow[]>(() => {
    const items = report.data?.items ?? [];
    const byHolder = new Map(
      items
        .filter((item) => item.productId === view.product.id)
        .map((item) => [item.holderId, item]),
    );
    return view.holders.map((holder) => ({
      ...holder,
      compliance: byHolder.get(holder.holderId) ?? null,
    }));
  }, [report.data, view]);

  const columns = useMemo<Column<HolderRow>[]>(
    () => [
      {
        key: 'holderName',
        label: t('pack.holders.holder'),
        rowHeader: true,
        value: (row) => row.holderName,
        render: (row) => (
          <AppLink to={paths.holderCompliance(row.holderId)}>{row.holderName}</AppLink>
        ),
      },
      { key: 'onHand', label: t('pack.holders.onHand'), numeric: true, value: (row) => row.onHand },
      {
        key: 'reportDate',
        label: t('pack.holders.reportDate'),
        value: (row) => row.reportDate,
        render: (row) => <span className="ms-nowrap">{date(row.reportDate)}</span>,
      },
      {
        key: 'status',
        label: t('pack.holders.status'),
        facet: true,
        facetKey: (row) => row.compliance?.lastStatus ?? 'compliant',
        facetLabel: (value) => complianceLabel(t, value),
        value: (row) => complianceLabel(t, row.compliance?.lastStatus ?? 'compliant'),
        render: (row) => (
          <ComplianceStatusBadge status={row.compliance?.lastStatus ?? 'compliant'} />
        ),
      },
      {
        key: 'weeksHeld',
        label: t('pack.holders.weeksHeld'),
        numeric: true,
        value: (row) => row.compliance?.lastWeeksHeld ?? null,
        render: (row) =>
          row.compliance?.lastWeeksHeld == null
            ? t('common.none')
            : number(row.compliance.lastWeeksHeld, 1),
      },
      {
        key: 'requiredWeeks',
        label: t('pack.holders.requiredWeeks'),
        numeric: true,
        value: (row) => row.compliance?.requiredWeeks ?? null,
      },
    ],
    [t, number, date],
  );

  if (view.holders.length === 0) return <Paragraph>{t('pack.holders.none')}</Paragraph>;
  return (
    <>
      <Paragraph className="ms-muted">
        {t('pack.holders.lead', { from: date(weekFrom), to: date(view.asOf) })}
      </Paragraph>
      {report.status === 'error' ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : null}
      {report.data === null && report.status === 'loading' ? <LoadingState /> : null}
      {report.data !== null ? (
        <ClientDataTable
          id="pack-holders"
          caption={t('pack.holders.caption', { pack: view.description, date: date(view.asOf) })}
          fileName={`pack-${String(view.packId)}-holders-${view.asOf}`}
          columns={columns}
          rows={rows}
          rowKey={(row) => String(row.holderId)}
          defaultSort="-onHand"
          defaultPageSize={25}
        />
      ) : null}
    </>
  );
}

function OwnCompliance({ view, session }: { readonly view: PackStock; readonly session: Session }) {
  const { t } = useI18n();
  const holderId = view.holderId ?? session.organisation?.id ?? null;
  if (holderId === null) return <Paragraph>{t('pack.own.none')}</Paragraph>;
  return <OwnComplianceOf view={view} holderId={holderId} />;
}

function OwnComplianceOf({
  view,
  holderId,
}: {
  readonly view: PackStock;
  readonly holderId: number;
}) {
  const { t, number, date } = useI18n();
  const period = twelveWeeksUpTo(view.asOf);
  const result = useApi(
    `own-compliance:${String(holderId)}:${period.from}:${period.to}`,
    (signal) => stockApi.holderCompliance(holderId, period, signal),
  );
  const own = result.data?.items.find((item) => item.productId === view.product.id) ?? null;
  return (
    <>
      {result.status === 'error' ? (
        <ErrorState error={result.error} onRetry={result.reload} />
      ) : null}
      {result.data === null && result.status === 'loading' ? <LoadingState /> : null}
      {result.data !== null ? (
        own === null ? (
          <Paragraph>{t('pack.own.none')}</Paragraph>
        ) : (
          <KeyFigures
            figures={[
              {
                id: 'own-status',
                label: t('pack.own.status'),
                value: complianceLabel(t, own.lastStatus),
                tone:
                  own.lastStatus === 'non-compliant' || own.lastStatus === 'not-reported'
                    ? 'danger'
                    : 'neutral',
                note: t('pack.own.statusNote', {
                  held:
                    own.lastWeeksHeld === null ? t('common.none') : number(own.lastWeeksHeld, 1),
                  required: number(own.requiredWeeks, 1),
                }),
              },
              {
                id: 'own-days-below',
                label: t('pack.own.daysBelow'),
                value: number(own.daysNonCompliant),
                tone: own.daysNonCompliant > 0 ? 'warning' : 'neutral',
                note: t('pack.own.daysBelowNote', { from: date(period.from), to: date(period.to) }),
              },
            ]}
          />
        )
      ) : null}
      <Paragraph>
        <AppLink to={paths.holderCompliance(holderId)}>{t('pack.own.link')}</AppLink>
      </Paragraph>
    </>
  );
}
