import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import {
  Alert,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
} from '@utrecht/component-library-react';
import { useMemo, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import {
  AUTHORITY_ROLES,
  type AuditEntry,
  type NotificationDetail,
  type NotificationPack,
  type ReportField,
  type RiskFactor,
  type Session,
} from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { DataBadge, RiskBadge, StatusBadge } from '../../components/Badges.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { ForeignShortagesSection } from '../../components/ForeignShortagesSection.tsx';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { paths } from '../../components/links.ts';
import { NotificationActions } from '../../components/NotificationActions.tsx';
import { LatenessValue } from '../../components/notification-columns.tsx';
import {
  describeEventBody,
  fieldLabel,
  formatReportValue,
  summariseAuditChange,
} from '../../components/notification-history.ts';
import { isDecider } from '../../components/notification-lifecycle.ts';
import { RequireSession } from '../../components/RequireSession.tsx';
import { describeFactor, factorName } from '../../components/risk-factors.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { downloadText } from '../../components/table-model.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';

export function NotificationDetailPage() {
  return <RequireSession>{(session) => <NotificationPage session={session} />}</RequireSession>;
}

interface SavedState {
  readonly saved?: 'created' | 'updated';
  readonly version?: number;
}

function NotificationPage({ session }: { readonly session: Session }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const location = useLocation();
  const saved = (location.state ?? {}) as SavedState;
  const notification = useApi(`notification:${id}`, (signal) => api.notification(id, signal));
  const reference = notification.data?.reference ?? t('notification.title', { id });
  useDocumentTitle(reference);

  if (notification.status === 'error') {
    return (
      <>
        <Heading level={1}>{t('notification.title', { id })}</Heading>
        <ErrorState
          error={notification.error}
          onRetry={notification.reload}
          notFound={t('notification.notFound', { id })}
        />
      </>
    );
  }
  if (notification.data === null) {
    return (
      <>
        <Heading level={1}>{t('notification.title', { id })}</Heading>
        <LoadingState />
      </>
    );
  }
  return (
    <NotificationView
      notification={notification.data}
      session={session}
      saved={saved}
      reload={notification.reload}
    />
  );
}

const REPORT_ORDER: readonly ReportField[] = [
  'kind',
  'expectedStart',
  'expectedEnd',
  'causeCategory',
  'causeText',
  'stockWeeks',
  'marketSharePercent',
  'partialSupply',
  'ownAlternatives',
  'otherAlternatives',
  'patientImpact',
  'patientImpactText',
  'mitigationText',
  'companyReference',
];

function NotificationView({
  notification,
  session,
  saved,
  reload,
}: {
  readonly notification: NotificationDetail;
  readonly session: Session;
  readonly saved: SavedState;
  readonly reload: () => void;
}) {
  const i18n = useI18n();
  const { t, number, date, dateTime } = i18n;
  const role = session.user.role;
  const authority = AUTHORITY_ROLES.includes(role);
  const auditReader = isDecider(role);
  const audit = useApi(
    `audit:${String(notification.id)}:${auditReader ? 'yes' : 'no'}:${notification.updatedAt}`,
    (signal) =>
      auditReader
        ? api.auditLog('notification', String(notification.id), signal)
        : Promise.resolve(null),
  );
  const productNames = [...new Set(notification.products.map((product) => product.name))];
  const atcCodes = [
    ...new Set(
      notification.products.flatMap((product) => (product.atc === null ? [] : [product.atc])),
    ),
  ];

  const packColumns = useMemo<Column<NotificationPack>[]>(
    () => [
      {
        key: 'name',
        label: t('notification.product'),
        rowHeader: true,
        value: (row) => row.name,
      },
      {
        key: 'registrationNumber',
        label: t('notification.registration'),
        value: (row) => row.registrationNumber,
      },
      {
        key: 'atc',
        label: t('common.atc'),
        value: (row) => row.atc,
        render: (row) =>
          row.atc === null ? (
            t('common.none')
          ) : (
            <AppLink to={paths.substance(row.atc)} className="ms-code">
              {row.atc}
            </AppLink>
          ),
      },
      { key: 'strength', label: t('notification.strength'), value: (row) => row.strength },
      { key: 'description', label: t('notification.pack'), value: (row) => row.description },
      { key: 'gtin', label: 'GTIN', value: (row) => row.gtin },
      {
        key: 'nationalCode',
        label: t('notification.nationalCode'),
        value: (row) => row.nationalCode,
      },
    ],
    [t],
  );

  const factorColumns = useMemo<Column<RiskFactor>[]>(
    () => [
      {
        key: 'factor',
        label: t('risk.column.factor'),
        rowHeader: true,
        value: (row) => factorName(row, i18n),
      },
      {
        key: 'finding',
        label: t('risk.column.finding'),
        sortable: false,
        value: (row) => describeFactor(row, i18n),
      },
      {
        key: 'weight',
        label: t('risk.column.weight'),
        numeric: true,
        value: (row) => row.weight,
      },
      {
        key: 'points',
        label: t('risk.column.points'),
        numeric: true,
        value: (row) => row.points,
        render: (row) => (
          <span className="ms-points">
            <span className="ms-points__number">{number(row.points, 1)}</span>
            <span className="ms-points__track" aria-hidden="true">
              <span
                className="ms-points__bar"
                style={{
                  inlineSize: `${row.weight === 0 ? 0 : Math.min(100, (row.points / row.weight) * 100)}%`,
                }}
              />
            </span>
          </span>
        ),
      },
    ],
    [t, number, i18n],
  );

  const auditColumns = useMemo<Column<AuditEntry>[]>(
    () => [
      {
        key: 'at',
        label: t('audit.at'),
        rowHeader: true,
        value: (row) => row.at,
        render: (row) => <span className="ms-nowrap">{dateTime(row.at)}</span>,
      },
      {
        key: 'actor',
        label: t('audit.actor'),
        value: (row) =>
          `${row.actor.name ?? row.actor.id ?? ''}${row.actor.role == null ? '' : ` (${t(`role.${row.actor.role}`)})`}`,
      },
      {
        key: 'action',
        label: t('audit.action'),
        facet: true,
        facetKey: (row) => row.action,
        facetLabel: (value) => auditActionLabel(value, t),
        value: (row) => auditActionLabel(row.action, t),
      },
      {
        key: 'change',
        label: t('audit.change'),
        sortable: false,
        value: (row) =>
          summariseAuditChange(row.before, row.after, i18n)
            .map((change) => `${change.key}: ${change.before} → ${change.after}`)
            .join('; '),
        render: (row) => {
          const changes = summariseAuditChange(row.before, row.after, i18n);
          if (changes.length === 0) return t('common.none');
          return (
            <ul className="ms-changes">
              {changes.map((change) => (
                <li key={change.key}>
                  <span className="ms-changes__key">{change.key}</span>: {change.before} →{' '}
                  {change.after}
                </li>
              ))}
            </ul>
          );
        },
      },
    ],
    [t, dateTime, i18n],
  );

  const [exporting, setExporting] = useState<'json' | 'csv' | null>(null);
  const exportEsmp = (format: 'json' | 'csv') => {
    if (exporting !== null) return;
    setExporting(format);
    const done = () => {
      setExporting(null);
    };
    if (format === 'json') {
      api
        .esmpExport(notification.id)
        .then((data) => {
          downloadText(
            `${notification.reference}-esmp.json`,
            `${JSON.stringify(data, null, 2)}\n`,
            'application/json;charset=utf-8',
          );
        }, done)
        .finally(done);
    } else {
      api
        .esmpExportCsv(notification.id)
        .then((text) => {
          downloadText(`${notification.reference}-esmp.csv`, text);
        }, done)
        .finally(done);
    }
  };

  const lateness = notification.lateness;
  return (
    <>
      <p className="ms-eyebrow">
        {t('notification.eyebrow', { company: notification.organisationName })}
      </p>
      <div className="ms-page-title">
        <Heading level={1}>{notification.reference}</Heading>
        <div className="ms-page-title__badges">
          <StatusBadge status={notification.status} />
          {notification.report.kind !== 'shortage' ? (
            <DataBadge>{t(`kind.${notification.report.kind}`)}</DataBadge>
          ) : null}
        </div>
      </div>
      <Paragraph purpose="lead" className="ms-lead" data-testid="notification-products">
        {productNames.join('; ')}
      </Paragraph>

      {saved.saved !== undefined ? (
        <Alert type="ok" role="status">
          <Paragraph>
            {saved.saved === 'created'
              ? t('notification.saved.created', { reference: notification.reference })
              : t('notification.saved.updated', {
                  reference: notification.reference,
                  version: saved.version ?? notification.version,
                })}
          </Paragraph>
        </Alert>
      ) : null}

      <section aria-labelledby="summary-heading" className="ms-section ms-section--plain">
        <Heading level={2} id="summary-heading" className="ms-visually-hidden">
          {t('notification.summary')}
        </Heading>
        <KeyFigures
          figures={[
            ...(authority
              ? [
                  {
                    id: 'risk',
                    label: t('notification.riskScore'),
                    value:
                      notification.risk.score === null
                        ? t('common.none')
                        : number(notification.risk.score, 1),
                    tone:
                      notification.risk.riskClass === 'high'
                        ? ('danger' as const)
                        : notification.risk.riskClass === 'medium'
                          ? ('warning' as const)
                          : ('neutral' as const),
                    note:
                      notification.risk.riskClass === null
                        ? undefined
                        : t('notification.riskClassNote', {
                            riskClass: t(`risk.class.${notification.risk.riskClass}`),
                          }),
                  },
                ]
              : []),
            {
              id: 'expected-start',
              label: t('report.expectedStart'),
              value: date(notification.report.expectedStart),
              note:
                notification.report.expectedEnd === null
                  ? t('notification.endUnknown')
                  : t('notification.until', { date: date(notification.report.expectedEnd) }),
            },
            {
              id: 'days-late',
              label: t('lateness.column'),
              value: number(lateness.daysLate),
              tone: lateness.late ? 'danger' : 'neutral',
              note: lateness.late
                ? t('lateness.noteLate', { deadline: date(lateness.deadline) })
                : lateness.excepted
                  ? t('lateness.noteExcepted')
                  : t('lateness.noteOnTime', { deadline: date(lateness.deadline) }),
            },
            {
              id: 'version',
              label: t('notification.version'),
              value: number(notification.version),
              note: t('notification.firstReported', { date: date(notification.firstReportedOn) }),
            },
          ]}
        />
      </section>

      <NotificationActions notification={notification} session={session} onChanged={reload} />

      <div className="ms-columns">
        <section aria-labelledby="report-heading" className="ms-section">
          <Heading level={2} id="report-heading">
            {t('notification.report.heading', { version: notification.version })}
          </Heading>
          <DataList appearance="rows" className="ms-datalist ms-report" data-testid="report">
            {REPORT_ORDER.map((field) => (
              <DataListItem key={field}>
                <DataListKey>{t(`report.${field}`)}</DataListKey>
                <DataListValue className="ms-preserve-lines">
                  {formatReportValue(
                    field,
                    notification.report[field],
                    i18n,
                    notification.products,
                  )}
                </DataListValue>
              </DataListItem>
            ))}
            <DataListItem>
              <DataListKey>{t('notification.publicAdvice')}</DataListKey>
              <DataListValue className="ms-preserve-lines">
                <span data-testid="public-advice">
                  {notification.publicAdvice === '' ? t('common.none') : notification.publicAdvice}
                </span>
              </DataListValue>
            </DataListItem>
          </DataList>
        </section>

        <section aria-labelledby="lateness-heading" className="ms-section">
          <Heading level={2} id="lateness-heading">
            {t('lateness.heading')}
          </Heading>
          <Paragraph className="ms-muted">{t('lateness.rule')}</Paragraph>
          <DataList appearance="rows" className="ms-datalist" data-testid="lateness">
            <DataListItem>
              <DataListKey>{t('lateness.deadline')}</DataListKey>
              <DataListValue>{date(lateness.deadline)}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('notification.firstReportedOn')}</DataListKey>
              <DataListValue>{date(notification.firstReportedOn)}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('lateness.column')}</DataListKey>
              <DataListValue>
                <LatenessValue lateness={lateness} />
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('lateness.unforeseeable')}</DataListKey>
              <DataListValue>{i18n.yesNo(notification.unforeseeable)}</DataListValue>
            </DataListItem>
          </DataList>
        </section>
      </div>

      <section aria-labelledby="packs-heading" className="ms-section">
        <Heading level={2} id="packs-heading">
          {t('notification.packs.heading')}
        </Heading>
        <ClientDataTable
          id="packs"
          caption={t('notification.packs.caption', { reference: notification.reference })}
          columns={packColumns}
          rows={notification.products}
          rowKey={(row) => String(row.packId)}
          textFilter={false}
        />
      </section>

      {authority ? (
        <section aria-labelledby="risk-heading" className="ms-section" data-testid="risk">
          <div className="ms-page-title">
            <Heading level={2} id="risk-heading">
              {t('risk.heading')}
            </Heading>
            <RiskBadge score={notification.risk.score} riskClass={notification.risk.riskClass} />
          </div>
          <Paragraph className="ms-muted">{t('risk.lead')}</Paragraph>
          <ClientDataTable
            id="factors"
            caption={t('risk.caption', { reference: notification.reference })}
            columns={factorColumns}
            rows={notification.risk.factors ?? []}
            rowKey={(row) => row.key}
            defaultSort="-points"
            textFilter={false}
          />
        </section>
      ) : null}

      <ForeignShortagesSection atcCodes={atcCodes} id="abroad" />

      <section aria-labelledby="versions-heading" className="ms-section" data-testid="versions">
        <Heading level={2} id="versions-heading">
          {t('versions.heading')}
        </Heading>
        <ol className="ms-versions" reversed>
          {[...notification.versions].reverse().map((version) => (
            <li key={version.version} className="ms-versions__item">
              <Heading level={3} appearance="level-4">
                {t('versions.version', { version: version.version })}
              </Heading>
              <p className="ms-versions__meta">
                {t('versions.meta', {
                  at: dateTime(version.submittedAt),
                  by: version.submittedBy,
                })}
              </p>
              {version.version === 1 ? (
                <p className="ms-muted-text">{t('versions.first')}</p>
              ) : version.changes.length === 0 ? (
                <p className="ms-muted-text">{t('versions.noChanges')}</p>
              ) : (
                <table className="ms-diff" data-testid={`diff-${String(version.version)}`}>
                  <caption className="ms-visually-hidden">
                    {t('versions.caption', { version: version.version })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('versions.field')}</th>
                      <th scope="col">{t('versions.before')}</th>
                      <th scope="col">{t('versions.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {version.changes.map((change) => (
                      <tr key={change.field}>
                        <th scope="row">{fieldLabel(change.field, i18n)}</th>
                        <td className="ms-diff__before">
                          <del>
                            {formatReportValue(
                              change.field,
                              change.before,
                              i18n,
                              notification.products,
                            )}
                          </del>
                        </td>
                        <td className="ms-diff__after">
                          <ins>
                            {formatReportValue(
                              change.field,
                              change.after,
                              i18n,
                              notification.products,
                            )}
                          </ins>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="events-heading" className="ms-section" data-testid="events">
        <Heading level={2} id="events-heading">
          {t('events.heading')}
        </Heading>
        <ol className="ms-timeline">
          {notification.events.map((event) => (
            <li key={event.id} className={`ms-timeline__item ms-timeline__item--${event.kind}`}>
              <p className="ms-timeline__meta">
                <time dateTime={event.at}>{dateTime(event.at)}</time>
                {' · '}
                {event.actor}
                {event.actorRole === '' ? '' : ` (${roleLabel(event.actorRole, t)})`}
              </p>
              <p className="ms-timeline__title">
                {t(`events.kind.${event.kind}`)}
                {event.kind === 'status_change' && event.toStatus !== null ? (
                  <>
                    {': '}
                    {event.fromStatus === null ? '' : `${t(`status.${event.fromStatus}`)} → `}
                    {t(`status.${event.toStatus}`)}
                  </>
                ) : null}
              </p>
              {event.body !== '' ? (
                <p className="ms-timeline__body ms-preserve-lines">
                  {describeEventBody(event.kind, event.body, i18n)}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {auditReader ? (
        <section aria-labelledby="audit-heading" className="ms-section" data-testid="audit">
          <Heading level={2} id="audit-heading">
            {t('audit.heading')}
          </Heading>
          <Paragraph className="ms-muted">{t('audit.lead')}</Paragraph>
          {audit.status === 'error' ? (
            <ErrorState error={audit.error} onRetry={audit.reload} />
          ) : null}
          {audit.data === null && audit.status === 'loading' ? <LoadingState /> : null}
          {audit.data !== null ? (
            <ClientDataTable
              id="audit"
              caption={t('audit.caption', { reference: notification.reference })}
              columns={auditColumns}
              rows={audit.data.items}
              rowKey={(row) => String(row.id)}
              defaultSort="-at"
            />
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="esmp-heading" className="ms-section ms-section--compact">
        <Heading level={2} id="esmp-heading">
          {t('esmp.heading')}
        </Heading>
        <Paragraph className="ms-muted">{t('esmp.lead')}</Paragraph>
        <div className="ms-action__buttons">
          <Button
            purpose="secondary"
            disabled={exporting !== null}
            onClick={() => {
              exportEsmp('csv');
            }}
            data-testid="esmp-csv"
          >
            {t('esmp.csv')}
          </Button>
          <Button
            purpose="secondary"
            disabled={exporting !== null}
            onClick={() => {
              exportEsmp('json');
            }}
            data-testid="esmp-json"
          >
            {t('esmp.json')}
          </Button>
        </div>
      </section>
    </>
  );
}

function roleLabel(role: string, t: ReturnType<typeof useI18n>['t']): string {
  switch (role) {
    case 'mah':
    case 'wholesaler':
    case 'analyst':
    case 'coordinator':
    case 'policy':
    case 'admin':
      return t(`role.${role}`);
    default:
      return role;
  }
}

const AUDIT_ACTIONS = [
  'create',
  'update',
  'status_change',
  'comment',
  'information_request',
  'advice',
  'unforeseeable',
] as const;

function auditActionLabel(action: string, t: ReturnType<typeof useI18n>['t']): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action)
    ? t(`audit.action.${action as (typeof AUDIT_ACTIONS)[number]}`)
    : action;
}
