// My work: the caller's items (/tasks/mine/), every page loaded once and then filtered and
// sorted in the browser, so sorting 1,000 rows is instant; only the visible rows are rendered.
import { useMemo, useRef } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  ActionIcon,
  Alert,
  Anchor,
  Card,
  Group,
  SegmentedControl,
  Select,
  Table,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconRefresh, IconSearch } from "@tabler/icons-react";
import { keys } from "@/api/keys";
import type { WorkItem } from "@/api/types";
import { PageHeader } from "@/components/PageHeader";
import { ErrorAlert } from "@/components/ErrorAlert";
import { EmptyState, LoadingState } from "@/components/States";
import { PriorityBadge, StatusBadge } from "@/components/Badges";
import { SlaCountdown } from "@/components/SlaCountdown";
import { DateTime } from "@/components/DateTime";
import { PRIORITIES } from "@/lib/words";
import {
  applyFilters,
  fetchMyWork,
  readFilters,
  writeFilters,
  WORK_LIMIT,
  type SortKey,
  type WorkFilters,
} from "./work-list";

const ROW_HEIGHT = 57;

const COLUMNS: { key: SortKey | null; label: string; width?: number | string }[] = [
  { key: "ticket", label: "Ticket", width: 170 },
  { key: "subject", label: "Subject" },
  { key: "step", label: "Step", width: 170 },
  { key: "priority", label: "Priority", width: 110 },
  { key: null, label: "Status", width: 130 },
  { key: "due", label: "SLA", width: 160 },
  { key: "assigned", label: "Assigned", width: 130 },
];

export function MyWorkPage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const update = (change: Partial<WorkFilters>) =>
    setParams(writeFilters({ ...filters, ...change }), { replace: true });

  const work = useQuery({
    queryKey: keys.myWork(filters.status),
    queryFn: ({ signal }) => fetchMyWork(filters.status, signal),
    refetchInterval: 30_000,
  });

  const workflows = useMemo(() => {
    const names = new Map<number, string>();
    for (const item of work.data?.items ?? []) names.set(item.workflow_id, item.workflow_name);
    return [...names].map(([id, name]) => ({ value: String(id), label: name }));
  }, [work.data]);

  const rows = useMemo(() => applyFilters(work.data?.items ?? [], filters), [work.data, filters]);
  const total = work.data?.items.length ?? 0;
  const filtered = rows.length !== total;

  return (
    <>
      <PageHeader
        title="My work"
        description={
          work.data
            ? `${total} ${filters.status === "done" ? "finished " : filters.status === "all" ? "" : "open "}item${total === 1 ? "" : "s"}${filtered ? `, ${rows.length} shown` : ""}`
            : "Your assigned tasks, most urgent first"
        }
        actions={
          <Tooltip label="Refresh">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label="Refresh my work"
              loading={work.isFetching}
              onClick={() => void work.refetch()}
            >
              <IconRefresh size={18} />
            </ActionIcon>
          </Tooltip>
        }
      />
      <Card withBorder radius="md" p={0}>
        <Group p="sm" gap="sm" wrap="wrap" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
          <SegmentedControl
            aria-label="Status"
            value={filters.status}
            onChange={(value) => update({ status: value as WorkFilters["status"] })}
            data={[
              { value: "active", label: "Open" },
              { value: "done", label: "Done" },
              { value: "all", label: "All" },
            ]}
          />
          <Select
            aria-label="Priority"
            placeholder="Any priority"
            clearable
            w={160}
            data={[...PRIORITIES]}
            value={filters.priority}
            onChange={(value) => update({ priority: value })}
          />
          <Select
            aria-label="Workflow"
            placeholder="Any workflow"
            clearable
            w={220}
            data={workflows}
            value={filters.workflow ? String(filters.workflow) : null}
            onChange={(value) => update({ workflow: value ? Number(value) : null })}
          />
          <TextInput
            aria-label="Search"
            placeholder="Ticket, subject or requester"
            leftSection={<IconSearch size={16} />}
            value={filters.search}
            onChange={(e) => update({ search: e.currentTarget.value })}
            style={{ flex: 1, minWidth: 200 }}
          />
        </Group>
        {work.isPending && <LoadingState label="Loading your work…" />}
        {work.isError && (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={work.error} title="Your work could not be loaded" onRetry={() => void work.refetch()} />
          </div>
        )}
        {work.data?.truncated && (
          <Alert color="yellow" m="sm" title="Long list">
            Only the first {WORK_LIMIT} items are shown. Narrow the list with the status filter.
          </Alert>
        )}
        {work.data && total === 0 && (
          <EmptyState title={filters.status === "active" ? "Nothing to do" : "No items"}>
            {filters.status === "active"
              ? "New tasks assigned to you appear here."
              : "No items match this status."}
          </EmptyState>
        )}
        {work.data && total > 0 && rows.length === 0 && (
          <EmptyState title="No items match the filters">Clear a filter to see more.</EmptyState>
        )}
        {work.data && rows.length > 0 && (
          <WorkTable rows={rows} filters={filters} onSort={(sort, direction) => update({ sort, direction })} />
        )}
      </Card>
      {work.data && (
        <Text size="xs" c="dimmed" mt="xs">
          Updated <DateTime value={new Date(work.dataUpdatedAt).toISOString()} />
        </Text>
      )}
    </>
  );
}

