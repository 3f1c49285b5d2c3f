import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import {
  FormField,
  FormLabel,
  Select,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { useId, useMemo, useState, type ReactNode, type SyntheticEvent } from 'react';
import { AUTHORITY_ROLES } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { localToday } from '../../components/dates.ts';
import { TextField } from '../../components/FormControls.tsx';
import { paths } from '../../components/links.ts';
import { isIsoDate, type FieldError } from '../../components/notification-form-model.ts';
import { RequireSession } from '../../components/RequireSession.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { downloadText } from '../../components/table-model.ts';
import { WatchReasons, WatchScore } from '../../components/WatchReasons.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';
import { useTableState } from '../../hooks/useTableState.ts';
import {
  earlyWarningApi,
  isWatchFactor,
  WATCH_FACTORS,
  type WatchFactor,
  type WatchlistPage as WatchlistAnswer,
  type WatchlistQuery,
  type WatchPackEntry,
  type WatchSubstanceEntry,
} from './early-warning-api.ts';
import { describeWatchReason, watchFactorDescription, watchFactorName } from './watch-reasons.ts';
import './early-warning.css';

export function WatchlistPage() {
  return <RequireSession roles={AUTHORITY_ROLES}>{() => <Watchlist />}</RequireSession>;
}

/** The list's own filters, kept in the URL beside the table's page and page size. */
const FILTERS = ['asOf', 'level', 'factor', 'atc', 'minScore'] as const;

/**
 * An ATC code or one of its groups as the watchlist API takes it (A, A10, A10B, A10BA, A10BA02);
 * a half-typed level such as "A1" is not sent, so typing never flashes an error.
 */
const ATC_GROUP_PATTERN = /^[A-Za-z](\d{2}([A-Za-z]([A-Za-z](\d{2})?)?)?)?$/;

/** The score's scale: the weights add up to 100. */
const MAX_SCORE = 100;

function parseMinScore(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) && value >= 0 && value <= MAX_SCORE ? value : undefined;
}

/**
 * The ranked watchlist of a day: every pack (or substance) whose score reaches the minimum, with
 * its reasons in words. Any past day is recomputed from what was known then, so the list of
 * 1 March can be compared with what happened after it.
 */
