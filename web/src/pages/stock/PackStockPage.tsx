import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import {
  Alert,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormField,
  FormLabel,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { useId, useMemo, useState, type SyntheticEvent } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Session } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { DataBadge } from '../../components/Badges.tsx';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { localToday } from '../../components/dates.ts';
import { ForeignShortagesSection } from '../../components/ForeignShortagesSection.tsx';
import { TextField } from '../../components/FormControls.tsx';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { paths } from '../../components/links.ts';
import { useNotificationColumns } from '../../components/notification-columns.tsx';
import { isIsoDate, type FieldError } from '../../components/notification-form-model.ts';
import { RequireSession } from '../../components/RequireSession.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { StockHistoryChart, StockLegend } from '../../components/StockHistoryChart.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';
import { PackHoldersSection } from './PackHoldersSection.tsx';
import { isForecastMethod, stockApi, type ForecastCandidate, type PackStock } from './stock-api.ts';
import { addDays, packChartModel, weeklyRows, type PackWeekRow } from './stock-view-model.ts';

/** Weeks of history and of horizon the page offers; the API takes days (7..784, 7..364). */
const HISTORY_WEEKS = [13, 26, 52, 104] as const;
const HORIZON_WEEKS = [4, 13, 26, 52] as const;
const DEFAULT_HISTORY_WEEKS = 26;
const DEFAULT_HORIZON_WEEKS = 26;

function weeksParam(value: string | null, allowed: readonly number[], fallback: number): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return allowed.includes(parsed) ? parsed : fallback;
}

/** The product page: one pack's stock, demand, forecast, holders, notifications and signals. */
export function PackStockPage() {
  return <RequireSession>{(session) => <PackStockView session={session} />}</RequireSession>;
}

function PackStockView({ session }: { readonly session: Session }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const today = localToday();
  const asOfParam = params.get('asOf');
  const asOfValid = asOfParam === null || (isIsoDate(asOfParam) && asOfParam <= today);
  const asOf = asOfParam !== null && asOfValid ? asOfParam : today;
  const historyWeeks = weeksParam(params.get('history'), HISTORY_WEEKS, DEFAULT_HISTORY_WEEKS);
  const horizonWeeks = weeksParam(params.get('horizon'), HORIZON_WEEKS, DEFAULT_HORIZON_WEEKS);
  const validId = /^\d+$/.test(id);

  const view = useApi(
    `pack-stock:${id}:${asOf}:${String(historyWeeks)}:${String(horizonWeeks)}`,
    (signal) =>
      stockApi.packStock(
        id,
        { asOf, historyDays: historyWeeks * 7, horizonDays: horizonWeeks * 7 },
        signal,
      ),
  );
  useDocumentTitle(view.data === null ? t('pack.title') : view.data.product.name);

  const setParam = (changes: Readonly<Record<string, string | null>>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { preventScrollReset: true },
    );
  };

  if (!validId) {
    return (
      <>
        <Heading level={1}>{t('pack.title')}</Heading>
        <ErrorState error={new Error(t('pack.notFound'))} />
      </>
    );
  }

  const data = view.data;
  return (
    <>
      {data === null ? <Heading level={1}>{t('pack.title')}</Heading> : <PackHeader view={data} />}
      <PackControls
        asOf={asOf}
        today={today}
        asOfValid={asOfValid}
        historyWeeks={historyWeeks}
        horizonWeeks={horizonWeeks}
        onChange={setParam}
      />
      {view.status === 'error' ? (
        <ErrorState error={view.error} onRetry={view.reload} notFound={t('pack.notFound')} />
      ) : null}
      {data === null && view.status === 'loading' ? <LoadingState /> : null}
      {data !== null ? (
        <>
          <PackFigures view={data} />
          <PackChart view={data} />
          <ForecastSection view={data} />
          <PackHoldersSection view={data} session={session} />
          <PackNotifications view={data} />
          {data.product.atc !== null ? (
            <ForeignShortagesSection atcCodes={[data.product.atc]} id="pack-foreign" />
          ) : null}
        </>
      ) : null}
    </>
  );
}

