import { Button } from '@nl-design-system-candidate/button-react';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Alert, Checkbox, FormField, FormLabel } from '@utrecht/component-library-react';
import { useId, useState, type SyntheticEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { NotificationDetail, NotificationStatus, Session } from '../api/types.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { AppLink } from './AppLink.tsx';
import { ChoiceField, TextAreaField } from './FormControls.tsx';
import { paths } from './links.ts';
import { REPORT_LIMITS } from './notification-form-model.ts';
import { OPEN_STATUSES, allowedTransitions, isDecider } from './notification-lifecycle.ts';

type Outcome =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly text: string };

/** Runs one write and keeps its outcome for a status message next to the form. */
function useAction(onDone: () => void) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = (action: () => Promise<unknown>, success: string) => {
    // The NL Design System button marks itself aria-disabled but still fires: guard here.
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    action().then(
      () => {
        setBusy(false);
        setOutcome({ ok: true, text: success });
        onDone();
      },
      (error: unknown) => {
        setBusy(false);
        const message =
          error instanceof ApiError && error.status === 403
            ? t('actions.forbidden')
            : error instanceof ApiError && error.status === 409
              ? t('actions.conflict', { message: error.message })
              : error instanceof Error
                ? error.message
                : String(error);
        setOutcome({ ok: false, text: message });
      },
    );
  };
  return { busy, outcome, run };
}

function OutcomeMessage({ outcome }: { readonly outcome: Outcome | null }) {
  return (
    // The alert is its own live region (role status or alert, by type).
    <div className="ms-action__outcome">
      {outcome === null ? null : (
        <Alert type={outcome.ok ? 'ok' : 'error'}>
          <Paragraph>{outcome.text}</Paragraph>
        </Alert>
      )}
    </div>
  );
}

/**
 * What the viewer may do with this notification: the notification centre triages, decides,
 * advises, marks a cause unforeseeable and asks for information; the reporting company updates,
 * withdraws and comments; the coordination centre comments. The server checks every write again.
 */