function Watchlist() {
  const i18n = useI18n();
  const { t, number, date, dateTime } = i18n;
  useDocumentTitle(t('watch.title'));
  const today = localToday();
  const [state, update] = useTableState('', { pageSize: 25 }, FILTERS);
  const asOfParam = state.filters.asOf;
  // A day after today has no list yet: such an address shows today's.
  const asOf =
    asOfParam !== undefined && isIsoDate(asOfParam) && asOfParam <= today ? asOfParam : today;
  const level = state.filters.level === 'substance' ? 'substance' : 'pack';
  const factorParam = state.filters.factor ?? '';
  const factor = isWatchFactor(factorParam) ? factorParam : undefined;
  const atcText = state.filters.atc ?? '';
  const atc = ATC_GROUP_PATTERN.test(atcText) ? atcText.toUpperCase() : undefined;
  const minScoreText = state.filters.minScore ?? '';
  const minScore = parseMinScore(minScoreText);

  const [asOfText, setAsOfText] = useState(asOf);
  const [asOfError, setAsOfError] = useState<FieldError | undefined>(undefined);
  const [downloading, setDownloading] = useState(false);
  const levelId = useId();
  const factorId = useId();
  const atcId = useId();
  const minScoreId = useId();

  const query: WatchlistQuery = {
    asOf,
    level,
    factor,
    atc,
    minScore,
    page: state.page,
    pageSize: state.pageSize,
  };
  const result = useApi(`watchlist:${JSON.stringify(query)}`, (signal) =>
    earlyWarningApi.watchlist(query, signal),
  );

  const applyAsOf = (next: string) => {
    if (!isIsoDate(next) || next > today) {
      setAsOfError({ key: 'watch.asOf.error' });
      return;
    }
    setAsOfError(undefined);
    setAsOfText(next);
    update({ filters: { asOf: next === today ? null : next } });
  };

  const submitAsOf = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    applyAsOf(asOfText);
  };

  const downloadAll = () => {
    if (downloading) return;
    setDownloading(true);
    const { page: _page, pageSize: _pageSize, ...whole } = query;
    earlyWarningApi
      .watchlistCsv(whole)
      .then(
        (text) => {
          downloadText(`signaleringslijst-${level}-${asOf}.csv`, text);
        },
        () => undefined,
      )
      .finally(() => {
        setDownloading(false);
      });
  };

  const data = result.data;
  const filters = (
    <>
      <FormField className="ms-table__facet">
        <FormLabel htmlFor={factorId}>{t('watch.factor')}</FormLabel>
        <Select
          id={factorId}
          value={factor ?? ''}
          data-testid="watch-factor"
          onChange={(event) => {
            update({ filters: { factor: event.target.value } });
          }}
        >
          <SelectOption value="">{t('watch.factor.all')}</SelectOption>
          {WATCH_FACTORS.map((key) => (
            <SelectOption key={key} value={key}>
              {watchFactorName(key, i18n)}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField className="ms-number-field">
        <FormLabel htmlFor={atcId}>
          {t('watch.atc')} <span className="ms-label-hint">{t('watch.atc.hint')}</span>
        </FormLabel>
        <Textbox
          id={atcId}
          value={atcText}
          maxLength={7}
          autoComplete="off"
          spellCheck={false}
          invalid={atcText !== '' && atc === undefined}
          data-testid="watch-atc"
          onChange={(event) => {
            update({ filters: { atc: event.target.value.trim() } }, { replace: true });
          }}
        />
      </FormField>
      <FormField className="ms-number-field">
        <FormLabel htmlFor={minScoreId}>
          {t('watch.minScore')} <span className="ms-label-hint">{t('watch.minScore.hint')}</span>
        </FormLabel>
        <Textbox
          id={minScoreId}
          type="number"
          inputMode="decimal"
          min={0}
          max={MAX_SCORE}
          step={5}
          value={minScoreText}
          placeholder={data === null ? undefined : number(data.minimumScore)}
          data-testid="watch-min-score"
          onChange={(event) => {
            update({ filters: { minScore: event.target.value } }, { replace: true });
          }}
        />
      </FormField>
      <div className="ms-table__actions">
        <Button
          purpose="secondary"
          disabled={downloading}
          onClick={downloadAll}
          data-testid="watch-csv-all"
        >
          {t('watch.downloadAll')}
        </Button>
      </div>
    </>
  );

  return (
    <>
      <Heading level={1}>{t('watch.heading')}</Heading>
      <Paragraph purpose="lead" className="ms-lead">
        {t('watch.lead')}
      </Paragraph>
      <Paragraph className="ms-watch-scenario-link">
        <AppLink to={paths.siteFailureScenario()}>{t('watch.scenarioLink')}</AppLink>
      </Paragraph>

      <section className="ms-section ms-watch-controls" aria-labelledby="watch-controls-heading">
        <Heading level={2} id="watch-controls-heading" appearance="level-3">
          {t('watch.controls.heading')}
        </Heading>
        <div className="ms-form__row ms-watch-controls__row">
          <form className="ms-form__row ms-watch-asof" onSubmit={submitAsOf} noValidate>
            <TextField
              id="watch-as-of"
              label={t('watch.asOf')}
              type="date"
              width="sm"
              value={asOfText}
              onChange={setAsOfText}
              error={asOfError}
            />
            <div className="ms-watch-asof__actions">
              <Button type="submit" purpose="primary" data-testid="watch-as-of-apply">
                {t('watch.asOf.apply')}
              </Button>
              {asOf !== today ? (
                <Button
                  purpose="subtle"
                  onClick={() => {
                    applyAsOf(today);
                  }}
                >
                  {t('watch.asOf.today')}
                </Button>
              ) : null}
            </div>
          </form>
          <div className="ms-watch-level" role="group" aria-labelledby={levelId}>
            <span id={levelId} className="ms-watch-level__label">
              {t('watch.level')}
            </span>
            <span className="ms-watch-level__buttons">
              {(['pack', 'substance'] as const).map((option) => (
                <Button
                  key={option}
                  purpose="secondary"
                  toggle
                  pressed={level === option}
                  data-testid={`watch-level-${option}`}
                  onClick={() => {
                    update({ filters: { level: option === 'pack' ? null : option } });
                  }}
                >
                  {t(`watch.level.${option}`)}
                </Button>
              ))}
            </span>
          </div>
        </div>
      </section>

      <section className="ms-section" aria-labelledby="watch-list-heading">
        <Heading level={2} id="watch-list-heading" className="ms-visually-hidden">
          {t(level === 'pack' ? 'watch.caption' : 'watch.captionSubstance', { date: date(asOf) })}
        </Heading>
        {result.status === 'error' ? (
          <ErrorState error={result.error} onRetry={result.reload} />
        ) : null}
        {data === null && result.status === 'loading' ? <LoadingState /> : null}
        {data !== null ? (
          <>
            <p
              className="ms-result-count"
              aria-live="polite"
              data-testid="watch-total"
              data-total={data.total}
            >
              {t('watch.total', {
                total: number(data.total),
                date: date(data.asOf),
                minScore: number(data.minimumScore),
              })}{' '}
              <span className="ms-muted-text">
                {t('watch.generatedAt', { moment: dateTime(data.generatedAt) })}
              </span>
            </p>
            <WatchTable
              answer={data}
              state={state}
              update={update}
              toolbar={filters}
              busy={result.status === 'loading'}
            />
          </>
        ) : null}
      </section>

      <ScoreExplanation weights={data?.weights ?? null} />
    </>
  );
}

function WatchTable({
  answer,
  state,
  update,
  toolbar,
  busy,
}: {
  readonly answer: WatchlistAnswer;
  readonly state: ReturnType<typeof useTableState>[0];
  readonly update: ReturnType<typeof useTableState>[1];
  readonly toolbar: ReactNode;
  readonly busy: boolean;
}) {
  const packColumns = useWatchPackColumns();
  const substanceColumns = useWatchSubstanceColumns();
  const i18n = useI18n();
  const { t, date } = i18n;
  // The day and the level are the list itself, not filters on it: "clear filters" keeps them.
  const { asOf: _asOf, level: _level, ...filters } = state.filters;
  const shared = {
    state: { ...state, page: answer.page, filters },
    onChange: update,
    total: answer.total,
    textFilter: false,
    filters: toolbar,
    busy,
  } as const;
  return answer.level === 'pack' ? (
    <DataTable
      {...shared}
      id="watchlist"
      caption={t('watch.caption', { date: date(answer.asOf) })}
      fileName={`signaleringslijst-${answer.asOf}-p${String(answer.page)}`}
      columns={packColumns}
      rowKey={(row) => String(row.packId)}
      rows={answer.items}
    />
  ) : (
    <DataTable
      {...shared}
      id="watchlist"
      caption={t('watch.captionSubstance', { date: date(answer.asOf) })}
      fileName={`signaleringslijst-stoffen-${answer.asOf}-p${String(answer.page)}`}
      columns={substanceColumns}
      rowKey={(row) => row.atc}
      rows={answer.items}
    />
  );
}

function SubstanceCell({
  atc,
  name,
}: {
  readonly atc: string | null;
  readonly name: string | null;
}) {
  const { t } = useI18n();
  if (atc === null) return <span>{name ?? t('common.none')}</span>;
  return (
    <AppLink to={paths.substance(atc)} className="ms-watch-substance">
      <span className="ms-watch-substance__name">{name ?? t('common.unknownName')}</span>{' '}
      <span className="ms-code">{atc}</span>
    </AppLink>
  );
}

function useWatchPackColumns(): Column<WatchPackEntry>[] {
  const i18n = useI18n();
  const { t, number, percent, date } = i18n;
  return useMemo<Column<WatchPackEntry>[]>(
    () => [
      {
        key: 'rank',
        label: t('watch.col.rank'),
        numeric: true,
        sortable: false,
        value: (row) => row.rank,
      },
      {
        key: 'product',
        label: t('watch.col.product'),
        rowHeader: true,
        sortable: false,
        value: (row) => `${row.productName} — ${row.packDescription}`,
        csv: (row) => `${row.productName} — ${row.packDescription} (${row.mahName})`,
        render: (row) => (
          <span className="ms-watch-pack">
            <AppLink to={paths.pack(row.packId)} className="ms-watch-pack__link">
              <span className="ms-watch-pack__product">{row.productName}</span>
              <span className="ms-watch-pack__pack">{row.packDescription}</span>
            </AppLink>
            <span className="ms-watch-pack__mah">{row.mahName}</span>
          </span>
        ),
      },
      {
        key: 'substance',
        label: t('watch.col.substance'),
        sortable: false,
        value: (row) =>
          row.atc === null ? row.substanceName : `${row.atc} ${row.substanceName ?? ''}`,
        render: (row) => <SubstanceCell atc={row.atc} name={row.substanceName} />,
      },
      {
        key: 'score',
        label: t('watch.col.score'),
        numeric: true,
        sortable: false,
        value: (row) => row.score,
        render: (row) => <WatchScore score={row.score} />,
      },
      {
        key: 'coverWeeks',
        label: t('watch.col.cover'),
        numeric: true,
        sortable: false,
        value: (row) => row.coverWeeks,
        render: (row) => (row.coverWeeks === null ? t('common.none') : number(row.coverWeeks, 1)),
      },
      {
        key: 'expectedShortageStart',
        label: t('watch.col.expectedStart'),
        sortable: false,
        value: (row) => row.expectedShortageStart,
        render: (row) =>
          row.shortNow ? (
            <strong className="ms-nowrap" data-testid="watch-short-now">
              {t('watch.shortNow')}
            </strong>
          ) : row.expectedShortageStart === null ? (
            <span className="ms-muted-text">{t('watch.noShortageExpected')}</span>
          ) : (
            <span className="ms-nowrap">{date(row.expectedShortageStart)}</span>
          ),
      },
      {
        key: 'confidence',
        label: t('watch.col.confidence'),
        numeric: true,
        sortable: false,
        value: (row) => row.confidence,
        render: (row) => percent(row.confidence),
        csv: (row) => Math.round(row.confidence * 100),
      },
      {
        key: 'reasons',
        label: t('watch.col.reasons'),
        sortable: false,
        value: (row) => row.reasons.map((reason) => describeWatchReason(reason, i18n)).join('; '),
        render: (row) => (
          <WatchReasons
            reasons={row.reasons}
            label={t('watch.reasons.label', { pack: `${row.productName} ${row.packDescription}` })}
          />
        ),
      },
    ],
    [i18n, t, number, percent, date],
  );
}

function useWatchSubstanceColumns(): Column<WatchSubstanceEntry>[] {
  const i18n = useI18n();
  const { t, number, date } = i18n;
  return useMemo<Column<WatchSubstanceEntry>[]>(
    () => [
      {
        key: 'rank',
        label: t('watch.col.rank'),
        numeric: true,
        sortable: false,
        value: (row) => row.rank,
      },
      {
        key: 'substance',
        label: t('watch.col.substance'),
        rowHeader: true,
        sortable: false,
        value: (row) => `${row.atc} ${row.substanceName ?? ''}`,
        render: (row) => <SubstanceCell atc={row.atc} name={row.substanceName} />,
      },
      {
        key: 'score',
        label: t('watch.col.score'),
        numeric: true,
        sortable: false,
        value: (row) => row.score,
        render: (row) => <WatchScore score={row.score} />,
      },
      {
        key: 'packsOnList',
        label: t('watch.col.packs'),
        numeric: true,
        sortable: false,
        value: (row) => row.packsOnList,
        render: (row) =>
          t('watch.packsOnList', { onList: number(row.packsOnList), packs: number(row.packs) }),
      },
      {
        key: 'expectedShortageStart',
        label: t('watch.col.expectedStart'),
        sortable: false,
        value: (row) => row.expectedShortageStart,
        render: (row) =>
          row.expectedShortageStart === null ? (
            <span className="ms-muted-text">{t('watch.noShortageExpected')}</span>
          ) : (
            <span className="ms-nowrap">{date(row.expectedShortageStart)}</span>
          ),
      },
      {
        key: 'reasons',
        label: t('watch.col.reasons'),
        sortable: false,
        value: (row) =>
          row.topReasons.map((reason) => describeWatchReason(reason, i18n)).join('; '),
        render: (row) => (
          <WatchReasons
            reasons={row.topReasons}
            label={t('watch.reasons.label', { pack: row.substanceName ?? row.atc })}
          />
        ),
      },
    ],
    [i18n, t, number, date],
  );
}

/**
 * How the score is built: each factor, its weight (as the server scored with it, from its answer)
 * and what it measures.
 */
function ScoreExplanation({
  weights,
}: {
  readonly weights: Readonly<Record<WatchFactor, number>> | null;
}) {
  const i18n = useI18n();
  const { t, number } = i18n;
  return (
    <section className="ms-section" aria-labelledby="watch-explain-heading">
      <Heading level={2} id="watch-explain-heading">
        {t('watch.explain.heading')}
      </Heading>
      <Paragraph>{t('watch.explain.lead')}</Paragraph>
      <div
        className="ms-table__scroll"
        role="region"
        aria-labelledby="watch-explain-caption"
        tabIndex={0}
      >
        <Table className="ms-watch-explain">
          <TableCaption id="watch-explain-caption">{t('watch.explain.caption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('watch.explain.factor')}</TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('watch.explain.weight')}
              </TableHeaderCell>
              <TableHeaderCell scope="col">{t('watch.explain.meaning')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {WATCH_FACTORS.map((factor) => (
              <TableRow key={factor}>
                <TableHeaderCell scope="row">{watchFactorName(factor, i18n)}</TableHeaderCell>
                <TableCell numericColumn>
                  {weights === null ? t('common.none') : number(weights[factor])}
                </TableCell>
                <TableCell>{watchFactorDescription(factor, i18n)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
