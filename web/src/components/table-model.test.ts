import { describe, expect, it } from 'vitest';
import { filterRows, pageRows, sortRows, toCsv, type Column } from './table-model.ts';

interface Row {
  readonly atc: string;
  readonly name: string;
  readonly hhi: number | null;
  readonly source: string;
}

const rows: Row[] = [
  { atc: 'J01CA04', name: 'Amoxicilline', hhi: 2188, source: 'hpra' },
  { atc: 'B01AA03', name: 'Warfarine', hhi: 10000, source: 'all' },
  { atc: 'J01DB01', name: 'Céfalexine', hhi: null, source: 'cep' },
  { atc: 'N02BE01', name: 'Paracetamol, "tabletten"', hhi: 1200, source: 'all' },
];

const columns: Column<Row>[] = [
  { key: 'atc', label: 'ATC-code', value: (row) => row.atc },
  { key: 'name', label: 'Naam', value: (row) => row.name },
  { key: 'hhi', label: 'HHI', numeric: true, value: (row) => row.hhi },
  {
    key: 'source',
    label: 'Bron',
    facet: true,
    value: (row) => row.source.toUpperCase(),
    facetKey: (row) => row.source,
  },
];

describe('table model', () => {
  it('filters on any column, ignoring case and accents', () => {
    expect(filterRows(rows, columns, 'cefalex', {}).map((row) => row.atc)).toEqual(['J01DB01']);
    expect(filterRows(rows, columns, 'j01', {}).map((row) => row.atc)).toEqual([
      'J01CA04',
      'J01DB01',
    ]);
  });

  it('filters a facet on its stable key, not on the shown label', () => {
    expect(filterRows(rows, columns, '', { source: 'all' }).map((row) => row.atc)).toEqual([
      'B01AA03',
      'N02BE01',
    ]);
    expect(filterRows(rows, columns, '', { source: 'ALL' })).toEqual([]);
  });

  it('sorts numbers descending with empty values last', () => {
    expect(sortRows(rows, columns, '-hhi', 'nl-NL').map((row) => row.hhi)).toEqual([
      10000,
      2188,
      1200,
      null,
    ]);
    expect(sortRows(rows, columns, 'hhi', 'nl-NL').map((row) => row.hhi)).toEqual([
      1200,
      2188,
      10000,
      null,
    ]);
  });

  it('keeps the given order for an unknown sort key', () => {
    expect(sortRows(rows, columns, 'nonsense', 'nl-NL')).toEqual(rows);
  });

  it('pages, clamping a page past the end to the last page', () => {
    expect(pageRows(rows, 2, 3).map((row) => row.atc)).toEqual(['N02BE01']);
    expect(pageRows(rows, 9, 3).map((row) => row.atc)).toEqual(['N02BE01']);
  });

  it('writes RFC 4180 CSV: a header of labels, quotes doubled, empty cells for no value', () => {
    const csv = toCsv(rows.slice(2), columns);
    expect(csv).toBe(
      'ATC-code,Naam,HHI,Bron\r\n' +
        'J01DB01,Céfalexine,,CEP\r\n' +
        'N02BE01,"Paracetamol, ""tabletten""",1200,ALL\r\n',
    );
  });
});
