import { Button } from '@nl-design-system-candidate/button-react';
import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Textbox,
} from '@utrecht/component-library-react';
import { useId, useMemo, useState } from 'react';
import type { Product, ProductPack } from '../api/types.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { useFieldErrorText } from './FormControls.tsx';
import type { FieldError } from './notification-form-model.ts';
import { foldText } from './table-model.ts';

/** How many products the list shows at once; typing narrows it. */
const SHOWN_PRODUCTS = 25;

function productText(product: Product): string {
  return foldText(
    [
      product.name,
      product.registrationNumber,
      product.atc ?? '',
      product.strength,
      ...product.substances,
      ...product.packs.flatMap((pack) => [
        pack.gtin ?? '',
        pack.nationalCode ?? '',
        pack.description,
      ]),
    ].join(' '),
  );
}

export function packLabel(product: Product, pack: ProductPack): string {
  return `${product.name} — ${pack.description}`;
}

/**
 * The company's own packs to report, searchable by name, registration number, ATC code, GTIN or
 * ZI number. The chosen packs stay listed above the search, each with a button to take it off.
 */
export function PackPicker({
  id,
  products,
  selected,
  onChange,
  error,
}: {
  readonly id: string;
  readonly products: readonly Product[];
  readonly selected: readonly number[];
  readonly onChange: (packIds: number[]) => void;
  readonly error?: FieldError | undefined;
}) {
  const { t, number } = useI18n();
  const errorText = useFieldErrorText();
  const [search, setSearch] = useState('');
  const searchId = useId();
  const chosen = new Set(selected);

  const indexed = useMemo(
    () => products.map((product) => ({ product, text: productText(product) })),
    [products],
  );
  const packIndex = useMemo(() => {
    const byId = new Map<number, { product: Product; pack: ProductPack }>();
    for (const product of products) {
      for (const pack of product.packs) byId.set(pack.id, { product, pack });
    }
    return byId;
  }, [products]);

  const needle = foldText(search.trim());
  const matches = needle === '' ? indexed : indexed.filter((entry) => entry.text.includes(needle));
  const shown = matches.slice(0, SHOWN_PRODUCTS);

  const toggle = (packId: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(packId);
    else next.delete(packId);
    onChange([...next]);
  };

  return (
    <Fieldset
      id={id}
      tabIndex={-1}
      invalid={error !== undefined}
      className="ms-field ms-packs"
      aria-describedby={`${id}-description${error !== undefined ? ` ${id}-error` : ''}`}
    >
      <FieldsetLegend className="ms-choice__legend">{t('form.packs.legend')}</FieldsetLegend>
      <FormFieldDescription id={`${id}-description`}>
        {t('form.packs.description')}
      </FormFieldDescription>
      {error !== undefined ? (
        <FormFieldErrorMessage id={`${id}-error`}>{errorText(error)}</FormFieldErrorMessage>
      ) : null}

      <div className="ms-packs__chosen" aria-live="polite">
        <p className="ms-packs__chosen-title" data-testid="packs-chosen">
          {selected.length === 0
            ? t('form.packs.noneChosen')
            : selected.length === 1
              ? t('form.packs.chosenOne')
              : t('form.packs.chosen', { count: number(selected.length) })}
        </p>
        {selected.length > 0 ? (
          <ul className="ms-packs__chips">
            {selected.map((packId) => {
              const entry = packIndex.get(packId);
              const label =
                entry === undefined ? `#${String(packId)}` : packLabel(entry.product, entry.pack);
              return (
                <li key={packId} className="ms-packs__chip">
                  <span>{label}</span>
                  <Button
                    purpose="subtle"
                    className="ms-packs__remove"
                    aria-label={t('form.packs.remove', { pack: label })}
                    onClick={() => {
                      toggle(packId, false);
                    }}
                  >
                    ×
                  </Button>
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>

      <FormField className="ms-packs__search">
        <FormLabel htmlFor={searchId}>{t('form.packs.search')}</FormLabel>
        <Textbox
          id={searchId}
          type="search"
          value={search}
          autoComplete="off"
          placeholder={t('form.packs.searchPlaceholder')}
          aria-controls={`${id}-list`}
          onChange={(event) => {
            setSearch(event.target.value);
          }}
          data-testid="pack-search"
        />
      </FormField>
      <p className="ms-field-hint" aria-live="polite">
        {matches.length > shown.length
          ? t('form.packs.showing', { shown: number(shown.length), total: number(matches.length) })
          : matches.length === 1
            ? t('form.packs.foundOne')
            : t('form.packs.found', { count: number(matches.length) })}
      </p>
      <ul id={`${id}-list`} className="ms-packs__list">
        {shown.map(({ product }) => (
          <li key={product.id} className="ms-packs__product">
            <p className="ms-packs__product-name">
              {product.name}
              <span className="ms-packs__product-meta">
                {' '}
                {product.registrationNumber}
                {product.atc === null ? '' : ` · ${product.atc}`}
              </span>
            </p>
            <ul className="ms-packs__packs">
              {product.packs.map((pack) => {
                const packId = `${id}-pack-${String(pack.id)}`;
                return (
                  <li key={pack.id}>
                    <FormField type="checkbox" className="ms-checkbox-field">
                      <Checkbox
                        id={packId}
                        appearance="custom"
                        checked={chosen.has(pack.id)}
                        onChange={(event) => {
                          toggle(pack.id, event.target.checked);
                        }}
                        data-testid={`pack-${String(pack.id)}`}
                      />
                      <FormLabel htmlFor={packId} type="checkbox">
                        {pack.description}
                        <span className="ms-packs__codes">
                          {pack.gtin === null ? '' : ` GTIN ${pack.gtin}`}
                          {pack.nationalCode === null ? '' : ` · ZI ${pack.nationalCode}`}
                          {pack.marketed ? '' : ` · ${t('form.packs.notMarketed')}`}
                        </span>
                      </FormLabel>
                    </FormField>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </Fieldset>
  );
}
