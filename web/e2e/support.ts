// What the browser tests share: the services' URLs, sessions for any person (a token signed as
// the auth service signs it, set as the same cookie), calls to the API as the admin, and
// screenshots of the main pages for docs/screenshots/.
import { createHmac } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, type BrowserContext, type Page } from "@playwright/test";

export interface Services {
  tickets: string;
  workflow: string;
  messaging: string;
  notifications: string;
}

export function services(): Services {
  const raw = process.env.E2E_SERVICES;
  if (!raw) throw new Error("E2E_SERVICES is not set: run the tests through playwright (global setup)");
  return JSON.parse(raw) as Services;
}

/** The demo organisation's people the tests act as (docs/demo.md). */
export const PEOPLE = {
  admin: { user_id: 1, user_type: "staff", full_name: "Maria Santos", roles: ["Admin"] },
  requester: { user_id: 501, user_type: "employee", full_name: "Juan Dela Cruz", roles: [] },
} as const;

export interface Person {
  user_id: number;
  user_type: "staff" | "employee";
  full_name: string;
  roles: readonly string[];
}

const SECRET = process.env.TTS_JWT_SECRET ?? "tts-development-secret-do-not-use-in-production";

const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

/** An access token as the auth service issues it (HS256, the development secret). */
export function token(person: Person, ttlSeconds = 3600): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64({ typ: "JWT", alg: "HS256" });
  const claims = b64({
    user_id: person.user_id,
    user_type: person.user_type,
    full_name: person.full_name,
    email: `${person.full_name.toLowerCase().replaceAll(" ", ".")}@example.com`,
    token_type: "access",
    iat: now - 5,
    exp: now + ttlSeconds,
    roles: person.roles.map((role) => ({ system: person.user_type === "staff" ? "tts" : "hdts", role })),
  });
  const signature = createHmac("sha256", SECRET).update(`${header}.${claims}`).digest("base64url");
  return `${header}.${claims}.${signature}`;
}

/** Signs `person` in for the whole context: the `access_token` cookie of the services' host. */
export async function signIn(context: BrowserContext, person: Person, ttlSeconds = 3600): Promise<void> {
  await context.clearCookies();
  await context.addCookies([
    { name: "access_token", value: token(person, ttlSeconds), domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" },
  ]);
}

/** A call to a service as `person` (admin by default); the JSON answer. */
export async function call<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  person: Person = PEOPLE.admin,
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${token(person)}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

interface TaskRow {
  id?: number;
  task_id?: number;
  ticket_number: string;
}
interface TaskDetail {
  id: number;
  status: string;
  current_step: { key: string; name: string };
  items: { id: number; assignee_id: number; assignee_name?: string | null; status: string; step: string }[];
}

/** The task of a ticket once the workflow API has it (the ticket travels over RabbitMQ). */
export async function taskOf(ticketNumber: string): Promise<TaskDetail> {
  const wf = services().workflow;
  let found: TaskDetail | null = null;
  await expect
    .poll(
      async () => {
        const { status, body } = await call<{ items: TaskRow[] } | TaskRow[]>("GET", `${wf}/tasks/?limit=200`);
        if (status !== 200) return false;
        const rows = Array.isArray(body) ? body : body.items;
        const row = rows.find((r) => r.ticket_number === ticketNumber);
        if (!row) return false;
        const detail = await call<TaskDetail>("GET", `${wf}/tasks/${row.task_id ?? row.id}/`);
        found = detail.body;
        return detail.status === 200;
      },
      { message: `a task for ${ticketNumber}`, timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

/** The task's open item: who holds the task now. */
export function holder(task: TaskDetail) {
  const open = task.items.filter((i) => i.status === "new" || i.status === "in_progress");
  return open[open.length - 1];
}

/** A staff member of the demo, as a session-able person. */
export function staff(user_id: number, full_name: string, role: string): Person {
  return { user_id, user_type: "staff", full_name, roles: [role] };
}

/** Creates a ticket as the requester, through the ticket service. */
export async function raiseTicket(subject: string, category = "IT Support"): Promise<string> {
  const { status, body } = await call<{ ticket_number: string }>(
    "POST",
    `${services().tickets}/tickets/`,
    {
      subject,
      description: "The laptop screen flickers when on battery.",
      department: "IT Department",
      category,
      priority: "High",
      data: { asset_tag: "LT-0420" },
    },
    PEOPLE.requester,
  );
  expect(status, JSON.stringify(body)).toBe(201);
  return body.ticket_number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Saves a screenshot of a main page for docs/screenshots/ when E2E_SCREENSHOTS names a folder. */
export async function documentPage(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  await page.screenshot({ path: path.resolve(here, "..", dir, `${name}.png`), fullPage: true });
}
