import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, setUnauthorisedHandler } from '../api/client.ts';
import type { Session } from '../api/types.ts';
import { SessionContext, type SessionState } from './context.ts';

/**
 * Who is logged in. The session itself is an httpOnly cookie the app cannot read; on start the
 * provider asks GET /v1/sessions/current, which answers the user, organisation and CSRF token of
 * a live session (204 No Content otherwise), so a reload keeps the user logged in without storing
 * the token.
 */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading', session: null });

  const authenticated = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'authenticated', session });
  }, []);
  const anonymous = useCallback((expired: boolean) => {
    setCsrfToken(null);
    setState({ status: 'anonymous', session: null, expired });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const stayAnonymous = () => {
      if (!controller.signal.aborted) anonymous(false);
    };
    api.currentSession(controller.signal).then(
      (session) => {
        if (session === null) stayAnonymous();
        else authenticated(session);
      },
      // Any failure leaves the visitor anonymous (the public pages still work) rather than
      // blocking the app.
      stayAnonymous,
    );
    // A 401 on a later request means the session ended (idle time-out, logout elsewhere).
    setUnauthorisedHandler(() => {
      anonymous(true);
    });
    return () => {
      controller.abort();
      setUnauthorisedHandler(null);
    };
  }, [authenticated, anonymous]);

  const login = useCallback(
    async (email: string, password: string) => {
      const session = await api.login(email, password);
      authenticated(session);
      return session;
    },
    [authenticated],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      anonymous(false);
    }
  }, [anonymous]);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
