import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { actionSchema, actionSpecs } from "@/pages/tasks/actions";
import { ActionPanel } from "@/pages/tasks/ActionPanel";
import type { TaskView } from "@/api/types";
import { keys } from "@/api/keys";
import { errorBody, json, renderWithProviders, SERVICES, stubFetch } from "./render";

const task: TaskView = {
  id: 7,
  ticket_number: "TX20261201000007",
  subject: "Laptop screen flickers",
  workflow_id: 1,
  version: 1,
  status: "active",
  priority: "High",
  target_at: "2026-12-02T10:00:00Z",
  created_at: "2026-12-01T10:00:00Z",
  current_step: { key: "triage", name: "Triage", role_id: 10, is_end: false, instruction: "" } as unknown as TaskView["current_step"],
  items: [
    {
      id: 70,
      step: "triage",
      role_id: 10,
      assignee_id: 11,
      status: "new",
      origin: "assignment",
      target_at: "2026-12-01T18:00:00Z",
      assigned_at: "2026-12-01T10:00:00Z",
      history: [],
    },
  ],
  available_actions: [
    { action: "start" },
    { action: "transition", transition_id: 1, transition_key: "to_repair", name: "Diagnosed", to: "repair" },
    { action: "escalate" },
    { action: "transfer" },
  ],
};

const me = {
  user_id: 11,
  user_type: "staff",
  full_name: "Ana Cruz",
  email: "ana.cruz@example.com",
  roles: [{ system: "tts", role: "Service Desk Agent" }],
  is_admin: false,
  expires_at: "2026-12-02T10:00:00Z",
};

function renderPanel() {
  const rendered = renderWithProviders(<ActionPanel task={task} stepNames={{ repair: "Repair" }} />);
  rendered.queryClient.setQueryData(keys.me, me);
  return rendered;
}

describe("action specs", () => {
  it("offers each transition by name, moving on first", () => {
    const specs = actionSpecs(task.available_actions, { repair: "Repair" });
    expect(specs.map((s) => s.label)).toEqual(["Diagnosed", "Start work", "Transfer", "Escalate"]);
    expect(specs[0]!.description).toContain('"Repair"');
  });

  it("leaves out actions it does not know", () => {
    expect(actionSpecs([{ action: "teleport" }])).toEqual([]);
  });

  it("asks for a reason to escalate and a colleague and notes to transfer", () => {
    const [escalate] = actionSpecs([{ action: "escalate" }]);
    const refused = actionSchema(escalate!).safeParse({ notes: "", reason: "   ", user_id: "", status: "" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path.join("."))).toEqual(["reason"]);

    const [transfer] = actionSpecs([{ action: "transfer" }]);
    const both = actionSchema(transfer!).safeParse({ notes: "", reason: "", user_id: "", status: "" });
    expect(both.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["notes", "user_id"]);
  });

  it("lets resume go without notes", () => {
    const [resume] = actionSpecs([{ action: "resume" }]);
    expect(actionSchema(resume!).safeParse({ notes: "", reason: "", user_id: "", status: "" }).success).toBe(true);
  });
});

describe("action panel", () => {
  it("refuses a transition without notes before calling the API", async () => {
    const calls = stubFetch({});
    renderPanel();
    await userEvent.click(await screen.findByRole("button", { name: "Diagnosed" }));
    const dialog = await screen.findByRole("dialog", { name: "Diagnosed" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Diagnosed" }));
    expect(await screen.findByText("Write a note for the record.")).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("sends the transition with its id and notes and shows the new state", async () => {
    const moved = { ...task, current_step: { key: "repair", name: "Repair", role_id: 10 } as unknown as TaskView["current_step"], available_actions: [] };
    const calls = stubFetch({
      [`POST ${SERVICES.workflow}/tasks/7/transition/`]: () => json(moved),
    });
    const { queryClient } = renderPanel();
    await userEvent.click(await screen.findByRole("button", { name: "Diagnosed" }));
    const dialog = await screen.findByRole("dialog", { name: "Diagnosed" });
    await userEvent.type(within(dialog).getByLabelText(/Notes/), "Cable replaced");
    await userEvent.click(within(dialog).getByRole("button", { name: "Diagnosed" }));
    await waitFor(() => expect(queryClient.getQueryData(keys.task(7))).toEqual(moved));
    const sent = calls.find((c) => c.url.endsWith("/transition/"))!;
    expect(await sent.json()).toEqual({ transition_id: 1, notes: "Cable replaced" });
    expect(sent.credentials).toBe("include");
  });

  it("shows the API's field message for a 422 and keeps the form open", async () => {
    stubFetch({
      [`POST ${SERVICES.workflow}/tasks/7/escalate/`]: () =>
        errorBody(422, "validation_failed", "the request is invalid", [{ field: "reason", message: "must not be blank" }]),
    });
    renderPanel();
    await userEvent.click(await screen.findByRole("button", { name: "Escalate" }));
    const dialog = await screen.findByRole("dialog", { name: "Escalate" });
    await userEvent.type(within(dialog).getByLabelText(/Reason/), "x");
    await userEvent.click(within(dialog).getByRole("button", { name: "Escalate" }));
    expect(await within(dialog).findByText("must not be blank")).toBeInTheDocument();
    expect(within(dialog).getByText("the request is invalid")).toBeInTheDocument();
  });

  it("shows a 409 beside the buttons and reloads the task", async () => {
    stubFetch({
      [`POST ${SERVICES.workflow}/tasks/7/start/`]: () =>
        errorBody(409, "conflict", "another agent acted on this task first"),
    });
    const { queryClient } = renderPanel();
    queryClient.setQueryData(keys.task(7), task);
    await userEvent.click(await screen.findByRole("button", { name: "Start work" }));
    const dialog = await screen.findByRole("dialog", { name: "Start work" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Start work" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("another agent acted on this task first");
    expect(alert).toHaveTextContent("Someone else acted first");
    await waitFor(() => expect(queryClient.getQueryState(keys.task(7))?.isInvalidated).toBe(true));
  });
});
