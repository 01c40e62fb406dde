// Where the services live. Read once at start from /config.json, which is served beside the
// static build, so one build runs against any deployment. `{hostname}` in a URL is replaced
// by the page's own host name: the sign-in cookie is per host, so the console and the services
// must be reached under the same name (localhost or 127.0.0.1, not one of each).

export type ServiceName = "tickets" | "workflow" | "messaging" | "notifications";

export interface ConsoleConfig {
  services: Record<ServiceName, string>;
  /** The organisation's sign-in page, shown when demo sign-in is off. */
  signInUrl?: string;
}

const SERVICE_NAMES: ServiceName[] = ["tickets", "workflow", "messaging", "notifications"];

export function resolveConfig(raw: unknown, hostname: string): ConsoleConfig {
  const services = (raw as { services?: Record<string, unknown> } | null)?.services;
  if (!services || typeof services !== "object") {
    throw new Error("config.json has no \"services\" object");
  }
  const resolved = {} as Record<ServiceName, string>;
  for (const name of SERVICE_NAMES) {
    const url = services[name];
    if (typeof url !== "string" || url === "") {
      throw new Error(`config.json names no URL for the service "${name}"`);
    }
    resolved[name] = url.replaceAll("{hostname}", hostname).replace(/\/+$/, "");
  }
  const signInUrl = (raw as { signInUrl?: unknown }).signInUrl;
  return typeof signInUrl === "string" && signInUrl !== ""
    ? { services: resolved, signInUrl }
    : { services: resolved };
}

let current: ConsoleConfig | null = null;

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`could not load /config.json (HTTP ${response.status})`);
  }
  current = resolveConfig(await response.json(), window.location.hostname);
  return current;
}

/** For tests: use this configuration instead of fetching one. */
export function setConfig(config: ConsoleConfig): void {
  current = config;
}

export function config(): ConsoleConfig {
  if (!current) throw new Error("the console configuration is not loaded yet");
  return current;
}
