import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import {
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { useId, useMemo, useState, type SyntheticEvent } from 'react';
import { useSearchParams } from 'react-router';
import { AUTHORITY_ROLES } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { localToday } from '../../components/dates.ts';
import { TextField, useFieldErrorText } from '../../components/FormControls.tsx';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { paths } from '../../components/links.ts';
import { isIsoDate, type FieldError } from '../../components/notification-form-model.ts';
import { RequireSession } from '../../components/RequireSession.tsx';
import {
  ScenarioStockChart,
  ScenarioStockLegend,
  scenarioPackLabel,
} from '../../components/ScenarioStockChart.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { foldText } from '../../components/table-model.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';
import {
  earlyWarningApi,
  type FailureSite,
  type ScenarioPack,
  type SiteFailureQuery,
  type SiteFailureScenario,
} from './early-warning-api.ts';
import { packsToDraw, stockByDay, stockOnDay, tableDays } from './stock-chart-scale.ts';
import './early-warning.css';

export function SiteFailurePage() {
  return <RequireSession roles={AUTHORITY_ROLES}>{() => <SiteFailure />}</RequireSession>;
}

/** Lines in the chart: beyond about ten, no one tells them apart; the table holds every pack. */
const CHART_LINES = 10;
/** Sites listed in the picker at once; typing narrows the list. */
const SHOWN_SITES = 60;
/** The API's bounds for the horizon. */
const MIN_HORIZON_DAYS = 7;
const MAX_HORIZON_DAYS = 364;

interface Draft {
  readonly siteId?: number;
  readonly failureDate?: string;
  readonly horizon?: string;
  readonly spare?: string;
}

interface DraftErrors {
  failureDate?: FieldError;
  horizon?: FieldError;
  spare?: FieldError;
}

function positiveInteger(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/** The spare capacity in the URL and the API is a share 0-1; people type a percentage. */
function parseShare(text: string | null): number | undefined {
  if (text === null || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}

/**
 * The site the page opens with: one that has stopped and that packs depend on alone (the real
 * case to look at), else the one with the most such packs (the API lists those first).
 */
function defaultFailureSite(sites: readonly FailureSite[]): FailureSite | undefined {
  return sites.find((site) => site.stoppedSince !== null && site.soleSourcePacks > 0) ?? sites[0];
}

function sitePlace(
  site: { countryCode: string | null; city: string | null },
  country: (iso2: string) => string,
) {
  return [site.city, site.countryCode === null ? null : country(site.countryCode)]
    .filter((part): part is string => part !== null && part !== '')
    .join(', ');
}

/**
 * "Which products run out, and when?" when one manufacturing site stops: the packs whose active
 * substance comes from it alone run down their national stock, alternatives take over what their
 * spare capacity allows, and the rest is demand not served.
 */
function SiteFailure() {
  const i18n = useI18n();
  const { t } = i18n;
  useDocumentTitle(t('scenario.title'));
  const sites = useApi('failure-sites', (signal) => earlyWarningApi.failureSites(signal));

  return (
    <>
      <Heading level={1}>{t('scenario.heading')}</Heading>
      <Paragraph purpose="lead" className="ms-lead">
        {t('scenario.lead')}
      </Paragraph>
      {sites.status === 'error' ? <ErrorState error={sites.error} onRetry={sites.reload} /> : null}
      {sites.data === null && sites.status === 'loading' ? <LoadingState /> : null}
      {sites.data !== null ? (
        sites.data.length === 0 ? (
          <Paragraph>{t('scenario.noSites')}</Paragraph>
        ) : (
          <Scenario sites={sites.data} />
        )
      ) : null}
    </>
  );
}

function Scenario({ sites }: { readonly sites: readonly FailureSite[] }) {
  const i18n = useI18n();
  const { t, number, percent, date, country } = i18n;
  const [params, setParams] = useSearchParams();
  const today = localToday();
  const fallbackSite = defaultFailureSite(sites);
  const siteIdParam = positiveInteger(params.get('siteId'));
  const site = sites.find((candidate) => candidate.siteId === siteIdParam) ?? fallbackSite;
  const failureDateParam = params.get('failureDate');
  const failureDate =
    failureDateParam !== null && isIsoDate(failureDateParam)
      ? failureDateParam
      : (site?.stoppedSince ?? today);
  const horizonDays = positiveInteger(params.get('horizonDays'));
  const spareCapacity = parseShare(params.get('spareCapacity'));

  const query: SiteFailureQuery | null =
    site === undefined
      ? null
      : {
          siteId: site.siteId,
          failureDate,
          horizonDays:
            horizonDays !== undefined &&
            horizonDays >= MIN_HORIZON_DAYS &&
            horizonDays <= MAX_HORIZON_DAYS
              ? horizonDays
              : undefined,
          spareCapacity,
        };
  const scenario = useApi(`site-failure:${JSON.stringify(query)}`, (signal) =>
    query === null ? Promise.resolve(null) : earlyWarningApi.siteFailure(query, signal),
  );
  const answer = scenario.data;

  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<DraftErrors>({});
  const [siteSearch, setSiteSearch] = useState('');
  const searchId = useId();
  const siteListId = useId();
  const spareId = useId();
  const horizonId = useId();

  const chosenSiteId = draft.siteId ?? site?.siteId;
  const failureDateText = draft.failureDate ?? failureDate;
  const horizonText = draft.horizon ?? (answer === null ? '' : String(answer.horizonDays));
  const spareText =
    draft.spare ?? (answer === null ? '' : String(Math.round(answer.spareCapacity * 100)));

  const shownSites = useMemo(() => {
    const needle = foldText(siteSearch.trim());
    const matching = sites.filter(
      (candidate) =>
        needle === '' ||
        foldText(
          [
            candidate.name,
            candidate.city ?? '',
            candidate.countryCode ?? '',
            country(candidate.countryCode ?? ''),
          ].join(' '),
        ).includes(needle),
    );
    const shown = matching.slice(0, SHOWN_SITES);
    const chosen = sites.find((candidate) => candidate.siteId === chosenSiteId);
    // The chosen site stays in the list, so the list box always shows what will be computed.
    if (chosen !== undefined && !shown.includes(chosen)) shown.unshift(chosen);
    return { shown, matching: matching.length };
  }, [sites, siteSearch, chosenSiteId, country]);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: DraftErrors = {};
    if (!isIsoDate(failureDateText)) found.failureDate = { key: 'scenario.error.date' };
    const horizon = horizonText.trim() === '' ? undefined : positiveInteger(horizonText.trim());
    if (
      horizonText.trim() !== '' &&
      (horizon === undefined || horizon < MIN_HORIZON_DAYS || horizon > MAX_HORIZON_DAYS)
    )
      found.horizon = { key: 'scenario.error.horizon' };
    const sparePercent = spareText.trim() === '' ? undefined : Number(spareText.replace(',', '.'));
    if (sparePercent !== undefined && !(sparePercent >= 0 && sparePercent <= 100))
      found.spare = { key: 'scenario.error.spare' };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        const put = (key: string, value: string | undefined) => {
          if (value === undefined) next.delete(key);
          else next.set(key, value);
        };
        put('siteId', chosenSiteId === undefined ? undefined : String(chosenSiteId));
        put('failureDate', failureDateText);
        put('horizonDays', horizon === undefined ? undefined : String(horizon));
        put(
          'spareCapacity',
          sparePercent === undefined ? undefined : String(Math.round(sparePercent * 10) / 1000),
        );
        for (const key of [...next.keys()]) if (key.endsWith('.page')) next.delete(key);
        return next;
      },
      { preventScrollReset: true },
    );
    setDraft({});
  };

  return (
    <>
      <form
        className="ms-section ms-scenario-form"
        onSubmit={submit}
        noValidate
        aria-labelledby="scenario-form-heading"
      >
        <Heading level={2} id="scenario-form-heading" appearance="level-3">
          {t('scenario.form.heading')}
        </Heading>
        <div className="ms-scenario-form__site">
          <FormField className="ms-field ms-field--md">
            <FormLabel htmlFor={searchId}>
              {t('scenario.site.search')}{' '}
              <span className="ms-label-hint">{t('scenario.site.searchHint')}</span>
            </FormLabel>
            <Textbox
              id={searchId}
              type="search"
              value={siteSearch}
              autoComplete="off"
              aria-controls={siteListId}
              data-testid="scenario-site-search"
              onChange={(event) => {
                setSiteSearch(event.target.value);
              }}
            />
            <p className="ms-field-hint" aria-live="polite">
              {shownSites.matching === 0
                ? t('scenario.site.none')
                : t('scenario.site.matches', { count: number(shownSites.matching) })}
            </p>
          </FormField>
          <FormField className="ms-field ms-scenario-form__list">
            <FormLabel htmlFor={siteListId}>{t('scenario.site')}</FormLabel>
            <Select
              id={siteListId}
              size={8}
              value={chosenSiteId === undefined ? '' : String(chosenSiteId)}
              data-testid="scenario-site"
              onChange={(event) => {
                setDraft((current) => ({ ...current, siteId: Number(event.target.value) }));
              }}
            >
              {shownSites.shown.map((candidate) => {
                const values = {
                  name: candidate.name,
                  place: sitePlace(candidate, country),
                  sole: number(candidate.soleSourcePacks),
                  date: date(candidate.stoppedSince),
                };
                return (
                  <SelectOption key={candidate.siteId} value={String(candidate.siteId)}>
                    {candidate.stoppedSince === null
                      ? t('scenario.site.option', values)
                      : t('scenario.site.optionStopped', values)}
                  </SelectOption>
                );
              })}
            </Select>
          </FormField>
        </div>
        <div className="ms-form__row ms-scenario-form__row">
          <TextField
            id="scenario-failure-date"
            label={t('scenario.failureDate')}
            type="date"
            width="sm"
            value={failureDateText}
            onChange={(value) => {
              setDraft((current) => ({ ...current, failureDate: value }));
            }}
            error={errors.failureDate}
          />
          <NumberField
            id={horizonId}
            label={t('scenario.horizon')}
            value={horizonText}
            max={MAX_HORIZON_DAYS}
            step={30}
            error={errors.horizon}
            testId="scenario-horizon"
            onChange={(value) => {
              setDraft((current) => ({ ...current, horizon: value }));
            }}
          />
          <NumberField
            id={spareId}
            label={t('scenario.spareCapacity')}
            describedBy={`${spareId}-description`}
            value={spareText}
            max={100}
            step={5}
            error={errors.spare}
            testId="scenario-spare"
            onChange={(value) => {
              setDraft((current) => ({ ...current, spare: value }));
            }}
          />
          <div className="ms-scenario-form__submit">
            <Button type="submit" purpose="primary" data-testid="scenario-apply">
              {t('scenario.apply')}
            </Button>
          </div>
        </div>
        <p id={`${spareId}-description`} className="ms-field-hint ms-scenario-form__note">
          {t('scenario.spareCapacity.description')}
        </p>
      </form>

      {scenario.status === 'error' ? (
        <ErrorState error={scenario.error} onRetry={scenario.reload} />
      ) : null}
      {answer === null && scenario.status === 'loading' ? <LoadingState /> : null}
      {answer !== null ? (
        <ScenarioResult answer={answer} busy={scenario.status === 'loading'} percent={percent} />
      ) : null}
    </>
  );
}

