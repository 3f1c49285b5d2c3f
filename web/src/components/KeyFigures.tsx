import type { ReactNode } from 'react';

export interface KeyFigure {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly note?: ReactNode;
  readonly tone?: 'neutral' | 'warning' | 'danger';
}

/** Big numbers with a label and a line of context, as a description list. */
export function KeyFigures({ figures }: { readonly figures: readonly KeyFigure[] }) {
  return (
    <dl className="ms-figures">
      {figures.map((figure) => (
        <div
          key={figure.id}
          className={`ms-figures__item ms-figures__item--${figure.tone ?? 'neutral'}`}
          data-testid={`figure-${figure.id}`}
        >
          <dt className="ms-figures__label">{figure.label}</dt>
          <dd className="ms-figures__value">{figure.value}</dd>
          {figure.note === undefined ? null : <dd className="ms-figures__note">{figure.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