export function NotificationActions({
  notification,
  session,
  onChanged,
}: {
  readonly notification: NotificationDetail;
  readonly session: Session;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const role = session.user.role;
  const own = session.user.organisationId === notification.organisationId;
  const decider = isDecider(role);
  const transitions = allowedTransitions(notification.status, role, own);
  const canUpdate = role === 'mah' && own && OPEN_STATUSES.includes(notification.status);
  const canComment = decider || role === 'coordinator' || (role === 'mah' && own);

  if (transitions.length === 0 && !canUpdate && !canComment) return null;
  return (
    <section
      aria-labelledby="actions-heading"
      className="ms-section ms-actions"
      data-testid="actions"
    >
      <Heading level={2} id="actions-heading">
        {t('actions.heading')}
      </Heading>
      <div className="ms-actions__grid">
        {transitions.length > 0 || canUpdate ? (
          <StatusActions
            notification={notification}
            transitions={transitions}
            canUpdate={canUpdate}
            onChanged={onChanged}
          />
        ) : null}
        {decider ? <AdviceForm notification={notification} onChanged={onChanged} /> : null}
        {decider ? <UnforeseeableForm notification={notification} onChanged={onChanged} /> : null}
        {canComment ? (
          <NoteForm notification={notification} analyst={decider} onChanged={onChanged} />
        ) : null}
      </div>
    </section>
  );
}

function StatusActions({
  notification,
  transitions,
  canUpdate,
  onChanged,
}: {
  readonly notification: NotificationDetail;
  readonly transitions: readonly NotificationStatus[];
  readonly canUpdate: boolean;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const commentId = useId();
  const [comment, setComment] = useState('');
  const [confirming, setConfirming] = useState<NotificationStatus | null>(null);
  const { busy, outcome, run } = useAction(() => {
    setComment('');
    onChanged();
  });
  const change = (to: NotificationStatus) => {
    setConfirming(null);
    run(
      () => api.changeStatus(notification.id, to, comment.trim()),
      t('actions.status.done', { status: t(`status.${to}`) }),
    );
  };
  return (
    <div className="ms-action" data-testid="status-actions">
      <Heading level={3}>{t('actions.status.heading')}</Heading>
      <Paragraph className="ms-muted">
        {t('actions.status.current', { status: t(`status.${notification.status}`) })}
      </Paragraph>
      {canUpdate ? (
        <Paragraph>
          <AppLink
            to={paths.updateNotification(notification.id)}
            className="ms-button-link"
            data-testid="update-notification"
          >
            {t('actions.update')}
          </AppLink>
        </Paragraph>
      ) : null}
      {transitions.length > 0 ? (
        <>
          <TextAreaField
            id={commentId}
            label={t('actions.status.comment')}
            optional
            rows={2}
            maxLength={REPORT_LIMITS.textMaxLength}
            value={comment}
            onChange={setComment}
          />
          <div className="ms-action__buttons">
            {transitions.map((to) =>
              to === 'withdrawn' && confirming !== 'withdrawn' ? (
                <Button
                  key={to}
                  purpose="secondary"
                  disabled={busy}
                  onClick={() => {
                    if (!busy) setConfirming('withdrawn');
                  }}
                  data-testid={`status-${to}`}
                >
                  {t(`action.${to}`)}
                </Button>
              ) : (
                <Button
                  key={to}
                  purpose={
                    to === 'confirmed_shortage' || to === 'withdrawn' ? 'primary' : 'secondary'
                  }
                  disabled={busy}
                  onClick={() => {
                    change(to);
                  }}
                  data-testid={to === 'withdrawn' ? 'status-withdrawn-confirm' : `status-${to}`}
                >
                  {to === 'withdrawn' ? t('actions.withdraw.confirm') : t(`action.${to}`)}
                </Button>
              ),
            )}
            {confirming !== null ? (
              <Button
                purpose="subtle"
                onClick={() => {
                  setConfirming(null);
                }}
              >
                {t('form.cancel')}
              </Button>
            ) : null}
          </div>
          {confirming === 'withdrawn' ? (
            <p className="ms-field-hint" role="status">
              {t('actions.withdraw.question')}
            </p>
          ) : null}
        </>
      ) : null}
      <OutcomeMessage outcome={outcome} />
    </div>
  );
}

function AdviceForm({
  notification,
  onChanged,
}: {
  readonly notification: NotificationDetail;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const adviceId = useId();
  const [advice, setAdvice] = useState(notification.publicAdvice);
  const { busy, outcome, run } = useAction(onChanged);
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (advice.trim() === notification.publicAdvice) return;
    run(() => api.setAdvice(notification.id, advice.trim()), t('actions.advice.done'));
  };
  return (
    <form className="ms-action" onSubmit={submit} data-testid="advice-form">
      <Heading level={3}>{t('actions.advice.heading')}</Heading>
      <TextAreaField
        id={adviceId}
        label={t('actions.advice.label')}
        description={
          notification.status === 'confirmed_shortage'
            ? t('actions.advice.public')
            : t('actions.advice.notYetPublic')
        }
        rows={4}
        maxLength={REPORT_LIMITS.textMaxLength}
        value={advice}
        onChange={setAdvice}
      />
      <div className="ms-action__buttons">
        <Button
          type="submit"
          purpose="secondary"
          disabled={busy || advice.trim() === notification.publicAdvice}
        >
          {t('actions.advice.save')}
        </Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function UnforeseeableForm({
  notification,
  onChanged,
}: {
  readonly notification: NotificationDetail;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const checkId = useId();
  const reasonId = useId();
  const [value, setValue] = useState(notification.unforeseeable);
  const [reason, setReason] = useState('');
  const { busy, outcome, run } = useAction(() => {
    setReason('');
    onChanged();
  });
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (value === notification.unforeseeable && reason.trim() === '') return;
    run(
      () => api.setUnforeseeable(notification.id, value, reason.trim()),
      value ? t('actions.unforeseeable.doneOn') : t('actions.unforeseeable.doneOff'),
    );
  };
  return (
    <form className="ms-action" onSubmit={submit} data-testid="unforeseeable-form">
      <Heading level={3}>{t('actions.unforeseeable.heading')}</Heading>
      <Paragraph className="ms-muted">{t('actions.unforeseeable.lead')}</Paragraph>
      <FormField type="checkbox" className="ms-checkbox-field">
        <Checkbox
          id={checkId}
          appearance="custom"
          checked={value}
          onChange={(event) => {
            setValue(event.target.checked);
          }}
        />
        <FormLabel htmlFor={checkId} type="checkbox">
          {t('actions.unforeseeable.label')}
        </FormLabel>
      </FormField>
      <TextAreaField
        id={reasonId}
        label={t('actions.unforeseeable.reason')}
        optional
        rows={2}
        maxLength={REPORT_LIMITS.textMaxLength}
        value={reason}
        onChange={setReason}
      />
      <div className="ms-action__buttons">
        <Button
          type="submit"
          purpose="secondary"
          disabled={busy || (value === notification.unforeseeable && reason.trim() === '')}
        >
          {t('actions.unforeseeable.save')}
        </Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function NoteForm({
  notification,
  analyst,
  onChanged,
}: {
  readonly notification: NotificationDetail;
  readonly analyst: boolean;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const bodyId = useId();
  const kindId = useId();
  const [kind, setKind] = useState<'comment' | 'information_request'>('comment');
  const [body, setBody] = useState('');
  const [empty, setEmpty] = useState(false);
  const { busy, outcome, run } = useAction(() => {
    setBody('');
    onChanged();
  });
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (body.trim() === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    run(
      () => api.addComment(notification.id, kind, body.trim()),
      kind === 'comment' ? t('actions.note.doneComment') : t('actions.note.doneRequest'),
    );
  };
  return (
    <form className="ms-action" onSubmit={submit} noValidate data-testid="note-form">
      <Heading level={3}>
        {analyst ? t('actions.note.headingAnalyst') : t('actions.note.heading')}
      </Heading>
      {analyst ? (
        <ChoiceField<'comment' | 'information_request'>
          id={kindId}
          label={t('actions.note.kind')}
          inline
          options={[
            { value: 'comment', label: t('events.kind.comment') },
            { value: 'information_request', label: t('events.kind.information_request') },
          ]}
          value={kind}
          onChange={setKind}
        />
      ) : null}
      <TextAreaField
        id={bodyId}
        label={
          kind === 'information_request' ? t('actions.note.requestLabel') : t('actions.note.label')
        }
        rows={3}
        maxLength={REPORT_LIMITS.textMaxLength}
        value={body}
        onChange={(value) => {
          setBody(value);
          if (value.trim() !== '') setEmpty(false);
        }}
        error={empty ? { key: 'form.error.required' } : undefined}
      />
      <div className="ms-action__buttons">
        <Button type="submit" purpose="secondary" disabled={busy}>
          {kind === 'information_request' ? t('actions.note.sendRequest') : t('actions.note.send')}
        </Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