function NumberField({
  id,
  label,
  describedBy,
  value,
  max,
  step,
  error,
  testId,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  /** The id of a hint outside the field that describes it. */
  readonly describedBy?: string;
  readonly value: string;
  readonly max: number;
  readonly step: number;
  readonly error: FieldError | undefined;
  readonly testId: string;
  readonly onChange: (value: string) => void;
}) {
  const errorText = useFieldErrorText();
  const described = [describedBy ?? null, error === undefined ? null : `${id}-error`]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <FormField
      invalid={error !== undefined}
      className="ms-field ms-number-field ms-scenario-number"
    >
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {error === undefined ? null : (
        <FormFieldErrorMessage id={`${id}-error`}>{errorText(error)}</FormFieldErrorMessage>
      )}
      <Textbox
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        step={step}
        value={value}
        invalid={error !== undefined}
        aria-describedby={described === '' ? undefined : described}
        data-testid={testId}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    </FormField>
  );
}

function ScenarioResult({
  answer,
  busy,
  percent,
}: {
  readonly answer: SiteFailureScenario;
  readonly busy: boolean;
  readonly percent: (share: number) => string;
}) {
  const i18n = useI18n();
  const { t, number, date, country } = i18n;
  const drawn = useMemo(() => packsToDraw(answer.packs, CHART_LINES), [answer.packs]);
  const firstOutDays = useMemo(() => {
    const days = answer.packs
      .map((pack) => pack.daysUntilStockOut)
      .filter((value): value is number => value !== null);
    return days.length === 0 ? null : Math.min(...days);
  }, [answer.packs]);
  const packColumns = useScenarioPackColumns();
  const { step, days } = useMemo(() => tableDays(answer.horizonDays), [answer.horizonDays]);
  const pathColumns = useMemo<Column<ScenarioPack>[]>(
    () => [
      {
        key: 'pack',
        label: t('scenario.col.pack'),
        rowHeader: true,
        value: (row) => scenarioPackLabel(row),
        render: (row) => <span className="ms-scenario-product">{scenarioPackLabel(row)}</span>,
      },
      ...days.map((day): Column<ScenarioPack> => ({
        key: `day${String(day)}`,
        label: t('scenario.chart.day', { day: number(day) }),
        numeric: true,
        value: (row) => {
          const stock = stockOnDay(stockByDay(row), day);
          return stock === null ? null : Math.round(stock);
        },
      })),
    ],
    [t, number, days],
  );
  const partialCount = answer.partiallyAffectedPacks ?? 0;

  return (
    <div aria-busy={busy}>
      <section className="ms-section ms-section--plain" aria-labelledby="scenario-figures">
        <Heading level={2} id="scenario-figures" className="ms-visually-hidden">
          {t('scenario.figures')}
        </Heading>
        <Paragraph data-testid="scenario-summary">
          {t('scenario.summary', {
            site: answer.site.name,
            place: sitePlace(answer.site, country),
            date: date(answer.failureDate),
            days: number(answer.horizonDays),
            spare: percent(answer.spareCapacity),
          })}{' '}
          <AppLink to={paths.site(answer.site.id)} data-testid="scenario-site-link">
            {t('scenario.siteLink')}
          </AppLink>
        </Paragraph>
        <KeyFigures
          figures={[
            {
              id: 'scenario-affected',
              label: t('scenario.fig.affected'),
              value: number(answer.affectedPacks),
              note: t('scenario.fig.affectedNote'),
            },
            {
              id: 'scenario-running-out',
              label: t('scenario.fig.runningOut'),
              value: number(answer.packsRunningOut),
              tone: answer.packsRunningOut > 0 ? 'danger' : 'neutral',
              note: t('scenario.fig.runningOutNote', { days: number(answer.horizonDays) }),
            },
            {
              id: 'scenario-first-stock-out',
              label: t('scenario.fig.firstStockOut'),
              value:
                answer.firstStockOutDate === null
                  ? t('scenario.fig.noStockOut')
                  : date(answer.firstStockOutDate),
              tone: answer.firstStockOutDate === null ? 'neutral' : 'warning',
              note:
                answer.firstStockOutDate === null || firstOutDays === null
                  ? t('scenario.fig.noStockOutNote')
                  : t('scenario.fig.firstStockOutNote', { days: number(firstOutDays) }),
            },
            {
              id: 'scenario-units-not-served',
              label: t('scenario.fig.unitsNotServed'),
              value: number(Math.round(answer.unitsNotServed)),
              tone: answer.unitsNotServed > 0 ? 'danger' : 'neutral',
              note: t('scenario.fig.unitsNotServedNote'),
            },
          ]}
        />
        {partialCount > 0 ? (
          <Paragraph className="ms-muted">
            {t('scenario.partial', { count: number(partialCount) })}
          </Paragraph>
        ) : null}
      </section>

      {answer.packs.length === 0 ? (
        <Paragraph>{t('scenario.noneAffected')}</Paragraph>
      ) : (
        <>
          <section className="ms-section" aria-labelledby="scenario-chart-heading">
            <Heading level={2} id="scenario-chart-heading">
              {t('scenario.chart.heading')}
            </Heading>
            <Paragraph className="ms-muted">{t('scenario.chart.lead')}</Paragraph>
            <ChartFigure
              legend={<ScenarioStockLegend packs={drawn} />}
              chart={
                <ScenarioStockChart
                  packs={drawn}
                  horizonDays={answer.horizonDays}
                  failureDate={answer.failureDate}
                  runningOut={answer.packsRunningOut}
                />
              }
              note={
                drawn.length < answer.packs.length ? (
                  <p className="ms-muted-text">
                    {t('scenario.chart.shown', {
                      shown: number(drawn.length),
                      count: number(answer.packs.length),
                      unreported: number(answer.packsWithoutReports),
                    })}
                  </p>
                ) : undefined
              }
              table={
                <ClientDataTable
                  id="scenario-stock-table"
                  caption={t('scenario.chart.caption', {
                    step: number(step),
                    date: date(answer.failureDate),
                  })}
                  columns={pathColumns}
                  rows={answer.packs}
                  rowKey={(row) => String(row.packId)}
                  textFilter={false}
                />
              }
            />
          </section>

          <section className="ms-section" aria-labelledby="scenario-table-heading">
            <Heading level={2} id="scenario-table-heading">
              {t('scenario.table.heading')}
            </Heading>
            <ClientDataTable
              id="scenario-packs"
              caption={t('scenario.table.caption', {
                site: answer.site.name,
                date: date(answer.failureDate),
              })}
              fileName={`scenario-uitval-${String(answer.site.id)}-${answer.failureDate}`}
              columns={packColumns}
              rows={answer.packs}
              rowKey={(row) => String(row.packId)}
              defaultSort="daysUntilStockOut"
              defaultPageSize={25}
            />
          </section>
        </>
      )}
    </div>
  );
}