function PackHeader({ view }: { readonly view: PackStock }) {
  const { t } = useI18n();
  return (
    <>
      <Heading level={1}>{view.product.name}</Heading>
      <Paragraph purpose="lead" className="ms-lead">
        {t('pack.lead', { pack: view.description })}
      </Paragraph>
      <DataList appearance="rows" className="ms-datalist" data-testid="pack-facts">
        <DataListItem>
          <DataListKey>{t('pack.registration')}</DataListKey>
          <DataListValue className="ms-code">{view.product.registrationNumber}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('pack.gtin')}</DataListKey>
          <DataListValue className="ms-code">{view.gtin ?? t('common.none')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('common.atc')}</DataListKey>
          <DataListValue>
            {view.product.atc === null ? (
              t('common.none')
            ) : (
              <AppLink to={paths.substance(view.product.atc)} className="ms-code">
                {view.product.atc}
              </AppLink>
            )}
          </DataListValue>
        </DataListItem>
      </DataList>
      {view.scope === 'holder' ? (
        <Alert type="info" data-testid="pack-scope-own">
          <Paragraph>{t('pack.scope.holder')}</Paragraph>
        </Alert>
      ) : null}
    </>
  );
}

function PackControls({
  asOf,
  today,
  asOfValid,
  historyWeeks,
  horizonWeeks,
  onChange,
}: {
  readonly asOf: string;
  readonly today: string;
  readonly asOfValid: boolean;
  readonly historyWeeks: number;
  readonly horizonWeeks: number;
  readonly onChange: (changes: Readonly<Record<string, string | null>>) => void;
}) {
  const { t, number } = useI18n();
  const historyId = useId();
  const horizonId = useId();
  const [asOfText, setAsOfText] = useState(asOf);
  const [error, setError] = useState<FieldError | undefined>(undefined);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isIsoDate(asOfText)) {
      setError({ key: 'form.error.date' });
      return;
    }
    if (asOfText > today) {
      setError({ key: 'stock.error.future' });
      return;
    }
    setError(undefined);
    onChange({ asOf: asOfText === today ? null : asOfText });
  };

  return (
    <form
      className="ms-section ms-period"
      onSubmit={submit}
      noValidate
      aria-labelledby="pack-view-heading"
    >
      <Heading level={2} id="pack-view-heading" appearance="level-3">
        {t('pack.controls.heading')}
      </Heading>
      <div className="ms-form__row ms-period__row">
        <TextField
          id="pack-as-of"
          label={t('stock.asOf')}
          type="date"
          width="sm"
          value={asOfText}
          onChange={setAsOfText}
          error={error}
        />
        <div className="ms-period__submit">
          <Button type="submit" purpose="primary" data-testid="pack-as-of-apply">
            {t('stock.apply')}
          </Button>
        </div>
        <FormField className="ms-select-field">
          <FormLabel htmlFor={historyId}>{t('pack.controls.history')}</FormLabel>
          <Select
            id={historyId}
            value={String(historyWeeks)}
            onChange={(event) => {
              onChange({
                history:
                  event.target.value === String(DEFAULT_HISTORY_WEEKS) ? null : event.target.value,
              });
            }}
          >
            {HISTORY_WEEKS.map((weeks) => (
              <SelectOption key={weeks} value={String(weeks)}>
                {t('stock.weeksOption', { weeks: number(weeks) })}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField className="ms-select-field">
          <FormLabel htmlFor={horizonId}>{t('pack.controls.horizon')}</FormLabel>
          <Select
            id={horizonId}
            value={String(horizonWeeks)}
            onChange={(event) => {
              onChange({
                horizon:
                  event.target.value === String(DEFAULT_HORIZON_WEEKS) ? null : event.target.value,
              });
            }}
          >
            {HORIZON_WEEKS.map((weeks) => (
              <SelectOption key={weeks} value={String(weeks)}>
                {t('stock.weeksOption', { weeks: number(weeks) })}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      </div>
      {!asOfValid ? (
        <p className="ms-field-hint" role="status">
          {t('stock.asOfInvalidUrl')}
        </p>
      ) : null}
    </form>
  );
}

function methodLabel(t: ReturnType<typeof useI18n>['t'], method: string): string {
  return isForecastMethod(method) ? t(`forecast.method.${method}`) : method;
}

function PackFigures({ view }: { readonly view: PackStock }) {
  const { t, number, date } = useI18n();
  const { current, projection, forecast } = view;
  const stockOut = projection.stockOutDate;
  const cover = current.coverWeeks;
  return (
    <section aria-labelledby="pack-figures" className="ms-section ms-section--plain">
      <Heading level={2} id="pack-figures" className="ms-visually-hidden">
        {t('pack.figures')}
      </Heading>
      <KeyFigures
        figures={[
          {
            id: 'pack-on-hand',
            label: view.scope === 'national' ? t('pack.onHand.national') : t('pack.onHand.own'),
            value: current.onHand === null ? t('common.none') : number(current.onHand),
            tone: current.onHand === null ? 'warning' : current.onHand === 0 ? 'danger' : 'neutral',
            note:
              current.onHand === null
                ? t('pack.onHand.none')
                : t('pack.onHand.note', { date: date(view.asOf) }),
          },
          {
            id: 'pack-cover',
            label: t('pack.cover'),
            value:
              cover === null ? t('common.none') : t('stock.weeks', { weeks: number(cover, 1) }),
            tone:
              cover !== null && cover < 2
                ? 'danger'
                : cover !== null && cover < 4
                  ? 'warning'
                  : 'neutral',
            note: current.noDemand
              ? t('pack.cover.noDemand')
              : current.onHand === null
                ? t('pack.onHand.none')
                : t('pack.cover.note', { demand: number(current.averageDailyDemand, 1) }),
          },
          {
            id: 'pack-stock-out',
            label: t('pack.stockOut'),
            value:
              current.onHand === null
                ? t('common.none')
                : stockOut === null
                  ? t('pack.stockOut.none')
                  : date(stockOut),
            tone: stockOut === null || current.onHand === null ? 'neutral' : 'danger',
            note:
              current.onHand === null
                ? t('pack.onHand.none')
                : stockOut === null
                  ? t('pack.stockOut.noneNote', { weeks: number(projection.horizonDays / 7) })
                  : t('pack.stockOut.note', { unmet: number(projection.unmetUnits) }),
          },
          {
            id: 'pack-forecast',
            label: t('pack.forecast.error'),
            value:
              forecast.heldOut === null || forecast.heldOut.mase === null
                ? t('common.none')
                : number(forecast.heldOut.mase, 2),
            note:
              forecast.heldOut === null || forecast.heldOut.mase === null
                ? t('pack.forecast.noHeldOut')
                : t('pack.forecast.errorNote', {
                    method: methodLabel(t, forecast.method),
                    days: number(forecast.heldOut.days),
                  }),
          },
        ]}
      />
    </section>
  );
}

function PackChart({ view }: { readonly view: PackStock }) {
  const { t, number, date } = useI18n();
  const model = useMemo(() => packChartModel(view), [view]);
  const rows = useMemo(() => weeklyRows(model), [model]);
  const columns = useMemo<Column<PackWeekRow>[]>(
    () => [
      {
        key: 'weekEnd',
        label: t('pack.table.weekEnd'),
        rowHeader: true,
        value: (row) => row.weekEnd,
        render: (row) => <span className="ms-nowrap">{date(row.weekEnd)}</span>,
      },
      {
        key: 'kind',
        label: t('pack.table.kind'),
        facet: true,
        facetKey: (row) => row.kind,
        facetLabel: (value) =>
          t(value === 'history' ? 'pack.table.history' : 'pack.table.expected'),
        value: (row) => t(row.kind === 'history' ? 'pack.table.history' : 'pack.table.expected'),
      },
      {
        key: 'stock',
        label: t('pack.table.stock'),
        numeric: true,
        value: (row) => (row.stock === null ? null : Math.round(row.stock)),
      },
      {
        key: 'demand',
        label: t('pack.table.demand'),
        numeric: true,
        value: (row) => Math.round(row.demand),
      },
      {
        key: 'incoming',
        label: t('pack.table.incoming'),
        numeric: true,
        value: (row) => row.incoming,
      },
    ],
    [t, date],
  );
  const stockOut = view.projection.stockOutDate;
  const nothingReported = view.history.every((day) => day.stock === null && day.demand === 0);
  const aria = t('pack.chart.aria', {
    from: date(view.history[0]?.date ?? view.asOf),
    asOf: date(view.asOf),
    to: date(addDays(view.asOf, view.projection.horizonDays)),
    stock: view.current.onHand === null ? t('common.none') : number(view.current.onHand),
    stockOut: stockOut === null ? t('pack.stockOut.none') : date(stockOut),
    deliveries: number(view.incoming.length),
  });
  return (
    <section aria-labelledby="pack-chart-heading" className="ms-section">
      <Heading level={2} id="pack-chart-heading">
        {view.scope === 'national' ? t('pack.chart.heading') : t('pack.chart.headingOwn')}
      </Heading>
      <Paragraph className="ms-muted">{t('pack.chart.lead')}</Paragraph>
      {nothingReported ? (
        <Paragraph data-testid="pack-chart-empty">{t('pack.chart.empty')}</Paragraph>
      ) : null}
      <ChartFigure
        legend={<StockLegend />}
        chart={<StockHistoryChart model={model} ariaLabel={aria} />}
        table={
          <ClientDataTable
            id="pack-weeks"
            caption={t('pack.table.caption', { pack: view.description })}
            fileName={`pack-${String(view.packId)}-weeks-${view.asOf}`}
            columns={columns}
            rows={rows}
            rowKey={(row) => row.weekEnd}
            textFilter={false}
            defaultPageSize={25}
          />
        }
      />
    </section>
  );
}

function ForecastSection({ view }: { readonly view: PackStock }) {
  const { t, number } = useI18n();
  const { forecast } = view;
  const columns = useMemo<Column<ForecastCandidate>[]>(
    () => [
      {
        key: 'method',
        label: t('pack.forecast.candidate'),
        rowHeader: true,
        value: (row) => methodLabel(t, row.method),
        render: (row) => (
          <>
            {methodLabel(t, row.method)}{' '}
            {row.method === forecast.method ? (
              <DataBadge tone="ok">{t('pack.forecast.chosen')}</DataBadge>
            ) : null}
          </>
        ),
      },
      {
        key: 'mase',
        label: t('pack.forecast.maseColumn'),
        numeric: true,
        value: (row) => row.mase,
        render: (row) => (row.mase === null ? t('common.none') : number(row.mase, 3)),
      },
      {
        key: 'mae',
        label: t('pack.forecast.maeColumn'),
        numeric: true,
        value: (row) => row.mae,
        render: (row) => number(row.mae, 2),
      },
    ],
    [t, number, forecast.method],
  );
  return (
    <section aria-labelledby="pack-forecast-heading" className="ms-section">
      <Heading level={2} id="pack-forecast-heading">
        {t('pack.forecast.heading')}
      </Heading>
      <Paragraph data-testid="pack-forecast-text">
        {forecast.heldOut === null || forecast.heldOut.mase === null
          ? t('pack.forecast.textNoHeldOut', { method: methodLabel(t, forecast.method) })
          : t('pack.forecast.text', {
              method: methodLabel(t, forecast.method),
              days: number(forecast.heldOut.days),
              mase: number(forecast.heldOut.mase, 2),
            })}
      </Paragraph>
      <Paragraph className="ms-muted">{t('pack.forecast.maseExplained')}</Paragraph>
      {forecast.candidates.length > 0 ? (
        <ClientDataTable
          id="pack-forecast"
          caption={t('pack.forecast.caption')}
          fileName={`pack-${String(view.packId)}-forecast-methods`}
          columns={columns}
          rows={forecast.candidates}
          rowKey={(row) => row.method}
          textFilter={false}
          defaultSort="mase"
        />
      ) : null}
    </section>
  );
}

/** The notifications that name this pack; a company's listing holds only its own. */
function PackNotifications({ view }: { readonly view: PackStock }) {
  const { t } = useI18n();
  const atc = view.product.atc ?? undefined;
  const result = useApi(`pack-notifications:${atc ?? ''}`, (signal) =>
    api.notifications({ atc, pageSize: 500, sort: '-firstReportedOn' }, signal),
  );
  const columns = useNotificationColumns([
    'reference',
    'company',
    'status',
    'riskScore',
    'expectedStart',
    'expectedEnd',
    'firstReportedOn',
  ]);
  const rows = useMemo(
    () =>
      (result.data?.items ?? []).filter((notification) =>
        notification.products.some((pack) => pack.packId === view.packId),
      ),
    [result.data, view.packId],
  );
  return (
    <section aria-labelledby="pack-notifications-heading" className="ms-section">
      <Heading level={2} id="pack-notifications-heading">
        {t('pack.notifications.heading')}
      </Heading>
      {result.status === 'error' ? (
        <ErrorState error={result.error} onRetry={result.reload} />
      ) : null}
      {result.data === null && result.status === 'loading' ? <LoadingState /> : null}
      {result.data !== null ? (
        rows.length === 0 ? (
          <Paragraph data-testid="pack-notifications-none">
            {t('pack.notifications.none')}
          </Paragraph>
        ) : (
          <ClientDataTable
            id="pack-notifications"
            caption={t('pack.notifications.caption', { pack: view.description })}
            columns={columns}
            rows={rows}
            rowKey={(row) => String(row.id)}
          />
        )
      ) : null}
    </section>
  );
}