function SortHeader({
  column,
  filters,
  onSort,
}: {
  column: (typeof COLUMNS)[number];
  filters: WorkFilters;
  onSort: (sort: SortKey, direction: "asc" | "desc") => void;
}) {
  const { key, label } = column;
  if (!key) return <Table.Th style={{ width: column.width }}>{label}</Table.Th>;
  const active = filters.sort === key;
  const Icon = !active ? IconArrowsSort : filters.direction === "asc" ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th
      style={{ width: column.width }}
      aria-sort={active ? (filters.direction === "asc" ? "ascending" : "descending") : "none"}
    >
      <UnstyledButton
        onClick={() => onSort(key, active && filters.direction === "asc" ? "desc" : "asc")}
        style={{ display: "inline-flex", alignItems: "center", gap: 4, fontWeight: 600, fontSize: "inherit" }}
      >
        {label}
        <VisuallyHidden>, sort</VisuallyHidden>
        <Icon size={14} opacity={active ? 1 : 0.4} />
      </UnstyledButton>
    </Table.Th>
  );
}

function WorkTable({
  rows,
  filters,
  onSort,
}: {
  rows: WorkItem[];
  filters: WorkFilters;
  onSort: (sort: SortKey, direction: "asc" | "desc") => void;
}) {
  const navigate = useNavigate();
  const scroller = useRef<HTMLDivElement>(null);
  // The console does not use the React Compiler, so the virtualizer's unmemoizable API is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1200, height: 800 },
  });
  const visible = virtual.getVirtualItems();
  const before = visible[0]?.start ?? 0;
  const after = virtual.getTotalSize() - (visible[visible.length - 1]?.end ?? 0);

  return (
    <div ref={scroller} style={{ maxHeight: "calc(100vh - 260px)", minHeight: 240, overflow: "auto" }}>
      <Table stickyHeader highlightOnHover verticalSpacing="sm" aria-label="My work" aria-rowcount={rows.length + 1}>
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((c) => (
              <SortHeader key={c.label} column={c} filters={filters} onSort={onSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {before > 0 && (
            <tr aria-hidden>
              <td colSpan={COLUMNS.length} style={{ height: before, padding: 0, border: 0 }} />
            </tr>
          )}
          {visible.map((v) => {
            const item = rows[v.index]!;
            return (
              <Table.Tr
                key={item.item_id}
                aria-rowindex={v.index + 2}
                style={{ cursor: "pointer", height: ROW_HEIGHT }}
                onClick={() => navigate(`/tasks/${item.task_id}`)}
              >
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/tasks/${item.task_id}`}
                    ff="monospace"
                    size="sm"
                    fw={600}
                    onClick={(e) => e.stopPropagation()}
                  >
                    {item.ticket_number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500} lineClamp={1}>
                    {item.subject}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {item.workflow_name}
                    {item.requester_name ? ` · ${item.requester_name}` : ""}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {item.step_name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <PriorityBadge priority={item.priority} />
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={item.status} />
                </Table.Td>
                <Table.Td>
                  <SlaCountdown targetAt={item.target_at} slaState={item.sla_state} itemStatus={item.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    <DateTime value={item.assigned_at} />
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
          {after > 0 && (
            <tr aria-hidden>
              <td colSpan={COLUMNS.length} style={{ height: after, padding: 0, border: 0 }} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
