import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, onUnauthorized } from '../api/client';
import { fetchMe, logout as apiLogout, type Me } from '../api/auth';

interface Session {
  me: Me | null;
  /** True until the first /api/auth/me answers. */
  checking: boolean;
  /** Set when /me failed for a reason other than "not logged in" (server down...). */
  error: ApiError | null;
  /** Why the user was sent back to the login page, if it was not their choice. */
  expired: boolean;
  signedIn(me: Me): void;
  logout(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [expired, setExpired] = useState(false);

  const check = useCallback(() => {
    setChecking(true);
    setError(null);
    fetchMe()
      .then(setMe)
      .catch((e: unknown) => {
        setMe(null);
        if (!(e instanceof ApiError && e.status === 401)) setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
      })
      .finally(() => setChecking(false));
  }, []);

  useEffect(check, [check]);

  // Any 401 from the API means the session ended (expired, logged out elsewhere): back to login.
  useEffect(
    () =>
      onUnauthorized(() => {
        setMe((current) => {
          if (current) setExpired(true);
          return null;
        });
      }),
    [],
  );

  const value: Session = {
    me,
    checking,
    error,
    expired,
    signedIn: (m) => {
      setExpired(false);
      setMe(m);
    },
    logout: async () => {
      try {
        await apiLogout();
      } finally {
        setExpired(false);
        setMe(null);
      }
    },
    retry: check,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
