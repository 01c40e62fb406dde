// Requester pages: My tickets, New ticket, the ticket page.
import type { RouteObject } from "react-router";
import { MyTicketsPage } from "./MyTicketsPage";
import { NewTicketPage } from "./NewTicketPage";
import { TicketPage } from "./TicketPage";

export const ticketRoutes: RouteObject[] = [
  { path: "tickets", element: <MyTicketsPage /> },
  { path: "tickets/new", element: <NewTicketPage /> },
  { path: "tickets/:ticketNumber", element: <TicketPage /> },
];
