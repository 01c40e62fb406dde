// The actions an agent may take on a task, from the task's `available_actions`: what each is
// called, what it asks for, and how it is sent. Pure, so the forms' rules are tested alone.
import { z } from "zod";
import { api, unwrap } from "@/api/clients";
import type { AvailableAction, TaskView } from "@/api/types";
import { humanize } from "@/lib/words";

export type ActionKind =
  | "start"
  | "transition"
  | "finalize"
  | "escalate"
  | "transfer"
  | "take_over"
  | "hold"
  | "resume";

/** What the form of an action holds; only the fields its kind asks for are used. */
export interface ActionValues {
  notes: string;
  reason: string;
  user_id: string;
  status: string;
}

export const EMPTY_VALUES: ActionValues = { notes: "", reason: "", user_id: "", status: "" };

export interface ActionSpec {
  kind: ActionKind;
  /** Button text, e.g. the transition's name. */
  label: string;
  /** The modal's title. */
  title: string;
  /** What happens, in one sentence. */
  description: string;
  /** The inputs the form shows. */
  fields: ("notes" | "reason" | "user_id" | "status")[];
  /** Whether `notes` must be filled in (the API refuses blank notes where it needs them). */
  notesRequired: boolean;
  /** The transition to move along, for `transition`. */
  transitionId?: number | string;
  /** Asks for confirmation only (no input). */
  confirmOnly: boolean;
  tone: "primary" | "neutral" | "danger";
}

const blank = (s: string) => s.trim() === "";

/** The buttons for a task, in the order an agent thinks of them: move on first. */
export function actionSpecs(actions: AvailableAction[], stepNames: Record<string, string> = {}): ActionSpec[] {
  const stepName = (key: string) => stepNames[key] ?? humanize(key);
  const specs: ActionSpec[] = [];
  for (const a of actions) {
    switch (a.action as ActionKind) {
      case "start":
        specs.push({
          kind: "start",
          label: "Start work",
          title: "Start work",
          description: "Tell the requester and the team that you are working on this.",
          fields: [],
          notesRequired: false,
          confirmOnly: true,
          tone: "neutral",
        });
        break;
      case "transition": {
        const name = a.name ?? a.transition_key ?? "Move on";
        specs.push({
          kind: "transition",
          label: name,
          title: name,
          description: a.to ? `Move the task to the step "${stepName(a.to)}".` : "Move the task along this transition.",
          fields: ["notes"],
          notesRequired: true,
          transitionId: a.transition_id ?? a.transition_key ?? undefined,
          confirmOnly: false,
          tone: "primary",
        });
        break;
      }
      case "finalize":
        specs.push({
          kind: "finalize",
          label: "Finalize",
          title: "Finalize the task",
          description: "Complete the task on this end step; the ticket is resolved.",
          fields: ["notes"],
          notesRequired: true,
          confirmOnly: false,
          tone: "primary",
        });
        break;
      case "escalate":
        specs.push({
          kind: "escalate",
          label: "Escalate",
          title: "Escalate",
          description: "Hand this step to the escalation role; the due time stays.",
          fields: ["reason"],
          notesRequired: false,
          confirmOnly: false,
          tone: "danger",
        });
        break;
      case "transfer":
        specs.push({
          kind: "transfer",
          label: "Transfer",
          title: "Transfer to a colleague",
          description: "Give this step to another active member of its role.",
          fields: ["user_id", "notes"],
          notesRequired: true,
          confirmOnly: false,
          tone: "neutral",
        });
        break;
      case "take_over":
        specs.push({
          kind: "take_over",
          label: "Take over",
          title: "Take over this step",
          description: "Assign the current step to yourself (administrators).",
          fields: [],
          notesRequired: false,
          confirmOnly: true,
          tone: "neutral",
        });
        break;
      case "hold":
        specs.push({
          kind: "hold",
          label: "Put on hold",
          title: "Put the ticket on hold",
          description: "The SLA clock stops while the ticket waits. Pending tells the requester your notes.",
          fields: ["status", "notes"],
          notesRequired: true,
          confirmOnly: false,
          tone: "neutral",
        });
        break;
      case "resume":
        specs.push({
          kind: "resume",
          label: "Resume",
          title: "Resume work",
          description: "The ticket no longer waits; the SLA clock runs again.",
          fields: ["notes"],
          notesRequired: false,
          confirmOnly: false,
          tone: "neutral",
        });
        break;
      default:
        // An action this console does not know yet is left out rather than guessed at.
        break;
    }
  }
  const order: ActionKind[] = ["transition", "finalize", "start", "resume", "hold", "transfer", "escalate", "take_over"];
  return specs.sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind));
}

/** The form's rules for one action: exactly the fields it asks for, none blank that must not be. */
export function actionSchema(spec: ActionSpec) {
  return z
    .object({
      notes: z.string(),
      reason: z.string(),
      user_id: z.string(),
      status: z.string(),
    })
    .superRefine((v, ctx) => {
      if (spec.fields.includes("notes") && spec.notesRequired && blank(v.notes)) {
        ctx.addIssue({ code: "custom", path: ["notes"], message: "Write a note for the record." });
      }
      if (spec.fields.includes("reason") && blank(v.reason)) {
        ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why you escalate." });
      }
      if (spec.fields.includes("user_id") && !/^\d+$/.test(v.user_id)) {
        ctx.addIssue({ code: "custom", path: ["user_id"], message: "Choose who takes over." });
      }
      if (spec.fields.includes("status") && v.status !== "On Hold" && v.status !== "Pending") {
        ctx.addIssue({ code: "custom", path: ["status"], message: "Choose what the ticket waits for." });
      }
    });
}

/** Sends the action; the answer is the task as it is now. */
export async function performAction(taskId: number, spec: ActionSpec, v: ActionValues): Promise<TaskView> {
  const path = { task_id: taskId };
  const wf = api().workflow;
  switch (spec.kind) {
    case "start":
      return unwrap(wf.POST("/tasks/{task_id}/start/", { params: { path } }));
    case "take_over":
      return unwrap(wf.POST("/tasks/{task_id}/take-over/", { params: { path } }));
    case "transition":
      return unwrap(
        wf.POST("/tasks/{task_id}/transition/", {
          params: { path },
          body: { transition_id: spec.transitionId ?? "", notes: v.notes.trim() },
        }),
      );
    case "finalize":
      return unwrap(wf.POST("/tasks/{task_id}/finalize/", { params: { path }, body: { notes: v.notes.trim() } }));
    case "escalate":
      return unwrap(wf.POST("/tasks/{task_id}/escalate/", { params: { path }, body: { reason: v.reason.trim() } }));
    case "transfer":
      return unwrap(
        wf.POST("/tasks/{task_id}/transfer/", {
          params: { path },
          body: { user_id: Number(v.user_id), notes: v.notes.trim() },
        }),
      );
    case "hold":
      return unwrap(
        wf.POST("/tasks/{task_id}/hold/", { params: { path }, body: { status: v.status, notes: v.notes.trim() } }),
      );
    case "resume":
      return unwrap(
        wf.POST("/tasks/{task_id}/resume/", {
          params: { path },
          body: v.notes.trim() ? { notes: v.notes.trim() } : {},
        }),
      );
  }
}
