import {
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useI18n } from '../hooks/useI18n.ts';
import type { FieldError } from './notification-form-model.ts';

/** A field error in the reader's language (our message, or the server's own words). */
export function useFieldErrorText(): (error: FieldError) => string {
  const { t } = useI18n();
  return (error) => ('raw' in error ? error.raw : t(error.key, error.params));
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length === 0 ? undefined : list.join(' ');
}

interface FieldProps {
  /** The control's id; the error summary links to it. */
  readonly id: string;
  readonly label: string;
  readonly description?: ReactNode;
  readonly error?: FieldError | undefined;
  readonly optional?: boolean;
}

function Label({ id, label, optional }: Pick<FieldProps, 'id' | 'label' | 'optional'>) {
  const { t } = useI18n();
  return (
    <FormLabel htmlFor={id}>
      {label}
      {optional === true ? <span className="ms-label-hint"> {t('form.optional')}</span> : null}
    </FormLabel>
  );
}

/** A text, date or number box with its label, description and error message (NL DS form field). */
export function TextField({
  id,
  label,
  description,
  error,
  optional,
  value,
  onChange,
  type = 'text',
  inputMode,
  autoComplete,
  maxLength,
  width,
}: FieldProps & {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'date' | 'email';
  readonly inputMode?: 'decimal' | 'text';
  readonly autoComplete?: string;
  readonly maxLength?: number;
  readonly width?: 'sm' | 'md' | 'lg';
}) {
  const errorText = useFieldErrorText();
  return (
    <FormField invalid={error !== undefined} className={`ms-field ms-field--${width ?? 'lg'}`}>
      <Label id={id} label={label} optional={optional} />
      {description !== undefined ? (
        <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>
      ) : null}
      {error !== undefined ? (
        <FormFieldErrorMessage id={`${id}-error`}>{errorText(error)}</FormFieldErrorMessage>
      ) : null}
      <Textbox
        id={id}
        name={id}
        type={type}
        value={value}
        inputMode={inputMode}
        autoComplete={autoComplete ?? 'off'}
        maxLength={maxLength}
        invalid={error !== undefined}
        aria-describedby={describedBy(
          description !== undefined && `${id}-description`,
          error !== undefined && `${id}-error`,
        )}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    </FormField>
  );
}

/** A multi-line text field, with a count of the characters left near the limit. */
export function TextAreaField({
  id,
  label,
  description,
  error,
  optional,
  value,
  onChange,
  maxLength,
  rows = 4,
}: FieldProps & {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly maxLength: number;
  readonly rows?: number;
}) {
  const { t, number } = useI18n();
  const errorText = useFieldErrorText();
  const left = maxLength - value.trim().length;
  return (
    <FormField invalid={error !== undefined} className="ms-field ms-field--lg">
      <Label id={id} label={label} optional={optional} />
      {description !== undefined ? (
        <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>
      ) : null}
      {error !== undefined ? (
        <FormFieldErrorMessage id={`${id}-error`}>{errorText(error)}</FormFieldErrorMessage>
      ) : null}
      <Textarea
        id={id}
        name={id}
        rows={rows}
        value={value}
        invalid={error !== undefined}
        aria-describedby={describedBy(
          description !== undefined && `${id}-description`,
          error !== undefined && `${id}-error`,
          left < 200 && `${id}-count`,
        )}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
      {left < 200 ? (
        <p id={`${id}-count`} className={`ms-field-hint${left < 0 ? ' ms-field-hint--over' : ''}`}>
          {left >= 0
            ? t('form.charactersLeft', { count: number(left) })
            : t('form.charactersOver', { count: number(-left) })}
        </p>
      ) : null}
    </FormField>
  );
}

export interface ChoiceOption<V> {
  readonly value: V;
  readonly label: string;
  readonly description?: string;
}

/** A radio group in a fieldset: the legend is the question, the error sits under it. */
export function ChoiceField<V extends string | boolean>({
  id,
  label,
  description,
  error,
  options,
  value,
  onChange,
  inline = false,
}: FieldProps & {
  readonly options: readonly ChoiceOption<V>[];
  readonly value: V | null | '';
  readonly onChange: (value: V) => void;
  readonly inline?: boolean;
}) {
  const errorText = useFieldErrorText();
  return (
    <Fieldset
      id={id}
      tabIndex={-1}
      invalid={error !== undefined}
      className="ms-field ms-choice"
      aria-describedby={describedBy(
        description !== undefined && `${id}-description`,
        error !== undefined && `${id}-error`,
      )}
    >
      <FieldsetLegend className="ms-choice__legend">{label}</FieldsetLegend>
      {description !== undefined ? (
        <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>
      ) : null}
      {error !== undefined ? (
        <FormFieldErrorMessage id={`${id}-error`}>{errorText(error)}</FormFieldErrorMessage>
      ) : null}
      <div
        className={inline ? 'ms-choice__options ms-choice__options--inline' : 'ms-choice__options'}
      >
        {options.map((option) => {
          const optionId = `${id}-${String(option.value)}`;
          return (
            <FormField key={String(option.value)} type="radio" className="ms-choice__option">
              <RadioButton
                id={optionId}
                name={id}
                value={String(option.value)}
                checked={value === option.value}
                invalid={error !== undefined}
                aria-describedby={
                  option.description === undefined ? undefined : `${optionId}-description`
                }
                onChange={() => {
                  onChange(option.value);
                }}
              />
              <FormLabel htmlFor={optionId} type="radio">
                {option.label}
              </FormLabel>
              {option.description !== undefined ? (
                <FormFieldDescription
                  id={`${optionId}-description`}
                  className="ms-choice__description"
                >
                  {option.description}
                </FormFieldDescription>
              ) : null}
            </FormField>
          );
        })}
      </div>
    </Fieldset>
  );
}
