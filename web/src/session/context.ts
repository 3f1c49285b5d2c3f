import { createContext } from 'react';
import type { Session } from '../api/types.ts';

export type SessionState =
  | { readonly status: 'loading'; readonly session: null }
  | { readonly status: 'anonymous'; readonly session: null; readonly expired: boolean }
  | { readonly status: 'authenticated'; readonly session: Session };

export interface SessionContextValue {
  readonly state: SessionState;
  /** Logs in; rejects with the API's error (401 wrong credentials, 429 too many attempts). */
  readonly login: (email: string, password: string) => Promise<Session>;
  readonly logout: () => Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);
