// One typed client per service, generated from its OpenAPI document (src/api/generated/).
// Every call sends the session cookie (credentials: include); a 401 from any of them is
// reported once through session-events, and failures become ApiError.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { config, type ServiceName } from "@/config";
import type { paths as TicketPaths } from "./generated/ticket-service";
import type { paths as WorkflowPaths } from "./generated/workflow-api";
import type { paths as MessagingPaths } from "./generated/messaging";
import type { paths as NotificationPaths } from "./generated/notification-service";
import { apiErrorFrom, unreachable } from "./errors";
import { sessionExpired } from "./session-events";

const SERVICE_LABEL: Record<ServiceName, string> = {
  tickets: "ticket service",
  workflow: "workflow service",
  messaging: "messaging service",
  notifications: "notification service",
};

/** Requests whose 401 means "not signed in yet", not "the session ended". */
const QUIET_401 = ["/me/", "/auth/"];

const expiry: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401) {
      const path = new URL(request.url).pathname;
      if (!QUIET_401.some((p) => path.startsWith(p))) sessionExpired();
    }
    return undefined;
  },
};

function make<Paths extends object>(service: ServiceName): Client<Paths> {
  const client = createClient<Paths>({
    baseUrl: config().services[service],
    credentials: "include",
    fetch: async (request: Request) => {
      try {
        return await globalThis.fetch(request);
      } catch (cause) {
        throw unreachable(SERVICE_LABEL[service], cause);
      }
    },
  });
  client.use(expiry);
  return client;
}

let clients: {
  tickets: Client<TicketPaths>;
  workflow: Client<WorkflowPaths>;
  messaging: Client<MessagingPaths>;
  notifications: Client<NotificationPaths>;
} | null = null;

/** The clients, made on first use (after the configuration is loaded). */
export function api() {
  if (!clients) {
    clients = {
      tickets: make<TicketPaths>("tickets"),
      workflow: make<WorkflowPaths>("workflow"),
      messaging: make<MessagingPaths>("messaging"),
      notifications: make<NotificationPaths>("notifications"),
    };
  }
  return clients;
}

/** For tests: forget the clients so the next api() call uses the current configuration. */
export function resetClients(): void {
  clients = null;
}

/**
 * The data of an openapi-fetch answer, or an ApiError carrying the envelope's message and
 * fields. Use it in every query and mutation function:
 * `unwrap(api().workflow.GET("/tasks/{task_id}/", {...}))`.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw apiErrorFrom(response.status, error, response.statusText || "The request failed");
  }
  return data as T;
}
