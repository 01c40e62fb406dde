// A ticket raised with the requester's form reaches the agent's My work; the requester follows it
// on their own pages.
import { expect, test } from "@playwright/test";
import { AGENT, REQUESTER, ensureDesk, openFromMyWork, raiseTicketInConsole as raiseTicket, signedIn } from "./desk";
import { documentPage as shot } from "./support";

test("a ticket submitted with the requester's form appears in the agent's My work", async ({ browser }) => {
  await ensureDesk();
  const requester = await signedIn(browser, REQUESTER);
  await requester.page.goto("/tickets/new");
  await shot(requester.page, "new-ticket");
  const subject = `Cannot print invoices ${Date.now()}`;
  const number = await raiseTicket(requester.page, subject);
  await expect(requester.page.getByRole("heading", { name: subject })).toBeVisible();

  await requester.page.goto("/tickets");
  const mine = requester.page.getByRole("table", { name: "My tickets" });
  await expect(mine.getByRole("link", { name: number })).toBeVisible();
  await shot(requester.page, "my-tickets");

  const agent = await signedIn(browser, AGENT);
  await openFromMyWork(agent.page, number);
  await expect(agent.page.getByRole("heading", { level: 1, name: subject })).toBeVisible();

  await requester.context.close();
  await agent.context.close();
});

test("a requester withdraws a ticket nobody has started on", async ({ browser }) => {
  await ensureDesk();
  const requester = await signedIn(browser, REQUESTER);
  await raiseTicket(requester.page, "Add me to the team mailing list");
  await requester.page.getByRole("button", { name: "Withdraw ticket" }).click();
  await requester.page.getByRole("dialog").getByRole("button", { name: "Withdraw" }).click();
  await expect(requester.page.getByLabel("Status: Withdrawn")).toBeVisible();
  await expect(requester.page.getByRole("button", { name: "Withdraw ticket" })).toHaveCount(0);
  await requester.context.close();
});
