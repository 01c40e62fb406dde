// The signed-in person (GET /me/ on the workflow API) and what happens when there is none:
// every page under <RequireSession> waits for /me/, an absent session goes to /sign-in, and a
// 401 from any service later on (the session expired) does the same, remembering the page.
import { useEffect, type ReactNode } from "react";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Center, Container } from "@mantine/core";
import { fetchMe, type Me } from "@/api/session";
import { keys } from "@/api/keys";
import { isApiError } from "@/api/errors";
import { onSessionExpired } from "@/api/session-events";
import { ErrorAlert } from "@/components/ErrorAlert";
import { LoadingState } from "@/components/States";

export function useMeQuery() {
  return useQuery({ queryKey: keys.me, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** The signed-in person; only inside <RequireSession>. */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error("useMe() outside <RequireSession>");
  return data;
}

/** Where to send someone to sign in, coming back to `from` afterwards. */
export function signInPath(from: string, expired = false): string {
  const params = new URLSearchParams();
  if (from && from !== "/" && !from.startsWith("/sign-in")) params.set("next", from);
  if (expired) params.set("expired", "1");
  const query = params.toString();
  return query ? `/sign-in?${query}` : "/sign-in";
}

/** Root of the route tree: turns any 401 (session expired) into the sign-in page. */
export function SessionWatch() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onSessionExpired(() => {
        if (window.location.pathname.startsWith("/sign-in")) return;
        queryClient.removeQueries();
        navigate(signInPath(location.pathname + location.search, true), { replace: true });
      }),
    [navigate, location, queryClient],
  );
  return <Outlet />;
}

export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <LoadingState label="Checking your session…" />
      </Center>
    );
  }
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      return <Navigate to={signInPath(location.pathname + location.search)} replace />;
    }
    return (
      <Container size="sm" py="xl">
        <ErrorAlert error={me.error} title="Could not check your session" onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  return <>{children}</>;
}
