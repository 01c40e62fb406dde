// Names for the generated schema types the pages use.
import type { components as Workflow } from "./generated/workflow-api";
import type { components as Tickets } from "./generated/ticket-service";

export type WorkItem = Workflow["schemas"]["WorkItem"];
export type WorkPage = Workflow["schemas"]["WorkPage"];
export type TaskView = Workflow["schemas"]["TaskView"];
export type TaskSla = Workflow["schemas"]["TaskSla"];
export type ItemView = Workflow["schemas"]["ItemView"];
export type AvailableAction = Workflow["schemas"]["AvailableAction"];
export type RoleDetail = Workflow["schemas"]["RoleDetail"];
export type Ticket = Tickets["schemas"]["TicketView"];
export type TicketAttachment = Tickets["schemas"]["AttachmentView"];
