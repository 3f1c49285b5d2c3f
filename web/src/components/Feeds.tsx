import { useI18n } from '../hooks/useI18n.ts';

/**
 * A visible "follow" link to an Atom feed, and the <link rel="alternate"> that lets feed readers
 * and browsers find it (React 19 places <link> elements in the document head).
 */
export function FeedLink({ href, subject }: { readonly href: string; readonly subject: string }) {
  const { t } = useI18n();
  return (
    <a
      className="nl-link ms-feed-link"
      href={href}
      type="application/atom+xml"
      aria-label={t('feed.followDescription', { subject })}
    >
      <FeedIcon />
      {t('feed.follow')}
    </a>
  );
}

export function FeedAlternate({
  href,
  subject,
}: {
  readonly href: string;
  readonly subject: string;
}) {
  const { t } = useI18n();
  return (
    <link
      rel="alternate"
      type="application/atom+xml"
      href={href}
      title={t('feed.title', { subject })}
    />
  );
}

function FeedIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <circle cx="3" cy="13" r="1.8" fill="currentColor" />
      <path
        d="M2 7.2a6.8 6.8 0 0 1 6.8 6.8M2 2.6A11.4 11.4 0 0 1 13.4 14"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}
