import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { FormField, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { useId, useMemo, useState, type SyntheticEvent } from 'react';
import { useSearchParams } from 'react-router';
import { AUTHORITY_ROLES } from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import { DataBadge } from '../../components/Badges.tsx';
import { ChartFigure } from '../../components/ChartFigure.tsx';
import { CoverBandChart } from '../../components/CoverBandChart.tsx';
import { ClientDataTable, type Column } from '../../components/DataTable.tsx';
import { localToday } from '../../components/dates.ts';
import { TextField } from '../../components/FormControls.tsx';
import { KeyFigures } from '../../components/KeyFigures.tsx';
import { paths } from '../../components/links.ts';
import { isIsoDate, type FieldError } from '../../components/notification-form-model.ts';
import { RequireSession } from '../../components/RequireSession.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { downloadText } from '../../components/table-model.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';
import {
  COVER_LEVELS,
  isCoverLevel,
  stockApi,
  type CoverLevel,
  type CoverRow,
} from './stock-api.ts';
import { COVER_BANDS, countCoverBands, coverBand, type CoverBand } from './stock-view-model.ts';

/** The API pages at most 500 rows; the page loads them all so the chart counts every row. */
const API_PAGE_SIZE = 500;

async function allCoverRows(
  level: CoverLevel,
  asOf: string,
  signal: AbortSignal,
): Promise<{ asOf: string; rows: CoverRow[] }> {
  const rows: CoverRow[] = [];
  let page = 1;
  let answeredAsOf = asOf;
  for (;;) {
    const answer = await stockApi.cover({ level, asOf, page, pageSize: API_PAGE_SIZE }, signal);
    answeredAsOf = answer.asOf;
    rows.push(...answer.items);
    if (answer.items.length < API_PAGE_SIZE || rows.length >= answer.total) break;
    page += 1;
  }
  return { asOf: answeredAsOf, rows };
}

/** National cover: how many weeks each pack, product or substance lasts, lowest first. */
export function CoverPage() {
  return <RequireSession roles={AUTHORITY_ROLES}>{() => <Cover />}</RequireSession>;
}

function Cover() {
  const { t, number, date } = useI18n();
  useDocumentTitle(t('cover.title'));
  const levelId = useId();
  const [params, setParams] = useSearchParams();
  const today = localToday();
  const levelParam = params.get('level');
  const level: CoverLevel = isCoverLevel(levelParam) ? levelParam : 'pack';
  const asOfParam = params.get('asOf');
  const asOfValid = asOfParam === null || (isIsoDate(asOfParam) && asOfParam <= today);
  const asOf = asOfParam !== null && asOfValid ? asOfParam : today;
  const [asOfText, setAsOfText] = useState(asOf);
  const [asOfError, setAsOfError] = useState<FieldError | undefined>(undefined);
  const [downloading, setDownloading] = useState(false);

  const result = useApi(`cover:${level}:${asOf}`, (signal) => allCoverRows(level, asOf, signal));

  const update = (changes: Readonly<Record<string, string | null>>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        // A new list starts on its first page.
        next.delete('cover.page');
        return next;
      },
      { preventScrollReset: true },
    );
  };

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isIsoDate(asOfText)) {
      setAsOfError({ key: 'form.error.date' });
      return;
    }
    if (asOfText > today) {
      setAsOfError({ key: 'stock.error.future' });
      return;
    }
    setAsOfError(undefined);
    update({ asOf: asOfText === today ? null : asOfText });
  };

  const rows = result.data?.rows ?? null;
  const counts = useMemo(() => (rows === null ? null : countCoverBands(rows)), [rows]);
  const columns = useCoverColumns(level);

  const downloadOfficial = () => {
    if (downloading) return;
    setDownloading(true);
    stockApi
      .coverCsv({ level, asOf })
      .then(
        (text) => {
          downloadText(`cover-${level}-${asOf}.csv`, text);
        },
        () => undefined,
      )
      .finally(() => {
        setDownloading(false);
      });
  };

  const levelLabel = t(`cover.levelInline.${level}`);
  return (
    <>
      <Heading level={1}>{t('cover.heading')}</Heading>
      <Paragraph purpose="lead" className="ms-lead">
        {t('cover.lead')}
      </Paragraph>
      <Paragraph>
        <AppLink to={paths.nonCompliance()}>{t('cover.link.nonCompliance')}</AppLink>
        {' · '}
        <AppLink to={paths.policy()}>{t('cover.link.policy')}</AppLink>
      </Paragraph>

      <form
        className="ms-section ms-period"
        onSubmit={submit}
        noValidate
        aria-labelledby="cover-view-heading"
      >
        <Heading level={2} id="cover-view-heading" appearance="level-3">
          {t('cover.controls.heading')}
        </Heading>
        <div className="ms-form__row ms-period__row">
          <FormField className="ms-select-field">
            <FormLabel htmlFor={levelId}>{t('cover.level.label')}</FormLabel>
            <Select
              id={levelId}
              value={level}
              data-testid="cover-level"
              onChange={(event) => {
                const next = event.target.value;
                if (isCoverLevel(next)) update({ level: next === 'pack' ? null : next });
              }}
            >
              {COVER_LEVELS.map((option) => (
                <SelectOption key={option} value={option}>
                  {t(`cover.level.${option}`)}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <TextField
            id="cover-as-of"
            label={t('stock.asOf')}
            type="date"
            width="sm"
            value={asOfText}
            onChange={setAsOfText}
            error={asOfError}
          />
          <div className="ms-period__submit">
            <Button type="submit" purpose="primary" data-testid="cover-apply">
              {t('stock.apply')}
            </Button>
          </div>
        </div>
        {!asOfValid ? (
          <p className="ms-field-hint" role="status">
            {t('stock.asOfInvalidUrl')}
          </p>
        ) : null}
      </form>

      {result.status === 'error' ? (
        <ErrorState error={result.error} onRetry={result.reload} />
      ) : null}
      {rows === null && result.status === 'loading' ? <LoadingState /> : null}
      {rows !== null && counts !== null && result.data !== null ? (
        <>
          <section aria-labelledby="cover-figures" className="ms-section ms-section--plain">
            <Heading level={2} id="cover-figures" className="ms-visually-hidden">
              {t('cover.figures')}
            </Heading>
            <KeyFigures
              figures={[
                {
                  id: 'cover-total',
                  label: t(`cover.count.${level}`),
                  value: number(rows.length),
                  note: t('cover.asOfNote', { date: date(result.data.asOf) }),
                },
                {
                  id: 'cover-out',
                  label: t('cover.band.out'),
                  value: number(counts.out),
                  tone: counts.out > 0 ? 'danger' : 'neutral',
                  note: t('cover.outNote'),
                },
                {
                  id: 'cover-under2',
                  label: t('cover.band.under2'),
                  value: number(counts.under2),
                  tone: counts.under2 > 0 ? 'warning' : 'neutral',
                  note: t('cover.under2Note'),
                },
                {
                  id: 'cover-not-reported',
                  label: t('cover.band.notReported'),
                  value: number(counts.notReported),
                  tone: counts.notReported > 0 ? 'warning' : 'neutral',
                  note: t('cover.notReportedNote'),
                },
              ]}
            />
          </section>

          <section aria-labelledby="cover-chart-heading" className="ms-section">
            <Heading level={2} id="cover-chart-heading">
              {t('cover.chart.heading', { level: levelLabel })}
            </Heading>
            <ChartFigure
              chart={
                <CoverBandChart
                  counts={counts}
                  ariaLabel={t('cover.chart.aria', {
                    total: number(rows.length),
                    level: levelLabel,
                    out: number(counts.out),
                    under2: number(counts.under2),
                    date: date(result.data.asOf),
                  })}
                />
              }
              table={<CoverBandTable counts={counts} />}
            />
          </section>

          <section aria-labelledby="cover-table-heading" className="ms-section">
            <Heading level={2} id="cover-table-heading">
              {t('cover.table.heading', { level: levelLabel })}
            </Heading>
            <ClientDataTable
              id="cover"
              caption={t('cover.table.caption', {
                level: levelLabel,
                date: date(result.data.asOf),
              })}
              fileName={`dekking-${level}-${result.data.asOf}`}
              columns={columns}
              rows={rows}
              rowKey={(row) => row.key}
              defaultPageSize={25}
              filters={
                <Button
                  purpose="secondary"
                  disabled={downloading}
                  onClick={downloadOfficial}
                  data-testid="cover-csv-official"
                >
                  {t('cover.downloadOfficial')}
                </Button>
              }
            />
          </section>
        </>
      ) : null}
    </>
  );
}

interface BandRow {
  readonly band: CoverBand;
  readonly count: number;
}

function CoverBandTable({ counts }: { readonly counts: Readonly<Record<CoverBand, number>> }) {
  const { t } = useI18n();
  const columns = useMemo<Column<BandRow>[]>(
    () => [
      {
        key: 'band',
        label: t('cover.band.label'),
        rowHeader: true,
        sortable: false,
        value: (row) => t(`cover.band.${row.band}`),
      },
      { key: 'count', label: t('cover.band.count'), numeric: true, value: (row) => row.count },
    ],
    [t],
  );
  return (
    <ClientDataTable
      id="cover-bands"
      caption={t('cover.band.caption')}
      columns={columns}
      rows={COVER_BANDS.map((band) => ({ band, count: counts[band] }))}
      rowKey={(row) => row.band}
      textFilter={false}
    />
  );
}

function CoverBandBadge({ row }: { readonly row: CoverRow }) {
  const { t } = useI18n();
  const band = coverBand(row);
  if (band === 'out') return <DataBadge tone="danger">{t('cover.flag.out')}</DataBadge>;
  if (band === 'notReported')
    return <DataBadge tone="warning">{t('cover.flag.notReported')}</DataBadge>;
  if (band === 'under2') return <DataBadge tone="danger">{t('cover.band.under2')}</DataBadge>;
  if (band === 'noDemand') return <DataBadge>{t('cover.band.noDemand')}</DataBadge>;
  return null;
}

function useCoverColumns(level: CoverLevel): Column<CoverRow>[] {
  const { t, number } = useI18n();
  return useMemo<Column<CoverRow>[]>(() => {
    const name: Column<CoverRow> = {
      key: 'name',
      label: t(`cover.level.${level}`),
      rowHeader: true,
      value: (row) => row.name,
      render: (row) => {
        if (row.level === 'pack') return <AppLink to={paths.pack(row.key)}>{row.name}</AppLink>;
        if (row.level === 'substance')
          return <AppLink to={paths.substance(row.key)}>{row.name}</AppLink>;
        return row.name;
      },
    };
    const atc: Column<CoverRow> = {
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
    };
    const columns: Column<CoverRow>[] = [
      name,
      ...(level === 'substance' ? [] : [atc]),
      {
        key: 'coverWeeks',
        label: t('cover.column.coverWeeks'),
        numeric: true,
        value: (row) => (row.coverWeeks === null ? null : Math.round(row.coverWeeks * 10) / 10),
        render: (row) => (row.coverWeeks === null ? t('common.none') : number(row.coverWeeks, 1)),
      },
      {
        key: 'band',
        label: t('cover.column.flag'),
        facet: true,
        facetKey: (row) => coverBand(row),
        facetLabel: (value) =>
          (COVER_BANDS as readonly string[]).includes(value)
            ? t(`cover.band.${value as CoverBand}`)
            : value,
        value: (row) => t(`cover.band.${coverBand(row)}`),
        render: (row) => <CoverBandBadge row={row} />,
      },
      {
        key: 'stock',
        label: level === 'pack' ? t('cover.column.stockPacks') : t('cover.column.stockUnits'),
        numeric: true,
        value: (row) => (row.stock === null ? null : Math.round(row.stock)),
      },
      {
        key: 'averageDailyDemand',
        label: level === 'pack' ? t('cover.column.demandPacks') : t('cover.column.demandUnits'),
        numeric: true,
        value: (row) => Math.round(row.averageDailyDemand * 10) / 10,
      },
    ];
    if (level !== 'pack') {
      columns.push(
        {
          key: 'minPackCoverWeeks',
          label: t('cover.column.minPack'),
          numeric: true,
          value: (row) =>
            row.minPackCoverWeeks === null ? null : Math.round(row.minPackCoverWeeks * 10) / 10,
        },
        { key: 'packs', label: t('cover.column.packs'), numeric: true, value: (row) => row.packs },
        {
          key: 'packsWithoutStock',
          label: t('cover.column.packsWithoutStock'),
          numeric: true,
          value: (row) => row.packsWithoutStock,
          render: (row) =>
            row.packsWithoutStock > 0 ? (
              <DataBadge tone="warning">{number(row.packsWithoutStock)}</DataBadge>
            ) : (
              number(0)
            ),
        },
      );
    }
    return columns;
  }, [t, number, level]);
}
