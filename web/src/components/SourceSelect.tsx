import { FormField, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { useId } from 'react';
import { SOURCES, isSource, type Source } from '../api/types.ts';
import { useI18n } from '../hooks/useI18n.ts';

/** Chooses the register the figures come from (all, EPAR, BfArM, HPRA, CEP). */
export function SourceSelect({
  value,
  onChange,
  available,
}: {
  readonly value: Source;
  readonly onChange: (source: Source) => void;
  /** Offer only these sources (a substance missing from a register). */
  readonly available?: readonly Source[];
}) {
  const { t, source } = useI18n();
  const id = useId();
  const options = SOURCES.filter((s) => available === undefined || available.includes(s));
  return (
    <FormField className="ms-source-select">
      <FormLabel htmlFor={id}>{t('source.label')}</FormLabel>
      <Select
        id={id}
        value={value}
        onChange={(event) => {
          if (isSource(event.target.value)) onChange(event.target.value);
        }}
      >
        {options.map((s) => (
          <SelectOption key={s} value={s}>
            {source(s)}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}
