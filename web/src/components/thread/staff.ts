// The staff a comment may mention: every active member of the workflow API's roles (staff only;
// requesters do not mention anyone).
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/clients";
import { keys } from "@/api/keys";

export interface StaffMember {
  user_id: number;
  name: string;
  email: string | null;
  roles: string[];
}

interface RoleRow {
  role_id: number;
  name: string;
}
interface MemberRow {
  user_id: number;
  user_full_name?: string | null;
  user_email?: string | null;
  is_active: boolean;
}

/** A list answer's items, whether it is `{items}` or (before the one list style) a bare array. */
export function itemsOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  const items = (data as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

/** Members of several roles as one directory: each person once, with every role they hold. */
export function directoryOf(roles: { name: string; members: MemberRow[] }[]): StaffMember[] {
  const people = new Map<number, StaffMember>();
  for (const role of roles) {
    for (const m of role.members) {
      if (!m.is_active) continue;
      const known = people.get(m.user_id);
      if (known) {
        if (!known.roles.includes(role.name)) known.roles.push(role.name);
        continue;
      }
      people.set(m.user_id, {
        user_id: m.user_id,
        name: m.user_full_name || m.user_email || `Staff ${m.user_id}`,
        email: m.user_email ?? null,
        roles: [role.name],
      });
    }
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function fetchDirectory(): Promise<StaffMember[]> {
  const roles = itemsOf<RoleRow>(
    await unwrap(api().workflow.GET("/roles/", { params: { query: { limit: 200 } as never } })),
  );
  const details = await Promise.all(
    roles.map(async (r) => {
      const detail = (await unwrap(
        api().workflow.GET("/roles/{role_id}/", { params: { path: { role_id: r.role_id } } }),
      )) as unknown as { members?: MemberRow[] };
      return { name: r.name, members: detail.members ?? [] };
    }),
  );
  return directoryOf(details);
}

export function useStaffDirectory(enabled: boolean) {
  return useQuery({
    queryKey: keys.staffDirectory,
    queryFn: fetchDirectory,
    enabled,
    staleTime: 5 * 60_000,
  });
}
