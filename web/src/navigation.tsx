// The navigation, by audience: staff (agents, coordinators, admins) work tasks; employees
// (requesters) follow their own tickets. Add an entry here when a new area gets a page.
import type { ReactNode } from "react";
import { IconBell, IconInbox, IconListCheck, IconPlus } from "@tabler/icons-react";
import type { Me } from "@/api/session";

export interface NavEntry {
  label: string;
  to: string;
  icon: ReactNode;
  /** Who sees it. */
  audience: "staff" | "employee" | "everyone";
}

export const NAVIGATION: NavEntry[] = [
  { label: "My work", to: "/work", icon: <IconListCheck size={18} />, audience: "staff" },
  { label: "My tickets", to: "/tickets", icon: <IconInbox size={18} />, audience: "employee" },
  { label: "New ticket", to: "/tickets/new", icon: <IconPlus size={18} />, audience: "employee" },
  { label: "Notifications", to: "/notifications", icon: <IconBell size={18} />, audience: "everyone" },
];

export function navigationFor(me: Me): NavEntry[] {
  const audience = me.user_type === "staff" ? "staff" : "employee";
  return NAVIGATION.filter((e) => e.audience === "everyone" || e.audience === audience);
}

/** The first page after signing in. */
export function homePath(me: Me): string {
  return me.user_type === "staff" ? "/work" : "/tickets";
}
