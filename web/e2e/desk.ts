// What the thread, notification and requester journeys add to e2e/support.ts: a small service
// desk of their own — a role whose only member is the first demo agent, and a published workflow
// for one department and category routing to it — so every ticket these tests raise lands in that
// agent's work whatever else the demo holds; signing in through the console's sign-in page; and
// raising a ticket with the requester's New ticket form.
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { call, services } from "./support";

/** The demo people these journeys sign in as (shared/src/demo.rs). */
export const AGENT = { user_id: 11, name: "Ana Cruz" };
export const REQUESTER = { name: "Juan Dela Cruz" };
/** Where the desk's workflow takes tickets from. */
export const DESK = { department: "Console Desk", category: "Console Journeys", role_id: 9101, role: "Console Desk" };
const WORKFLOW = "Console journeys";

async function admin<T>(method: string, url: string, body?: unknown): Promise<T> {
  const answer = await call<T>(method, url, body);
  expect(answer.status, `${method} ${url}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
  return answer.body;
}

let deskReady: Promise<void> | null = null;

/** The desk's role and workflow (made once per run; safe when they exist already). */
export function ensureDesk(): Promise<void> {
  deskReady ??= (async () => {
    const wf = services().workflow;
    await admin("PUT", `${wf}/roles/${DESK.role_id}/`, { name: DESK.role });
    await admin("PUT", `${wf}/roles/${DESK.role_id}/members/${AGENT.user_id}/`, {
      user_full_name: AGENT.name,
      user_email: "ana.cruz@example.com",
      is_active: true,
    });
    const list = await admin<{ items?: { name: string; status: string }[] } | { name: string; status: string }[]>("GET", `${wf}/workflows/?limit=200`);
    const items = Array.isArray(list) ? list : (list.items ?? []);
    if (items.some((w) => w.name === WORKFLOW && w.status === "active")) return;
    const created = await admin<{ id: number }>("POST", `${wf}/workflows/`, {
      name: WORKFLOW,
      department: DESK.department,
      category: DESK.category,
      low_sla: "P5D",
      medium_sla: "P2D",
      high_sla: "P1D",
      urgent_sla: "PT4H",
      graph: {
        steps: [
          { key: "triage", name: "Triage", role_id: DESK.role_id, is_start: true },
          { key: "done", name: "Done", role_id: DESK.role_id, is_end: true },
        ],
        transitions: [{ key: "solved", from: "triage", to: "done", name: "Solved" }],
      },
    });
    await admin("POST", `${wf}/workflows/${created.id}/publish/`, {});
  })();
  return deskReady;
}

/** A browser context signed in as a demo person through the console's sign-in page. */
export async function signedIn(browser: Browser, who: { name: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in as ${who.name}` }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  return { context, page };
}

/**
 * Raises a ticket through the requester's New ticket form (the page must be signed in as the
 * requester); answers its number. By default it goes to this file's desk.
 */
export async function raiseTicketInConsole(
  page: Page,
  subject: string,
  { department = DESK.department, category = DESK.category, priority = "Medium", description = "Raised in the console." } = {},
): Promise<string> {
  await page.goto("/tickets/new");
  await page.getByRole("textbox", { name: "Subject" }).fill(subject);
  await page.getByRole("textbox", { name: "Description" }).fill(description);
  await page.getByRole("combobox", { name: "Department" }).fill(department);
  await page.getByRole("combobox", { name: "Category" }).fill(category);
  if (priority !== "Medium") {
    await page.getByRole("textbox", { name: "Priority" }).or(page.getByRole("combobox", { name: "Priority" })).click();
    await page.getByRole("option", { name: priority, exact: true }).click();
  }
  await page.getByRole("button", { name: "Submit ticket" }).click();
  await expect(page.getByText("Ticket submitted")).toBeVisible();
  const number = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
  expect(number).toMatch(/^[A-Za-z0-9_-]+$/);
  return number;
}

/** Finds a ticket in My work (searching, so it is in view however long the list) and opens its task. */
export async function openFromMyWork(page: Page, ticketNumber: string): Promise<void> {
  await page.goto("/work");
  await page.getByRole("textbox", { name: "Search" }).fill(ticketNumber);
  const link = page.getByRole("table", { name: "My work" }).getByRole("link", { name: ticketNumber });
  // The item appears without a reload: the task notification refreshes My work.
  await expect(link).toBeVisible({ timeout: 30_000 });
  await link.click();
}
