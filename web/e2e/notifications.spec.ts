// The bell's unread count rises live when a task is assigned and falls on "Mark all read".
import { expect, test } from "@playwright/test";
import { AGENT, REQUESTER, ensureDesk, raiseTicketInConsole as raiseTicket, signedIn } from "./desk";
import { documentPage as shot } from "./support";

test("the bell's count rises live when a task is assigned and falls on read all", async ({ browser }) => {
  await ensureDesk();
  const agent = await signedIn(browser, AGENT);
  const bell = agent.page.getByRole("button", { name: /^Notifications/ });
  // The count is known (the label names it) before deciding whether to clear it.
  await expect(bell).toHaveAccessibleName(/^Notifications, /);
  // Start from nothing unread, so the rise is this test's assignment.
  if ((await bell.getAttribute("aria-label")) !== "Notifications, none unread") {
    await bell.click();
    await agent.page.getByRole("button", { name: "Mark all read" }).click();
    await bell.click();
    await expect(bell).toHaveAttribute("aria-expanded", "false");
  }
  await expect(bell).toHaveAccessibleName("Notifications, none unread");

  const requester = await signedIn(browser, REQUESTER);
  const number = await raiseTicket(requester.page, "Monitor flickers after the update");

  // No reload on the agent's side: the socket brings the count.
  await expect(bell).toHaveAccessibleName(/^Notifications, [1-9]\d* unread$/, { timeout: 30_000 });
  await bell.click();
  await expect(agent.page.getByRole("list", { name: "Latest notifications" }).getByText(number)).toBeVisible();
  await shot(agent.page, "notification-panel");
  await agent.page.getByRole("button", { name: "Mark all read" }).click();
  await expect(bell).toHaveAccessibleName("Notifications, none unread");

  await agent.page.goto("/notifications");
  await expect(agent.page.getByRole("list", { name: "Notifications" }).getByText(number).first()).toBeVisible();
  await shot(agent.page, "notifications");
  await agent.page.getByRole("tab", { name: "Preferences" }).click();
  await expect(agent.page.getByRole("table", { name: "Notification preferences" })).toBeVisible();
  await shot(agent.page, "notification-preferences");

  await requester.context.close();
  await agent.context.close();
});
