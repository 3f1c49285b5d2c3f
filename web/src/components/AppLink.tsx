import {
  Link as NlLink,
  type LinkProps as NlLinkProps,
} from '@nl-design-system-candidate/link-react';
import type { MouseEvent } from 'react';
import { useHref, useLinkClickHandler, type To } from 'react-router';

export interface AppLinkProps extends Omit<NlLinkProps, 'href'> {
  readonly to: To;
}

/** The NL Design System link, navigating inside the app without a page load. */
export function AppLink({ to, onClick, ...props }: AppLinkProps) {
  const href = useHref(to);
  const navigate = useLinkClickHandler(to);
  return (
    <NlLink
      {...props}
      href={href}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) navigate(event);
      }}
    />
  );
}
