import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import {
  Alert,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError, type NotificationQuery } from '../../api/client.ts';
import {
  AUTHORITY_ROLES,
  NOTIFICATION_STATUSES,
  RISK_CLASSES,
  isOneOf,
  type BulkStatusResult,
  type NotificationStatus,
  type NotificationSummary,
  type Session,
} from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { DataBadge } from '../../components/Badges.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ATC_FILTER_PATTERN } from '../../components/dates.ts';
import { paths } from '../../components/links.ts';
import { useNotificationColumns } from '../../components/notification-columns.tsx';
import { BULK_TARGETS, canTransition, isDecider } from '../../components/notification-lifecycle.ts';
import { RequireSession } from '../../components/RequireSession.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';
import { useTableState } from '../../hooks/useTableState.ts';

const FILTERS = ['status', 'riskClass', 'atc'] as const;
/** The API sorts the queue by these (daysLate only descending). */
const SORTS: ReadonlySet<string> = new Set([
  '-riskScore',
  'riskScore',
  '-firstReportedOn',
  'firstReportedOn',
  'expectedStart',
  '-expectedStart',
  '-daysLate',
]);

export function TriageQueuePage() {
  return (
    <RequireSession roles={AUTHORITY_ROLES}>
      {(session) => <TriageQueue session={session} />}
    </RequireSession>
  );
}

interface BulkOutcome {
  readonly target: NotificationStatus;
  readonly rows: readonly {
    readonly id: number;
    readonly reference: string;
    readonly result: BulkStatusResult | undefined;
    readonly from: NotificationStatus;
  }[];
}

