import { expect, test } from "@playwright/test";
import { call, holder, PEOPLE, raiseTicket, services, signIn, staff, taskOf } from "./support";

test("an action refused because someone else acted first shows the 409 and the task as it is now", async ({ page, context }) => {
  const subject = `Keyboard misses keys (${Date.now().toString(36).slice(-4)})`;
  const ticketNumber = await raiseTicket(subject);
  const task = await taskOf(ticketNumber);
  const assignee = holder(task)!;
  await signIn(context, staff(assignee.assignee_id, "Service Desk", "Service Desk Agent"));
  await page.goto(`/tasks/${task.id}`);
  const actions = page.getByRole("region", { name: "Actions" });
  await expect(actions.getByRole("button", { name: "Hand to specialist" })).toBeVisible();

  // Meanwhile the requester withdraws the ticket, which ends the task.
  const withdrawn = await call("PATCH", `${services().tickets}/tickets/${ticketNumber}/`, { status: "Withdrawn" }, PEOPLE.requester);
  expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
  await expect
    .poll(async () => (await call<{ status: string }>("GET", `${services().workflow}/tasks/${task.id}/`)).body.status)
    .toBe("withdrawn");

  // The agent's page still offers the move; the service refuses it.
  await actions.getByRole("button", { name: "Hand to specialist" }).click();
  const dialog = page.getByRole("dialog", { name: "Hand to specialist" });
  await dialog.getByLabel(/Notes/).fill("Needs a specialist.");
  await dialog.getByRole("button", { name: "Hand to specialist" }).click();

  const alert = actions.getByRole("alert");
  await expect(alert).toContainText("Someone else acted first");
  await expect(alert).toContainText("withdrawn");
  // The fresh state: no buttons left, the task shown as withdrawn.
  await expect(actions.getByRole("button", { name: "Hand to specialist" })).toHaveCount(0);
  await expect(actions).toContainText("This task is withdrawn");
});
