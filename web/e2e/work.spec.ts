import { expect, test, type Page } from "@playwright/test";
import { documentPage, holder, raiseTicket, services, signIn, staff, taskOf, call, PEOPLE } from "./support";

/** The agents of the demo's IT support workflow, by user id (docs/demo.md). */
const AGENTS: Record<number, [string, string]> = {
  11: ["Ana Cruz", "Service Desk Agent"],
  12: ["Ben Tan", "Service Desk Agent"],
  13: ["Joy Dizon", "Service Desk Agent"],
  21: ["Rico Navarro", "IT Specialist"],
  22: ["Liza Mendoza", "IT Specialist"],
};

function agent(id: number) {
  const [name, role] = AGENTS[id] ?? [`Staff ${id}`, "Service Desk Agent"];
  return staff(id, name, role);
}

async function openFromMyWork(page: Page, ticketNumber: string, subject: string) {
  await page.goto("/work");
  const table = page.getByRole("table", { name: "My work" });
  const link = table.getByRole("link", { name: ticketNumber });
  await expect(link).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: ticketNumber })).toContainText(subject);
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
}

async function act(page: Page, button: string, notes: string) {
  await page.getByRole("region", { name: "Actions" }).getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog", { name: button });
  await dialog.getByLabel(/Notes/).fill(notes);
  await dialog.getByRole("button", { name: button }).click();
  await expect(dialog).toBeHidden();
}

test("agent moves a ticket to the next step, the next assignee sees it, and finalizing resolves it", async ({ page, context }) => {
  const subject = `Laptop screen flickers on battery (${Date.now().toString(36).slice(-4)})`;
  const ticketNumber = await raiseTicket(subject);

  // Triage: whoever the round robin chose finds it in My work.
  const triage = holder(await taskOf(ticketNumber))!;
  await signIn(context, agent(triage.assignee_id));
  await openFromMyWork(page, ticketNumber, subject);
  const actions = page.getByRole("region", { name: "Actions" });
  await expect(actions.getByRole("button", { name: "Hand to specialist" })).toBeVisible();
  await expect(page.getByRole("region", { name: "SLA" })).toContainText("Resolution");
  await expect(page.getByRole("img", { name: /Triage \(current\)/ })).toBeVisible();
  await documentPage(page, "task");
  await page.goto("/work");
  await expect(page.getByRole("link", { name: ticketNumber })).toBeVisible();
  await documentPage(page, "my-work");
  await page.getByRole("link", { name: ticketNumber }).click();

  await act(page, "Hand to specialist", "Screen cable suspected; needs a specialist.");
  // The page shows the new state at once: the step moved and the button is gone.
  await expect(page.getByRole("img", { name: /Fix \(current\)/ })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Hand to specialist" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "History" })).toContainText("Screen cable suspected");

  // Fix: the specialist now holds it.
  const fix = holder(await taskOf(ticketNumber))!;
  expect(fix.step).toBe("fix");
  await signIn(context, agent(fix.assignee_id));
  await openFromMyWork(page, ticketNumber, subject);
  await act(page, "Fixed", "Replaced the display cable.");
  await expect(page.getByRole("img", { name: /Verify with requester \(current\)/ })).toBeVisible();

  // Verify: back at the service desk, which finalizes.
  const verify = holder(await taskOf(ticketNumber))!;
  await signIn(context, agent(verify.assignee_id));
  await openFromMyWork(page, ticketNumber, subject);
  await act(page, "Finalize", "The requester confirmed the screen is fine.");
  await expect(page.getByText("Completed", { exact: true })).toBeVisible();
  await expect(actions).toContainText("no actions remain");

  // The requester's ticket is resolved.
  await expect
    .poll(async () => (await call<{ status: string }>("GET", `${services().tickets}/tickets/${ticketNumber}/`, undefined, PEOPLE.requester)).body.status)
    .toBe("Resolved");
  await signIn(context, PEOPLE.requester);
  await page.goto(`/tickets/${ticketNumber}`);
  await expect(page.getByText("Resolved").first()).toBeVisible();
});
