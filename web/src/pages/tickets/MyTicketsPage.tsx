// My tickets: the requester's own tickets, newest first, by status and text.
import { useState } from "react";
import { Anchor, Button, Group, Paper, Select, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPlus, IconSearch, IconTicket } from "@tabler/icons-react";
import { Link, useNavigate } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/clients";
import { keys } from "@/api/keys";
import { PriorityBadge, StatusBadge } from "@/components/Badges";
import { DateTime } from "@/components/DateTime";
import { ErrorAlert } from "@/components/ErrorAlert";
import { PageHeader } from "@/components/PageHeader";
import { EmptyState, LoadingState } from "@/components/States";
import { TICKET_STATUSES, type TicketCursor, type TicketListPage, type TicketListQuery } from "./model";

export function useMyTickets(filters: { status?: string | null; q?: string }) {
  return useInfiniteQuery({
    queryKey: keys.myTickets(filters),
    initialPageParam: undefined as TicketCursor | undefined,
    queryFn: ({ pageParam }): Promise<TicketListPage> =>
      unwrap(
        api().tickets.GET("/tickets/", {
          params: { query: { limit: 50, cursor: pageParam, status: (filters.status || undefined) as TicketListQuery["status"], q: filters.q?.trim() || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function MyTicketsPage() {
  const navigate = useNavigate();
  const [status, setStatus] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [q] = useDebouncedValue(text, 300);
  const tickets = useMyTickets({ status, q });
  const rows = tickets.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = status !== null || q.trim() !== "";

  return (
    <>
      <PageHeader
        title="My tickets"
        description="Everything you asked the service desk for, newest first."
        actions={
          <Button component={Link} to="/tickets/new" leftSection={<IconPlus size={16} />}>
            New ticket
          </Button>
        }
      />
      <Group mb="md" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Subject, description or number"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={300}
        />
        <Select label="Status" placeholder="Any status" clearable data={[...TICKET_STATUSES]} value={status} onChange={setStatus} w={200} />
      </Group>
      {tickets.isPending ? (
        <LoadingState label="Loading your tickets…" />
      ) : tickets.isError ? (
        <ErrorAlert error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={filtered ? "No tickets match" : "You have no tickets yet"} icon={<IconTicket size={26} />}>
          {filtered ? "Try another status or search." : (
            <>
              Need help? <Anchor component={Link} to="/tickets/new">Raise a ticket</Anchor> and the right team picks it up.
            </>
          )}
        </EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table highlightOnHover verticalSpacing="sm" aria-label="My tickets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Ticket</Table.Th>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Priority</Table.Th>
                <Table.Th>Raised</Table.Th>
                <Table.Th>Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((t) => (
                <Table.Tr key={t.ticket_number} style={{ cursor: "pointer" }} onClick={() => navigate(`/tickets/${encodeURIComponent(t.ticket_number)}`)}>
                  <Table.Td>
                    <Anchor component={Link} to={`/tickets/${encodeURIComponent(t.ticket_number)}`} ff="monospace" size="sm" onClick={(e) => e.stopPropagation()}>
                      {t.ticket_number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} lineClamp={1}>
                      {t.subject}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[t.department, t.category].filter(Boolean).join(" · ")}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={t.status} />
                  </Table.Td>
                  <Table.Td>
                    <PriorityBadge priority={t.priority} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <DateTime value={t.created_at} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <DateTime value={t.updated_at} />
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {tickets.hasNextPage && (
            <Group justify="center" p="sm">
              <Button variant="default" onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          )}
        </Paper>
      )}
    </>
  );
}
