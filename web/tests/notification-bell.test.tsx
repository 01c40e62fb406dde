import { beforeEach, describe, expect, it } from "vitest";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RequireSession } from "@/auth/session";
import { NotificationBell } from "@/components/NotificationBell";
import { json, renderWithProviders, SERVICES, stubFetch } from "./render";
import { FakeSocket } from "./fake-socket";

const agent = {
  user_id: 3,
  user_type: "staff",
  full_name: "Ana Reyes",
  email: "ana@example.com",
  roles: [{ system: "tts", role: "Agent" }],
  is_admin: false,
  expires_at: "2026-12-02T12:00:00Z",
};

function notification(id: number, over: object = {}) {
  return {
    id,
    user_id: 3,
    user_type: "staff",
    notification_type: "task_assignment",
    subject: `Task ${id} assigned to you`,
    message: "",
    related_ticket_number: "TX20261201000042",
    metadata: { task_id: 7 },
    is_read: false,
    read_at: null,
    created_at: "2026-12-01T10:00:00Z",
    ...over,
  };
}

function renderBell(initiallyUnread: number) {
  let unread = initiallyUnread;
  const calls = stubFetch({
    [`GET ${SERVICES.workflow}/me/`]: () => json(agent),
    [`GET ${SERVICES.notifications}/notifications/unread-count/`]: () => json({ count: unread }),
    [`GET ${SERVICES.notifications}/notifications/`]: () => json({ items: [notification(1)] }),
    [`POST ${SERVICES.notifications}/notifications/read-all/`]: () => {
      const changed = unread;
      unread = 0;
      return json({ count: changed });
    },
  });
  renderWithProviders(
    <RequireSession>
      <NotificationBell />
    </RequireSession>,
  );
  return calls;
}

async function socket(): Promise<FakeSocket> {
  let found: FakeSocket | undefined;
  await waitFor(() => {
    found = FakeSocket.latest("/ws/notifications/");
    expect(found).toBeDefined();
  });
  act(() => found!.open());
  return found!;
}

describe("notification bell", () => {
  beforeEach(() => FakeSocket.install());

  it("shows the unread count and follows the socket's count live", async () => {
    renderBell(2);
    expect(await screen.findByRole("button", { name: "Notifications, 2 unread" })).toBeInTheDocument();
    const ws = await socket();
    act(() => ws.frame({ type: "notification.created", notification: notification(2) }));
    act(() => ws.frame({ type: "unread_count", count: 3 }));
    expect(await screen.findByRole("button", { name: "Notifications, 3 unread" })).toBeInTheDocument();
  });

  it("falls to none unread on read all", async () => {
    const calls = renderBell(1);
    const ws = await socket();
    await userEvent.click(await screen.findByRole("button", { name: "Notifications, 1 unread" }));
    await userEvent.click(await screen.findByRole("button", { name: "Mark all read" }));
    expect(await screen.findByRole("button", { name: "Notifications, none unread" })).toBeInTheDocument();
    expect(calls.some((c) => c.method === "POST" && c.url.endsWith("/notifications/read-all/"))).toBe(true);
    act(() => ws.frame({ type: "unread_count", count: 0 }));
    expect(screen.getByRole("button", { name: "Notifications, none unread" })).toBeInTheDocument();
  });

  it("resumes after the last notification it saw when the socket drops", async () => {
    renderBell(0);
    const first = await socket();
    expect(new URL(first.url).searchParams.get("after")).toBeNull();
    expect(new URL(first.url).origin).toBe(SERVICES.notifications.replace("http", "ws"));
    act(() => first.frame({ type: "notification.created", notification: notification(41) }));
    act(() => first.frame({ type: "notification.created", notification: notification(42) }));
    act(() => first.drop());
    await waitFor(() => expect(FakeSocket.all.length).toBe(2), { timeout: 4000 });
    expect(new URL(FakeSocket.all[1]!.url).searchParams.get("after")).toBe("42");
  });

  it("lists the latest notifications in its panel", async () => {
    renderBell(1);
    await userEvent.click(await screen.findByRole("button", { name: "Notifications, 1 unread" }));
    expect(await screen.findByRole("button", { name: "Unread: Task 1 assigned to you" })).toBeInTheDocument();
  });
});
