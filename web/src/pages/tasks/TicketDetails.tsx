import { Anchor, Group, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { IconPaperclip } from "@tabler/icons-react";
import type { Ticket } from "@/api/types";
import { config } from "@/config";
import { DateTime } from "@/components/DateTime";
import { PriorityBadge, StatusBadge } from "@/components/Badges";

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** The ticket as the requester raised it: description, who, where, data and attachments. */
export function TicketDetails({ ticket }: { ticket: Ticket }) {
  const data =
    ticket.data && typeof ticket.data === "object" && !Array.isArray(ticket.data)
      ? Object.entries(ticket.data as Record<string, unknown>)
      : [];
  const attachments = ticket.attachments ?? [];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Field label="Requester">{ticket.requester?.name ?? ticket.requester?.email ?? "—"}</Field>
        <Field label="Department">{ticket.department ?? "—"}</Field>
        <Field label="Category">
          {ticket.category ?? "—"}
          {ticket.sub_category ? ` / ${ticket.sub_category}` : ""}
        </Field>
        <Field label="Priority">
          <PriorityBadge priority={ticket.priority} />
        </Field>
        <Field label="Ticket status">
          <StatusBadge status={ticket.status} />
        </Field>
        <Field label="Raised">
          <DateTime value={ticket.created_at} />
        </Field>
        <Field label="Updated">
          <DateTime value={ticket.updated_at} />
        </Field>
        <Field label="Source">{ticket.source}</Field>
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Description
        </Text>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {ticket.description || "No description."}
        </Text>
      </Stack>
      {data.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Data
          </Text>
          <Table withTableBorder withColumnBorders fz="sm" aria-label="Ticket data">
            <Table.Tbody>
              {data.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th w="30%">{k}</Table.Th>
                  <Table.Td ff={typeof v === "object" ? "monospace" : undefined}>
                    {typeof v === "object" ? JSON.stringify(v) : String(v)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Attachments
        </Text>
        {attachments.length === 0 ? (
          <Text size="sm" c="dimmed">
            None.
          </Text>
        ) : (
          attachments.map((a) => (
            <Group key={a.id} gap={6}>
              <IconPaperclip size={14} />
              <Anchor href={/^https?:/.test(a.url) ? a.url : `${config().services.tickets}${a.url}`} download={a.file_name} size="sm">
                {a.file_name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {bytes(a.size_bytes)} · {a.content_type}
              </Text>
            </Group>
          ))
        )}
      </Stack>
    </Stack>
  );
}
