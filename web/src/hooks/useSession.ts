import { useContext } from 'react';
import { SessionContext, type SessionContextValue } from '../session/context.ts';

/** The logged-in user (if any), with login and logout. */
export function useSession(): SessionContextValue {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession is used outside <SessionProvider>');
  return session;
}
