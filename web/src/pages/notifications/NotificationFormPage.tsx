import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import {
  Alert,
  FormField,
  FormLabel,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import {
  CAUSE_CATEGORIES,
  NOTIFICATION_KINDS,
  PATIENT_IMPACTS,
  isOneOf,
  type NotificationDetail,
  type NotificationReport,
  type Product,
  type ReportField,
  type Session,
} from '../../api/types.ts';
import { AppLink } from '../../components/AppLink.tsx';
import {
  ChoiceField,
  TextAreaField,
  TextField,
  useFieldErrorText,
} from '../../components/FormControls.tsx';
import { paths } from '../../components/links.ts';
import {
  EMPTY_REPORT,
  FORM_FIELDS,
  REPORT_LIMITS,
  fromReport,
  newIdempotencyKey,
  serverFieldErrors,
  toReport,
  validateReportForm,
  type FieldErrors,
  type ReportFormValues,
} from '../../components/notification-form-model.ts';
import { OPEN_STATUSES } from '../../components/notification-lifecycle.ts';
import { PackPicker } from '../../components/PackPicker.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useDocumentTitle } from '../../hooks/useDocumentTitle.ts';
import { useI18n } from '../../hooks/useI18n.ts';

/** Every page of the company's own products (the API pages at 500). */
async function loadOwnProducts(organisationId: number, signal: AbortSignal): Promise<Product[]> {
  const products: Product[] = [];
  for (let page = 1; page <= 20; page++) {
    const result = await api.products({ organisationId, page, pageSize: 500 }, signal);
    products.push(...result.items);
    if (products.length >= result.total || result.items.length === 0) break;
  }
  return products;
}

/** A company reports a new shortage, quality defect or discontinuation. */
export function NewNotificationPage() {
  return (
    <RequireSession roles={['mah']}>
      {(session) => <NewNotification session={session} />}
    </RequireSession>
  );
}

/** A company sends an update: the whole report again, prefilled, becomes the next version. */
export function UpdateNotificationPage() {
  return (
    <RequireSession roles={['mah']}>
      {(session) => <UpdateNotification session={session} />}
    </RequireSession>
  );
}

function NewNotification({ session }: { readonly session: Session }) {
  const { t } = useI18n();
  useDocumentTitle(t('form.new.title'));
  return (
    <>
      <p className="ms-eyebrow">{session.organisation?.name}</p>
      <Heading level={1}>{t('form.new.title')}</Heading>
      <Paragraph purpose="lead" className="ms-lead">
        {t('form.new.lead')}
      </Paragraph>
      <ReportForm session={session} initial={EMPTY_REPORT} existing={null} />
    </>
  );
}

function UpdateNotification({ session }: { readonly session: Session }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const notification = useApi(`notification:${id}`, (signal) => api.notification(id, signal));
  const reference = notification.data?.reference ?? id;
  useDocumentTitle(t('form.update.title', { reference }));
  const heading = <Heading level={1}>{t('form.update.title', { reference })}</Heading>;
  if (notification.status === 'error') {
    return (
      <>
        {heading}
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
        {heading}
        <LoadingState />
      </>
    );
  }
  const detail = notification.data;
  if (!OPEN_STATUSES.includes(detail.status)) {
    return (
      <>
        {heading}
        <Alert type="warning" role="alert">
          <Paragraph>{t('form.update.closed', { status: t(`status.${detail.status}`) })}</Paragraph>
        </Alert>
        <Paragraph>
          <AppLink to={paths.notification(detail.id)}>{t('form.backToNotification')}</AppLink>
        </Paragraph>
      </>
    );
  }
  return (
    <>
      <p className="ms-eyebrow">{session.organisation?.name}</p>
      {heading}
      <Paragraph purpose="lead" className="ms-lead">
        {t('form.update.lead', { version: detail.version + 1 })}
      </Paragraph>
      <ReportForm session={session} initial={fromReport(detail.report)} existing={detail} />
    </>
  );
}

/** Whether two reports say the same, field by field (the API may order the keys differently). */
function sameReport(a: NotificationReport, b: NotificationReport): boolean {
  return FORM_FIELDS.every((field) =>
    field === 'packIds'
      ? JSON.stringify([...a.packIds].sort((x, y) => x - y)) ===
        JSON.stringify([...b.packIds].sort((x, y) => x - y))
      : JSON.stringify(a[field]) === JSON.stringify(b[field]),
  );
}

function ReportForm({
  session,
  initial,
  existing,
}: {
  readonly session: Session;
  readonly initial: ReportFormValues;
  readonly existing: NotificationDetail | null;
}) {
  const { t } = useI18n();
  const errorText = useFieldErrorText();
  const navigate = useNavigate();
  const prefix = useId();
  const fieldId = (field: ReportField) => `${prefix}-${field}`;
  const organisationId = session.user.organisationId ?? 0;
  const products = useApi(`own-products:${String(organisationId)}`, (signal) =>
    loadOwnProducts(organisationId, signal),
  );

  const [values, setValues] = useState<ReportFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formProblems, setFormProblems] = useState<readonly string[]>([]);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusSummary, setFocusSummary] = useState(0);
  // One key per distinct submission: a double click or a retry of the same report reuses it, so
  // the server answers the first result instead of creating a second notification.
  const submission = useRef<{ body: string; key: string } | null>(null);

  useEffect(() => {
    if (focusSummary > 0) summaryRef.current?.focus();
  }, [focusSummary]);

  const set = <K extends keyof ReportFormValues>(field: K, value: ReportFormValues[K]) => {
    setUnchanged(false);
    const next = { ...values, [field]: value };
    setValues(next);
    // After a first attempt, the edited field's message follows the edit (and the end date's,
    // which depends on the start); other fields keep theirs, the server's included.
    if (attempted) {
      const fresh = validateReportForm(next);
      const updated: FieldErrors = { ...errors, [field]: fresh[field] };
      if (field === 'expectedStart') updated.expectedEnd = fresh.expectedEnd;
      setErrors(updated);
    }
  };

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setAttempted(true);
    setFormProblems([]);
    const found = validateReportForm(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFocusSummary((n) => n + 1);
      return;
    }
    const report = toReport(values);
    if (existing !== null && sameReport(report, existing.report)) {
      setUnchanged(true);
      return;
    }
    const body = JSON.stringify(report);
    if (submission.current?.body !== body) submission.current = { body, key: newIdempotencyKey() };
    const key = submission.current.key;
    setBusy(true);
    const sent =
      existing === null
        ? api.submitNotification(report, key)
        : api.updateNotification(existing.id, report, key);
    sent.then(
      (saved) => {
        void navigate(paths.notification(saved.id), {
          state: { saved: existing === null ? 'created' : 'updated', version: saved.version },
        });
      },
      (error: unknown) => {
        setBusy(false);
        if (error instanceof ApiError && error.problem !== null) {
          const mapped = serverFieldErrors(error.problem.errors ?? []);
          const fields: FieldErrors = { ...mapped.fields };
          const other = [...mapped.other];
          if (error.problem.code === 'MS_NOTIFICATION_DUPLICATE')
            fields.companyReference = { key: 'form.error.duplicateReference' };
          else if (error.problem.code === 'MS_IDEMPOTENCY_KEY_REUSED') {
            submission.current = null;
            other.push(t('form.error.resend'));
          } else if (Object.keys(fields).length === 0 && other.length === 0)
            other.push(error.message);
          setErrors(fields);
          setFormProblems(other);
        } else {
          setFormProblems([error instanceof Error ? error.message : String(error)]);
        }
        setFocusSummary((n) => n + 1);
      },
    );
  };

  const errorFields = FORM_FIELDS.filter((field) => errors[field] !== undefined);
  const hasProblems = errorFields.length > 0 || formProblems.length > 0;
  const yesNo = [
    { value: true, label: t('common.yesCapital') },
    { value: false, label: t('common.noCapital') },
  ] as const;

  return (
    <form className="ms-form ms-report-form" onSubmit={submit} noValidate data-testid="report-form">
      {hasProblems ? (
        <div tabIndex={-1} ref={summaryRef} className="ms-alert-focus" data-testid="error-summary">
          <Alert type="error" role="alert">
            <Heading level={2} appearance="level-4">
              {t('form.summary.heading')}
            </Heading>
            <ul className="ms-error-summary">
              {errorFields.map((field) => {
                const error = errors[field];
                return (
                  <li key={field}>
                    <a
                      className="nl-link"
                      href={`#${fieldId(field)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        const target = document.getElementById(fieldId(field));
                        target?.focus();
                        target?.scrollIntoView({ block: 'center' });
                      }}
                    >
                      {t(`report.${field}`)}: {error === undefined ? '' : errorText(error)}
                    </a>
                  </li>
                );
              })}
              {formProblems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : null}
      {unchanged ? (
        <Alert type="info" role="status">
          <Paragraph>{t('form.update.unchanged')}</Paragraph>
        </Alert>
      ) : null}

      <section className="ms-section ms-form__section" aria-labelledby={`${prefix}-packs-heading`}>
        <Heading level={2} id={`${prefix}-packs-heading`}>
          {t('form.section.packs')}
        </Heading>
        {products.status === 'error' ? (
          <ErrorState error={products.error} onRetry={products.reload} />
        ) : null}
        {products.data === null && products.status === 'loading' ? <LoadingState /> : null}
        {products.data !== null ? (
          products.data.length === 0 ? (
            <Alert type="warning">
              <Paragraph>{t('form.packs.noProducts')}</Paragraph>
            </Alert>
          ) : (
            <PackPicker
              id={fieldId('packIds')}
              products={products.data}
              selected={values.packIds}
              onChange={(packIds) => {
                set('packIds', packIds);
              }}
              error={errors.packIds}
            />
          )
        ) : null}
      </section>

      <section className="ms-section ms-form__section" aria-labelledby={`${prefix}-what-heading`}>
        <Heading level={2} id={`${prefix}-what-heading`}>
          {t('form.section.what')}
        </Heading>
        <ChoiceField
          id={fieldId('kind')}
          label={t('report.kind')}
          options={NOTIFICATION_KINDS.map((kind) => ({
            value: kind,
            label: t(`kind.${kind}`),
            description: t(`kind.${kind}.description`),
          }))}
          value={values.kind}
          onChange={(kind) => {
            set('kind', kind);
          }}
          error={errors.kind}
        />
        <div className="ms-form__row">
          <TextField
            id={fieldId('expectedStart')}
            label={t('report.expectedStart')}
            description={t('form.expectedStart.description')}
            type="date"
            width="sm"
            value={values.expectedStart}
            onChange={(value) => {
              set('expectedStart', value);
            }}
            error={errors.expectedStart}
          />
          <TextField
            id={fieldId('expectedEnd')}
            label={t('report.expectedEnd')}
            description={t('form.expectedEnd.description')}
            type="date"
            width="sm"
            optional
            value={values.expectedEnd}
            onChange={(value) => {
              set('expectedEnd', value);
            }}
            error={errors.expectedEnd}
          />
        </div>
        <TextField
          id={fieldId('companyReference')}
          label={t('report.companyReference')}
          description={t('form.companyReference.description')}
          optional
          width="md"
          maxLength={REPORT_LIMITS.companyReferenceMaxLength}
          value={values.companyReference}
          onChange={(value) => {
            set('companyReference', value);
          }}
          error={errors.companyReference}
        />
      </section>

      <section className="ms-section ms-form__section" aria-labelledby={`${prefix}-cause-heading`}>
        <Heading level={2} id={`${prefix}-cause-heading`}>
          {t('form.section.cause')}
        </Heading>
        <FormField invalid={errors.causeCategory !== undefined} className="ms-field ms-field--md">
          <FormLabel htmlFor={fieldId('causeCategory')}>{t('report.causeCategory')}</FormLabel>
          {errors.causeCategory !== undefined ? (
            <p
              id={`${fieldId('causeCategory')}-error`}
              className="utrecht-form-field-error-message"
            >
              {errorText(errors.causeCategory)}
            </p>
          ) : null}
          <Select
            id={fieldId('causeCategory')}
            value={values.causeCategory}
            invalid={errors.causeCategory !== undefined}
            aria-describedby={
              errors.causeCategory === undefined ? undefined : `${fieldId('causeCategory')}-error`
            }
            onChange={(event) => {
              const value = event.target.value;
              set('causeCategory', isOneOf(CAUSE_CATEGORIES, value) ? value : '');
            }}
          >
            <SelectOption value="">{t('form.choose')}</SelectOption>
            {CAUSE_CATEGORIES.map((cause) => (
              <SelectOption key={cause} value={cause}>
                {t(`cause.${cause}`)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <TextAreaField
          id={fieldId('causeText')}
          label={t('report.causeText')}
          description={t('form.causeText.description')}
          maxLength={REPORT_LIMITS.textMaxLength}
          value={values.causeText}
          onChange={(value) => {
            set('causeText', value);
          }}
          error={errors.causeText}
        />
      </section>

      <section className="ms-section ms-form__section" aria-labelledby={`${prefix}-market-heading`}>
        <Heading level={2} id={`${prefix}-market-heading`}>
          {t('form.section.market')}
        </Heading>
        <div className="ms-form__row">
          <TextField
            id={fieldId('stockWeeks')}
            label={t('report.stockWeeks')}
            description={t('form.stockWeeks.description', { max: REPORT_LIMITS.stockWeeksMax })}
            inputMode="decimal"
            width="sm"
            value={values.stockWeeks}
            onChange={(value) => {
              set('stockWeeks', value);
            }}
            error={errors.stockWeeks}
          />
          <TextField
            id={fieldId('marketSharePercent')}
            label={t('report.marketSharePercent')}
            description={t('form.marketSharePercent.description')}
            inputMode="decimal"
            width="sm"
            value={values.marketSharePercent}
            onChange={(value) => {
              set('marketSharePercent', value);
            }}
            error={errors.marketSharePercent}
          />
        </div>
        {(['partialSupply', 'ownAlternatives', 'otherAlternatives'] as const).map((field) => (
          <ChoiceField<boolean>
            key={field}
            id={fieldId(field)}
            label={t(`form.${field}.question`)}
            inline
            options={yesNo}
            value={values[field]}
            onChange={(value) => {
              set(field, value);
            }}
            error={errors[field]}
          />
        ))}
      </section>

      <section className="ms-section ms-form__section" aria-labelledby={`${prefix}-impact-heading`}>
        <Heading level={2} id={`${prefix}-impact-heading`}>
          {t('form.section.impact')}
        </Heading>
        <ChoiceField
          id={fieldId('patientImpact')}
          label={t('report.patientImpact')}
          options={PATIENT_IMPACTS.map((impact) => ({
            value: impact,
            label: t(`impactLevel.${impact}`),
            description: t(`impactLevel.${impact}.description`),
          }))}
          value={values.patientImpact}
          onChange={(impact) => {
            set('patientImpact', impact);
          }}
          error={errors.patientImpact}
        />
        <TextAreaField
          id={fieldId('patientImpactText')}
          label={t('report.patientImpactText')}
          optional
          maxLength={REPORT_LIMITS.textMaxLength}
          rows={3}
          value={values.patientImpactText}
          onChange={(value) => {
            set('patientImpactText', value);
          }}
          error={errors.patientImpactText}
        />
        <TextAreaField
          id={fieldId('mitigationText')}
          label={t('report.mitigationText')}
          description={t('form.mitigationText.description')}
          optional
          maxLength={REPORT_LIMITS.textMaxLength}
          rows={3}
          value={values.mitigationText}
          onChange={(value) => {
            set('mitigationText', value);
          }}
          error={errors.mitigationText}
        />
      </section>

      <div className="ms-form__actions">
        <Button type="submit" purpose="primary" disabled={busy} data-testid="report-submit">
          {busy
            ? t('form.sending')
            : existing === null
              ? t('form.new.submit')
              : t('form.update.submit', { version: existing.version + 1 })}
        </Button>
        <AppLink to={existing === null ? paths.myNotifications() : paths.notification(existing.id)}>
          {t('form.cancel')}
        </AppLink>
      </div>
    </form>
  );
}
