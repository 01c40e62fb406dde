import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RequireSession } from "@/auth/session";
import { NewTicketPage } from "@/pages/tickets/NewTicketPage";
import { errorBody, json, renderWithProviders, SERVICES, stubFetch, type Handler } from "./render";

const requester = {
  user_id: 21,
  user_type: "employee",
  full_name: "Jose Rizal",
  email: "jose@example.com",
  roles: [],
  is_admin: false,
  expires_at: "2026-12-02T12:00:00Z",
};

const created = {
  ticket_number: "TX20261201000042",
  subject: "Laptop will not boot",
  description: "",
  status: "New",
  priority: "High",
  department: "IT Department",
  category: "IT Support",
  source: "console",
  data: {},
  created_at: "2026-12-01T10:00:00Z",
  updated_at: "2026-12-01T10:00:00Z",
  version: 1,
  attachments: [],
};

function renderForm(create: Handler) {
  const calls = stubFetch({
    [`GET ${SERVICES.workflow}/me/`]: () => json(requester),
    [`GET ${SERVICES.tickets}/tickets/`]: () => json({ items: [] }),
    [`POST ${SERVICES.tickets}/tickets/`]: create,
  });
  const view = renderWithProviders(<RequireSession><NewTicketPage /></RequireSession>, {
    routes: [
      { path: "/tickets/new", element: <RequireSession><NewTicketPage /></RequireSession> },
      { path: "/tickets/:n", element: <p>ticket page</p> },
    ],
    route: "/tickets/new",
  });
  const posts = () => calls.filter((c) => c.method === "POST" && new URL(c.url).pathname === "/tickets/");
  return { ...view, posts };
}

describe("new ticket form", () => {
  it("makes one ticket from a double click, with one idempotency key", async () => {
    let release: () => void = () => {};
    const answered = new Promise<void>((resolve) => (release = resolve));
    const { posts, router } = renderForm(async () => {
      await answered;
      return json(created, 201);
    });
    await userEvent.type(await screen.findByRole("textbox", { name: "Subject" }), "Laptop will not boot");
    await userEvent.type(screen.getByRole("combobox", { name: "Department" }), "IT Department");
    await userEvent.type(screen.getByRole("combobox", { name: "Category" }), "IT Support");
    const submit = screen.getByRole("button", { name: "Submit ticket" });
    await userEvent.dblClick(submit);
    await userEvent.click(submit);
    await waitFor(() => expect(posts().length).toBeGreaterThan(0));
    release();
    await waitFor(() => expect(router.state.location.pathname).toBe("/tickets/TX20261201000042"));
    const keys = new Set(posts().map((p) => p.headers.get("Idempotency-Key")));
    expect(posts()).toHaveLength(1);
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^.{8,}$/);
    const body = await posts()[0]!.json();
    expect(body).toMatchObject({ subject: "Laptop will not boot", department: "IT Department", category: "IT Support", priority: "Medium" });
  });

  it("asks for a subject before sending anything", async () => {
    const { posts } = renderForm(() => json(created, 201));
    await userEvent.click(await screen.findByRole("button", { name: "Submit ticket" }));
    expect(await screen.findByText("Say in a few words what you need")).toBeInTheDocument();
    expect(posts()).toHaveLength(0);
  });

  it("shows the problem the API names beside its field, and sends the correction with a new key", async () => {
    let answer = 0;
    const { posts } = renderForm(() =>
      ++answer === 1
        ? errorBody(422, "validation_failed", "the ticket is invalid", [{ field: "department", message: "is not a department of this organisation" }])
        : json(created, 201),
    );
    await userEvent.type(await screen.findByRole("textbox", { name: "Subject" }), "Printer jams");
    await userEvent.type(screen.getByRole("combobox", { name: "Department" }), "Nowhere");
    await userEvent.click(screen.getByRole("button", { name: "Submit ticket" }));
    expect(await screen.findByText("is not a department of this organisation")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("the ticket is invalid");
    await userEvent.click(screen.getByRole("button", { name: "Submit ticket" }));
    await waitFor(() => expect(posts()).toHaveLength(2));
    expect(posts()[0]!.headers.get("Idempotency-Key")).not.toBe(posts()[1]!.headers.get("Idempotency-Key"));
  });
});
