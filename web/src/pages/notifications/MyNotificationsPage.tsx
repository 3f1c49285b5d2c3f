import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useMemo } from 'react';
import { api } from '../../api/client.ts';
import { NOTIFICATION_STATUSES, isOneOf, type Session } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { ClientDataTable } from '../../components/DataTable.tsx';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { paths } from '../../components/links.ts';
import { useNotificationColumns } from '../../components/notification-columns.tsx';
import { OPEN_STATUSES } from '../../components/notification-lifecycle.ts';
import { RequireSession } from '../../components/RequireSession.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';

export function MyNotificationsPage() {
  return (
    <RequireSession roles={['mah']}>
      {(session) => <MyNotifications session={session} />}
    </RequireSession>
  );
}

/** A company's own notifications (the API shows a company nothing else), newest first. */
function MyNotifications({ session }: { readonly session: Session }) {
  const { t, number } = useI18n();
  useDocumentTitle(t('mine.title'));
  const list = useApi(`mine:${String(session.user.organisationId)}`, (signal) =>
    api.notifications({ sort: '-firstReportedOn', pageSize: 500 }, signal),
  );
  const baseColumns = useNotificationColumns([
    'reference',
    'medicine',
    'status',
    'version',
    'expectedStart',
    'expectedEnd',
    'daysLate',
    'firstReportedOn',
  ]);
  const columns = useMemo(
    () =>
      baseColumns.map((column) =>
        column.key === 'status'
          ? {
              ...column,
              facet: true,
              facetKey: (row: (typeof rows)[number]) => row.status,
              facetLabel: (value: string) =>
                isOneOf(NOTIFICATION_STATUSES, value) ? t(`status.${value}`) : value,
            }
          : { ...column, sortable: column.key !== 'medicine' },
      ),
    [baseColumns, t],
  );
  const rows = list.data?.items ?? [];
  const open = rows.filter((row) => OPEN_STATUSES.includes(row.status)).length;
  const confirmed = rows.filter((row) => row.status === 'confirmed_shortage').length;
  const late = rows.filter((row) => row.lateness.late).length;

  return (
    <>
      <p className="ms-eyebrow">{session.organisation?.name}</p>
      <div className="ms-page-title ms-page-title--actions">
        <Heading level={1}>{t('mine.heading')}</Heading>
        <AppLink
          to={paths.newNotification()}
          className="ms-button-link"
          data-testid="new-notification"
        >
          {t('mine.new')}
        </AppLink>
      </div>
      <Paragraph purpose="lead" className="ms-lead">
        {t('mine.lead')}
      </Paragraph>
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data === null && list.status === 'loading' ? <LoadingState /> : null}
      {list.data !== null ? (
        <>
          <section aria-labelledby="mine-figures" className="ms-section ms-section--plain">
            <Heading level={2} id="mine-figures" className="ms-visually-hidden">
              {t('mine.figures')}
            </Heading>
            <KeyFigures
              figures={[
                { id: 'mine-open', label: t('mine.open'), value: number(open) },
                {
                  id: 'mine-confirmed',
                  label: t('status.confirmed_shortage'),
                  value: number(confirmed),
                  tone: confirmed > 0 ? 'danger' : 'neutral',
                },
                {
                  id: 'mine-late',
                  label: t('mine.late'),
                  value: number(late),
                  tone: late > 0 ? 'warning' : 'neutral',
                  note: t('mine.lateNote'),
                },
              ]}
            />
          </section>
          <section aria-labelledby="mine-table-heading" className="ms-section">
            <Heading level={2} id="mine-table-heading" className="ms-visually-hidden">
              {t('mine.caption')}
            </Heading>
            <ClientDataTable
              id="mine"
              caption={t('mine.caption')}
              columns={columns}
              rows={rows}
              rowKey={(row) => String(row.id)}
              urlPrefix=""
              defaultSort="-firstReportedOn"
              defaultPageSize={25}
            />
          </section>
        </>
      ) : null}
    </>
  );
}