/** The notification centre's queue: riskiest first, with the reasons, and bulk decisions. */
function TriageQueue({ session }: { readonly session: Session }) {
  const i18n = useI18n();
  const { t, number } = i18n;
  useDocumentTitle(t('triage.title'));
  const decider = isDecider(session.user.role);
  const [state, update] = useTableState('', { sort: '-riskScore', pageSize: 25 }, FILTERS);
  const statusId = useId();
  const riskId = useId();
  const atcId = useId();
  const commentId = useId();
  const status = isOneOf(NOTIFICATION_STATUSES, state.filters.status)
    ? state.filters.status
    : undefined;
  const riskClass = isOneOf(RISK_CLASSES, state.filters.riskClass)
    ? state.filters.riskClass
    : undefined;
  const atcText = state.filters.atc ?? '';
  const atcValid = atcText === '' || ATC_FILTER_PATTERN.test(atcText.trim());
  const sort = state.sort !== null && SORTS.has(state.sort) ? state.sort : '-riskScore';

  const query: NotificationQuery = {
    sort,
    page: state.page,
    pageSize: state.pageSize,
    ...(status === undefined ? {} : { status }),
    ...(riskClass === undefined ? {} : { riskClass }),
    ...(atcValid && atcText.trim() !== '' ? { atc: atcText.trim().toUpperCase() } : {}),
  };
  const queue = useApi(`queue:${JSON.stringify(query)}`, (signal) =>
    api.notifications(query, signal),
  );

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [bulkError, setBulkError] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const known = useRef(new Map<string, NotificationSummary>());
  for (const row of queue.data?.items ?? []) known.current.set(String(row.id), row);

  useEffect(() => {
    if (outcome !== null || bulkError !== null) outcomeRef.current?.focus();
  }, [outcome, bulkError]);

  const columns = useNotificationColumns([
    'reference',
    'medicineAndCompany',
    'status',
    'riskScore',
    'reasons',
    'expectedStart',
    'daysLate',
  ]);

  const runBulk = (target: NotificationStatus) => {
    const rows = [...selected]
      .map((key) => known.current.get(key))
      .filter((row): row is NotificationSummary => row !== undefined);
    // The NL Design System button marks itself aria-disabled but still fires: guard here.
    if (rows.length === 0 || busy) return;
    setBusy(true);
    setOutcome(null);
    setBulkError(null);
    api
      .bulkChangeStatus(
        rows.map((row) => row.id),
        target,
        comment.trim(),
      )
      .then(
        ({ results }) => {
          const byId = new Map(results.map((result) => [result.id, result]));
          setOutcome({
            target,
            rows: rows.map((row) => ({
              id: row.id,
              reference: row.reference,
              result: byId.get(row.id),
              from: row.status,
            })),
          });
          // The report lists what did not change; the rows may have left the filter.
          setSelected(new Set());
          setComment('');
          queue.reload();
        },
        (error: unknown) => {
          setBulkError(
            error instanceof ApiError && error.status === 403
              ? t('triage.bulk.forbidden')
              : error instanceof Error
                ? error.message
                : String(error),
          );
        },
      )
      .finally(() => {
        setBusy(false);
      });
  };

  const filters = (
    <>
      <FormField className="ms-table__facet">
        <FormLabel htmlFor={statusId}>{t('notification.status')}</FormLabel>
        <Select
          id={statusId}
          value={status ?? ''}
          aria-controls="queue"
          onChange={(event) => {
            update({ filters: { status: event.target.value } });
          }}
        >
          <SelectOption value="">{t('table.filterAll')}</SelectOption>
          {NOTIFICATION_STATUSES.map((value) => (
            <SelectOption key={value} value={value}>
              {t(`status.${value}`)}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField className="ms-table__facet">
        <FormLabel htmlFor={riskId}>{t('triage.riskClass')}</FormLabel>
        <Select
          id={riskId}
          value={riskClass ?? ''}
          aria-controls="queue"
          onChange={(event) => {
            update({ filters: { riskClass: event.target.value } });
          }}
        >
          <SelectOption value="">{t('table.filterAll')}</SelectOption>
          {RISK_CLASSES.map((value) => (
            <SelectOption key={value} value={value}>
              {t(`risk.class.${value}`)}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField className="ms-table__facet ms-atc-field" invalid={!atcValid}>
        <FormLabel htmlFor={atcId}>{t('triage.atc')}</FormLabel>
        {!atcValid ? (
          <FormFieldErrorMessage id={`${atcId}-error`}>{t('form.error.atc')}</FormFieldErrorMessage>
        ) : null}
        <Textbox
          id={atcId}
          value={atcText}
          maxLength={7}
          invalid={!atcValid}
          placeholder={t('triage.atcPlaceholder')}
          aria-describedby={atcValid ? undefined : `${atcId}-error`}
          onChange={(event) => {
            update({ filters: { atc: event.target.value } }, { replace: true });
          }}
        />
      </FormField>
    </>
  );

  const page = queue.data;
  const selectedCount = selected.size;
  return (
    <>
      <Heading level={1}>{t('triage.heading')}</Heading>
      <Paragraph purpose="lead" className="ms-lead">
        {t('triage.lead')}
      </Paragraph>

      {decider ? (
        <section aria-labelledby="bulk-heading" className="ms-section ms-bulk">
          <Heading level={2} id="bulk-heading" appearance="level-3">
            {t('triage.bulk.heading')}
          </Heading>
          <p className="ms-bulk__count" aria-live="polite" data-testid="bulk-count">
            {selectedCount === 0
              ? t('triage.bulk.noneSelected')
              : selectedCount === 1
                ? t('triage.bulk.selectedOne')
                : t('triage.bulk.selected', { count: number(selectedCount) })}
          </p>
          <div className="ms-bulk__row">
            <FormField className="ms-bulk__comment">
              <FormLabel htmlFor={commentId}>
                {t('triage.bulk.comment')}{' '}
                <span className="ms-label-hint">{t('form.optional')}</span>
              </FormLabel>
              <Textbox
                id={commentId}
                value={comment}
                maxLength={4000}
                onChange={(event) => {
                  setComment(event.target.value);
                }}
              />
            </FormField>
            <div className="ms-bulk__actions">
              {BULK_TARGETS.map((target) => (
                <Button
                  key={target}
                  purpose={target === 'confirmed_shortage' ? 'primary' : 'secondary'}
                  disabled={busy || selectedCount === 0}
                  onClick={() => {
                    runBulk(target);
                  }}
                  data-testid={`bulk-${target}`}
                >
                  {t(`action.${target}`)}
                </Button>
              ))}
            </div>
          </div>
          {outcome !== null || bulkError !== null ? (
            <div tabIndex={-1} ref={outcomeRef} className="ms-alert-focus">
              {bulkError !== null ? (
                <Alert type="error" role="alert">
                  <Paragraph>{t('triage.bulk.failed', { message: bulkError })}</Paragraph>
                </Alert>
              ) : null}
              {outcome !== null ? (
                <BulkOutcomeReport outcome={outcome} role={session.user.role} />
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}

      <section className="ms-section" aria-labelledby="queue-heading">
        <Heading level={2} id="queue-heading" className="ms-visually-hidden">
          {t('triage.caption')}
        </Heading>
        {queue.status === 'error' ? (
          <ErrorState error={queue.error} onRetry={queue.reload} />
        ) : null}
        {page === null && queue.status === 'loading' ? <LoadingState /> : null}
        {page !== null ? (
          <>
            <p className="ms-result-count" aria-live="polite" data-testid="queue-total">
              {t('triage.total', { total: number(page.total) })}
            </p>
            <DataTable
              id="queue"
              caption={t('triage.caption')}
              fileName={`meldingen-p${String(page.page)}`}
              columns={columns}
              rowKey={(row) => String(row.id)}
              state={{ ...state, sort, page: page.page }}
              onChange={(patch, options) => {
                // The API sorts days late only from most to least late.
                update(
                  patch.sort === 'daysLate' ? { ...patch, sort: '-daysLate' } : patch,
                  options,
                );
              }}
              rows={page.items}
              total={page.total}
              textFilter={false}
              filters={filters}
              busy={queue.status === 'loading'}
              {...(decider
                ? {
                    selection: {
                      selected,
                      onChange: setSelected,
                      rowLabel: (row: NotificationSummary) =>
                        t('triage.select', { reference: row.reference }),
                      allLabel: t('triage.selectAll'),
                    },
                  }
                : {})}
            />
          </>
        ) : null}
      </section>
    </>
  );
}

function BulkOutcomeReport({
  outcome,
  role,
}: {
  readonly outcome: BulkOutcome;
  readonly role: Session['user']['role'];
}) {
  const { t, number } = useI18n();
  const succeeded = outcome.rows.filter((row) => row.result?.ok === true).length;
  const failed = outcome.rows.length - succeeded;
  return (
    <Alert type={failed === 0 ? 'ok' : succeeded === 0 ? 'error' : 'warning'} role="status">
      <Paragraph>
        <strong>
          {t('triage.bulk.summary', {
            action: t(`action.${outcome.target}`),
            ok: number(succeeded),
            failed: number(failed),
          })}
        </strong>
      </Paragraph>
      <ul className="ms-bulk__results" data-testid="bulk-results">
        {outcome.rows.map((row) => {
          const ok = row.result?.ok === true;
          // The API says why in English only; when the lifecycle explains it, we say it ourselves.
          const reason =
            row.result?.ok === true
              ? t('triage.bulk.nowStatus', {
                  status: t(`status.${row.result.status ?? outcome.target}`),
                })
              : !canTransition(row.from, outcome.target, role, false)
                ? t('triage.bulk.cannotMove', {
                    from: t(`status.${row.from}`),
                    to: t(`status.${outcome.target}`),
                  })
                : (row.result?.problem ?? t('triage.bulk.noAnswer'));
          return (
            <li key={row.id} data-outcome={ok ? 'ok' : 'failed'}>
              <AppLink to={paths.notification(row.id)} className="ms-code">
                {row.reference}
              </AppLink>{' '}
              <DataBadge tone={ok ? 'ok' : 'danger'}>
                {ok ? t('triage.bulk.ok') : t('triage.bulk.notChanged')}
              </DataBadge>{' '}
              <span>{reason}</span>
            </li>
          );
        })}
      </ul>
    </Alert>
  );
}
