// Agent and requester in two browsers: a public reply reaches the requester's ticket page live;
// an internal note never does.
import { expect, test } from "@playwright/test";
import { AGENT, REQUESTER, ensureDesk, openFromMyWork, raiseTicketInConsole as raiseTicket, signedIn } from "./desk";
import { documentPage as shot } from "./support";

/** A 1×1 PNG: the services judge a file's type from its bytes. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==",
  "base64",
);

test("a public reply appears live on the requester's page and an internal note never does", async ({ browser }) => {
  await ensureDesk();
  const requester = await signedIn(browser, REQUESTER);
  const number = await raiseTicket(requester.page, "Docking station not detected");
  const requesterThread = requester.page.getByRole("region", { name: "Comments" });
  await expect(requesterThread.getByText("Live")).toBeVisible();

  // The agent works it from the task page, reached from My work.
  const agent = await signedIn(browser, AGENT);
  await openFromMyWork(agent.page, number);
  await expect(agent.page.getByRole("heading", { level: 1, name: "Docking station not detected" })).toBeVisible();
  const agentThread = agent.page.getByRole("region", { name: "Comments" });
  await expect(agentThread.getByText("Live")).toBeVisible();
  // Staff write internal notes unless they choose otherwise.
  await expect(agent.page.getByRole("radio", { name: "Internal note" })).toBeChecked();
  await agent.page.getByRole("textbox", { name: "New comment" }).fill("Internal: probably the firmware, check the asset log");
  await agent.page.getByRole("button", { name: "Add internal note" }).click();
  await expect(agentThread.getByRole("article", { name: `Internal note by ${AGENT.name}` })).toBeVisible();

  await agent.page.getByText("Public reply").click();
  await agent.page.getByRole("textbox", { name: "New comment" }).fill("Thanks — we are on it. Could you try another USB-C port?");
  await agent.page.getByRole("button", { name: "Send public reply" }).click();

  await expect(agentThread.getByText("Could you try another USB-C port?")).toBeVisible();
  // The next comment is an internal note again unless chosen otherwise.
  await expect(agent.page.getByRole("radio", { name: "Internal note" })).toBeChecked();

  // The reply arrives without a reload; the note sent before it never does.
  await expect(requesterThread.getByText("Could you try another USB-C port?")).toBeVisible();
  await expect(requesterThread.getByText("probably the firmware")).toHaveCount(0);
  await expect(requesterThread.getByRole("article", { name: /Internal note/ })).toHaveCount(0);
  await shot(requester.page, "requester-ticket");
  await shot(agent.page, "comment-thread-staff");

  // Nor after a reload (read over HTTP rather than the socket).
  await requester.page.reload();
  await expect(requesterThread.getByText("Could you try another USB-C port?")).toBeVisible();
  await expect(requester.page.getByText("probably the firmware")).toHaveCount(0);

  // The requester answers; the agent sees it live.
  // The requester answers with a photo; the agent sees both live.
  await requester.page.getByRole("textbox", { name: "Your reply" }).fill("Tried it, still nothing.");
  const chooser = requester.page.waitForEvent("filechooser");
  await requesterThread.getByRole("button", { name: "Attachments" }).click();
  await (await chooser).setFiles({ name: "dock.png", mimeType: "image/png", buffer: PNG });
  await requester.page.getByRole("button", { name: "Send reply" }).click();
  await expect(agentThread.getByText("Tried it, still nothing.")).toBeVisible();
  await expect(agentThread.getByRole("link", { name: "dock.png" })).toBeVisible();

  // Helpful: the agent rates the requester's answer; the requester sees the count live.
  const answer = agentThread.getByRole("article", { name: `Comment by ${REQUESTER.name}` });
  await answer.getByRole("button", { name: "Helpful (0)", exact: true }).click();
  await expect(answer.getByRole("button", { name: "Helpful (1)", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(requesterThread.getByRole("article", { name: `Comment by ${REQUESTER.name}` }).getByRole("button", { name: "Helpful (1)", exact: true })).toBeVisible();

  // The requester edits their own reply; the agent sees the edit.
  await requesterThread.getByRole("button", { name: `Edit Comment by ${REQUESTER.name}` }).click();
  await requester.page.getByRole("textbox", { name: "Edit comment" }).fill("Tried every port, still nothing.");
  await requester.page.getByRole("button", { name: "Save" }).click();
  await expect(agentThread.getByText("Tried every port, still nothing.")).toBeVisible();

  await requester.context.close();
  await agent.context.close();
});
