// Renders a component as the console does: theme, query client, a memory router, and a
// configuration pointing at fake service URLs (fetch is stubbed per test).
import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider, type RouteObject } from "react-router";
import { setConfig } from "@/config";
import { resetClients } from "@/api/clients";
import { theme } from "@/theme";

export const SERVICES = {
  tickets: "http://tickets.test",
  workflow: "http://workflow.test",
  messaging: "http://messaging.test",
  notifications: "http://notifications.test",
};

export function configureForTests(): void {
  setConfig({ services: SERVICES });
  resetClients();
}

export function renderWithProviders(
  ui: ReactElement,
  { path = "/", route = "/", routes }: { path?: string; route?: string; routes?: RouteObject[] } = {},
) {
  configureForTests();
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(routes ?? [{ path, element: ui }], { initialEntries: [route] });
  const result = render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...result, queryClient, router };
}

/** A fetch stub answering by method and path; unknown requests answer 404 with the envelope. */
export type Handler = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

export function errorBody(status: number, code: string, message: string, fields: { field: string; message: string }[] = []) {
  return json({ error: { code, message, fields }, request_id: "req-1" }, status);
}

export function stubFetch(handlers: Record<string, Handler>) {
  const calls: Request[] = [];
  const fetchStub = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    calls.push(request.clone());
    const url = new URL(request.url);
    const key = `${request.method} ${url.origin}${url.pathname}`;
    const handler = handlers[key];
    if (!handler) return errorBody(404, "not_found", `no stub for ${key}`);
    return handler(request);
  };
  globalThis.fetch = fetchStub as typeof fetch;
  return calls;
}
