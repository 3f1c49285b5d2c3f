import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { api, feeds } from '../api/client.ts';
import { useApi } from '../hooks/useApi.ts';
import { useI18n } from '../hooks/useI18n.ts';
import { AlternativesList } from './AlternativesList.tsx';
import { AppLink } from './AppLink.tsx';
import { DataBadge } from './Badges.tsx';
import { FeedAlternate, FeedLink } from './Feeds.tsx';
import { paths } from './links.ts';

/**
 * The substance's own entries on the public shortage list (shown only when there are any), with
 * the advice and alternatives, and the substance's Atom feed to follow.
 */
export function SubstanceShortagesSection({
  atc,
  name,
}: {
  readonly atc: string;
  readonly name: string;
}) {
  const { t, date } = useI18n();
  const shortages = useApi(`substance-shortages:${atc}`, (signal) =>
    api.shortages({ atc, pageSize: 100 }, signal),
  );
  const subject = `${name} (${atc})`;
  const items = shortages.data?.items ?? [];
  return (
    <>
      <FeedAlternate href={feeds.substance(atc)} subject={subject} />
      {items.length > 0 ? (
        <section
          aria-labelledby="nl-shortages-heading"
          className="ms-section ms-section--alert"
          data-testid="substance-shortages"
        >
          <Heading level={2} id="nl-shortages-heading">
            {t('substance.shortages.heading')}
          </Heading>
          <Paragraph className="ms-muted">
            {t('substance.shortages.lead', { name })}{' '}
            <FeedLink href={feeds.substance(atc)} subject={subject} />
          </Paragraph>
          <ul className="ms-shortage-cards">
            {items.map((item) => (
              <li key={item.reference} className="ms-shortage-card">
                <div className="ms-shortage-card__head">
                  <DataBadge tone={item.phase === 'current' ? 'danger' : 'warning'}>
                    {t(`shortages.phase.${item.phase}`)}
                  </DataBadge>
                  <span className="ms-shortage-card__dates">
                    {t('substance.shortages.period', {
                      start: date(item.expectedStart),
                      end:
                        item.expectedEnd === null
                          ? t('shortages.endUnknown').toLowerCase()
                          : date(item.expectedEnd),
                    })}
                  </span>
                </div>
                <p className="ms-shortage-card__products">
                  {item.products.map((product) => product.name).join('; ')}
                </p>
                <p className="ms-shortage-card__meta">
                  {item.organisationName} · {t(`cause.${item.causeCategory}`)}
                </p>
                {item.advice !== '' ? <p className="ms-advice">{item.advice}</p> : null}
                <AlternativesList
                  alternatives={item.products.flatMap((product) => product.alternatives)}
                />
              </li>
            ))}
          </ul>
          <Paragraph>
            <AppLink to={paths.shortages({ atc })}>{t('substance.shortages.all')}</AppLink>
          </Paragraph>
        </section>
      ) : null}
    </>
  );
}
