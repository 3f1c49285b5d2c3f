import { Button } from '@nl-design-system-candidate/button-react';
import { Textbox } from '@utrecht/component-library-react';
import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../hooks/useI18n.ts';
import { paths } from './links.ts';

/** The search box: substances by name (nl/en/de) or ATC code, sites and countries. */
export function SearchForm({ variant }: { readonly variant: 'header' | 'page' }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const current = location.pathname === '/search' ? (params.get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  const inputId = useId();

  // Follow the URL (back button, a shared link) but keep what the user is typing otherwise.
  useEffect(() => {
    setValue(current);
  }, [current]);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    void navigate(paths.search(value.trim()));
  };

  return (
    <form
      role="search"
      className={`ms-search ms-search--${variant}`}
      onSubmit={submit}
      aria-label={variant === 'header' ? t('nav.search') : t('search.label')}
    >
      <label
        htmlFor={inputId}
        className={variant === 'header' ? 'ms-visually-hidden' : 'ms-search__label'}
      >
        {t('search.label')}
      </label>
      <div className="ms-search__row">
        <Textbox
          id={inputId}
          type="search"
          name="q"
          autoComplete="off"
          value={value}
          placeholder={t('search.placeholder')}
          onChange={(event) => {
            setValue(event.target.value);
          }}
          data-testid={variant === 'header' ? 'header-search' : 'page-search'}
        />
        <Button type="submit" purpose="primary" className="ms-search__button">
          {t('search.submit')}
        </Button>
      </div>
    </form>
  );
}
