import { beforeEach, describe, expect, it } from "vitest";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RequireSession } from "@/auth/session";
import { CommentThread } from "@/components/thread/CommentThread";
import { json, renderWithProviders, SERVICES, stubFetch } from "./render";
import { FakeSocket } from "./fake-socket";

const NUMBER = "TX20261201000042";
const agent = { user_id: 11, user_type: "staff", full_name: "Ana Cruz", email: null, roles: [{ system: "tts", role: "Agent" }], is_admin: false, expires_at: "2026-12-02T12:00:00Z" };
const requester = { user_id: 21, user_type: "employee", full_name: "Juan Dela Cruz", email: null, roles: [], is_admin: false, expires_at: "2026-12-02T12:00:00Z" };

function comment(id: number, body: string, over: object = {}) {
  return {
    id,
    ticket_number: NUMBER,
    parent_id: null,
    author: { user_id: 11, user_type: "staff", name: "Ana Cruz", role: "Agent" },
    body,
    visibility: "public",
    mentions: [],
    thumbs_up: 0,
    thumbs_down: 0,
    created_at: `2026-12-01T10:00:0${id}Z`,
    edited: false,
    deleted: false,
    attachments: [],
    ...over,
  };
}

function renderThread(me: object, posted: unknown[] = []) {
  const calls = stubFetch({
    [`GET ${SERVICES.workflow}/me/`]: () => json(me),
    [`GET ${SERVICES.workflow}/roles/`]: () => json({ items: [{ role_id: 5, name: "Agent" }] }),
    [`GET ${SERVICES.workflow}/roles/5/`]: () =>
      json({ role_id: 5, name: "Agent", members: [{ user_id: 12, user_full_name: "Ben Tan", user_email: "ben@example.com", is_active: true }] }),
    [`GET ${SERVICES.messaging}/tickets/${NUMBER}/comments/`]: () => json({ ticket_number: NUMBER, seq: 4, items: [comment(1, "First answer")] }),
    [`DELETE ${SERVICES.messaging}/comments/1/`]: () =>
      json({ seq: 6, comment: comment(1, "", { deleted: true, deleted_at: "2026-12-01T10:05:00Z" }), mentions_not_notified: [] }),
    [`POST ${SERVICES.messaging}/tickets/${NUMBER}/comments/`]: async (request) => {
      const body = (await request.json()) as { body: string; visibility: string };
      posted.push(body);
      return json({ seq: 5, comment: comment(2, body.body, { visibility: body.visibility }), mentions_not_notified: [] }, 201);
    },
  });
  renderWithProviders(
    <RequireSession>
      <CommentThread ticketNumber={NUMBER} />
    </RequireSession>,
  );
  return calls;
}

async function threadSocket(): Promise<FakeSocket> {
  let found: FakeSocket | undefined;
  await waitFor(() => {
    found = FakeSocket.latest(`/ws/tickets/${NUMBER}/`);
    expect(found).toBeDefined();
  });
  act(() => found!.open());
  return found!;
}

describe("comment thread", () => {
  beforeEach(() => FakeSocket.install());

  it("opens the socket after the page it read, and shows a comment once however often it arrives", async () => {
    renderThread(agent);
    expect(await screen.findByText("First answer")).toBeInTheDocument();
    const ws = await threadSocket();
    expect(new URL(ws.url).searchParams.get("after")).toBe("4");
    const live = { type: "comment.created", seq: 5, ticket_number: NUMBER, visibility: "public", comment: comment(2, "Live answer") };
    act(() => ws.frame(live));
    act(() => ws.frame(live));
    expect(await screen.findByText("Live answer")).toBeInTheDocument();
    expect(screen.getAllByText("Live answer")).toHaveLength(1);

    // Dropped: the next socket resumes after the last change delivered.
    act(() => ws.drop());
    await waitFor(() => expect(FakeSocket.all.length).toBe(2), { timeout: 4000 });
    expect(new URL(FakeSocket.all[1]!.url).searchParams.get("after")).toBe("5");
  });

  it("makes staff write internal notes unless they choose a public reply", async () => {
    const posted: { visibility: string }[] = [];
    renderThread(agent, posted);
    await threadSocket();
    expect(await screen.findByRole("radio", { name: "Internal note" })).toBeChecked();
    await userEvent.type(screen.getByRole("textbox", { name: "New comment" }), "Checked the logs");
    await userEvent.click(screen.getByRole("button", { name: "Add internal note" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]!.visibility).toBe("internal");
    const note = await screen.findByRole("article", { name: "Internal note by Ana Cruz" });
    expect(within(note).getByText("Checked the logs")).toBeInTheDocument();
  });

  it("offers requesters no visibility choice and sends public replies", async () => {
    const posted: { visibility: string }[] = [];
    renderThread(requester, posted);
    await threadSocket();
    await userEvent.type(await screen.findByRole("textbox", { name: "Your reply" }), "Still broken");
    expect(screen.queryByRole("radio", { name: "Internal note" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Send reply" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]!.visibility).toBe("public");
  });

  it("suggests staff to mention after an @ and sends their id", async () => {
    const posted: { mentions?: number[] }[] = [];
    renderThread(agent, posted);
    await threadSocket();
    const box = await screen.findByRole("textbox", { name: "New comment" });
    await userEvent.type(box, "Please look @Be");
    await userEvent.click(await screen.findByRole("option", { name: /Ben Tan/ }));
    expect(box).toHaveValue("Please look @Ben Tan ");
    await userEvent.click(screen.getByRole("button", { name: "Add internal note" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]!.mentions).toEqual([12]);
  });

  it("deletes one's own comment, which keeps its place marked deleted", async () => {
    renderThread(agent);
    await threadSocket();
    await userEvent.click(await screen.findByRole("button", { name: "Delete Comment by Ana Cruz" }));
    await userEvent.click(screen.getByRole("button", { name: "Delete comment" }));
    expect(await screen.findByText("This comment was deleted.")).toBeInTheDocument();
    expect(screen.queryByText("First answer")).toBeNull();
  });

  it("shows who else is here and who is typing, not the viewer", async () => {
    renderThread(agent);
    const ws = await threadSocket();
    act(() =>
      ws.frame({
        type: "ready",
        seq: 4,
        presence: { count: 2, users: [{ user_id: 11, user_type: "staff", name: "Ana Cruz" }, { user_id: 21, user_type: "employee", name: "Juan Dela Cruz" }] },
      }),
    );
    expect(await screen.findByText("Juan Dela Cruz is here")).toBeInTheDocument();
    act(() => ws.frame({ type: "typing", ticket_number: NUMBER, user: { user_id: 11, user_type: "staff", name: "Ana Cruz" } }));
    act(() => ws.frame({ type: "typing", ticket_number: NUMBER, user: { user_id: 21, user_type: "employee", name: "Juan Dela Cruz" } }));
    expect(await screen.findByText("Juan Dela Cruz is typing…")).toBeInTheDocument();
    expect(screen.queryByText(/Ana Cruz is typing/)).toBeNull();
  });
});