function useScenarioPackColumns(): Column<ScenarioPack>[] {
  const { t, number, date } = useI18n();
  return useMemo<Column<ScenarioPack>[]>(
    () => [
      {
        key: 'productName',
        label: t('scenario.col.product'),
        rowHeader: true,
        value: (row) => row.productName,
        render: (row) => (
          <AppLink
            to={paths.pack(row.packId)}
            className="ms-scenario-product ms-scenario-product--link"
          >
            {row.productName}
          </AppLink>
        ),
      },
      {
        key: 'packDescription',
        label: t('scenario.col.pack'),
        value: (row) => row.packDescription,
      },
      {
        key: 'substance',
        label: t('scenario.col.substance'),
        value: (row) => row.substanceName ?? row.atc,
        render: (row) =>
          row.atc === null ? (
            (row.substanceName ?? t('common.none'))
          ) : (
            <AppLink to={paths.substance(row.atc)}>
              {row.substanceName ?? row.atc} <span className="ms-code">{row.atc}</span>
            </AppLink>
          ),
      },
      { key: 'mahName', label: t('scenario.col.mah'), facet: true, value: (row) => row.mahName },
      {
        key: 'stockAtFailure',
        label: t('scenario.col.stockAtFailure'),
        numeric: true,
        value: (row) => Math.round(row.stockAtFailure),
      },
      {
        key: 'stockOutDate',
        label: t('scenario.col.stockOutDate'),
        value: (row) => row.stockOutDate,
        render: (row) =>
          row.reported ? (
            <span className="ms-nowrap">{date(row.stockOutDate)}</span>
          ) : (
            <span className="ms-muted-text" data-testid="scenario-not-reported">
              {t('scenario.notReported')}
            </span>
          ),
      },
      {
        key: 'daysUntilStockOut',
        label: t('scenario.col.daysUntil'),
        numeric: true,
        value: (row) => row.daysUntilStockOut,
      },
      {
        key: 'unitsNotServed',
        label: t('scenario.col.unitsNotServed'),
        numeric: true,
        value: (row) => Math.round(row.unitsNotServed),
        render: (row) => number(Math.round(row.unitsNotServed)),
      },
      {
        key: 'unitsTakenOverByAlternatives',
        label: t('scenario.col.takenOver'),
        numeric: true,
        value: (row) => Math.round(row.unitsTakenOverByAlternatives),
        render: (row) => number(Math.round(row.unitsTakenOverByAlternatives)),
      },
    ],
    [t, number, date],
  );
}
