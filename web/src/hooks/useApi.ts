import { useCallback, useEffect, useState } from 'react';

export type ApiState<T> =
  | { readonly status: 'loading'; readonly data: T | null; readonly error: null }
  | { readonly status: 'ok'; readonly data: T; readonly error: null }
  | { readonly status: 'error'; readonly data: null; readonly error: Error };

/**
 * Loads from the API whenever `key` changes, cancelling the previous request so a slow answer
 * never overwrites a newer one. While a new key loads, the previous data stays visible
 * (`status: 'loading'` with `data`), which keeps tables from jumping while paging.
 */
export function useApi<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): ApiState<T> & { readonly reload: () => void } {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading', data: null, error: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data, error: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ok', data, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          data: null,
          error: error instanceof Error ? error : new Error(String(error)),
        });
      },
    );
    return () => {
      controller.abort();
    };
    // `load` is a fresh closure each render; `key` names everything it depends on.
  }, [key, attempt]);

  const reload = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);
  return { ...state, reload };
}
