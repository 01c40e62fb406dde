// One task: the ticket, where it stands in its workflow, what the caller may do, the SLA, the
// conversation and the history. Every part loads (and fails) on its own, so a slow service
// leaves the rest usable.
import { useMemo } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { Anchor, Badge, Breadcrumbs, Card, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { api, unwrap } from "@/api/clients";
import { keys } from "@/api/keys";
import type { TaskView } from "@/api/types";
import { useMe } from "@/auth/session";
import { ErrorAlert } from "@/components/ErrorAlert";
import { LoadingState } from "@/components/States";
import { PriorityBadge, StatusBadge } from "@/components/Badges";
import { SlaCountdown } from "@/components/SlaCountdown";
import { DateTime } from "@/components/DateTime";
import { CommentThread } from "@/components/thread/CommentThread";
import { NotFoundPage } from "@/pages/NotFoundPage";
import { isApiError } from "@/api/errors";
import { ActionPanel, currentItem } from "./ActionPanel";
import { SlaPanel } from "./SlaPanel";
import { Timeline, type TimelineEntry } from "./Timeline";
import { TicketDetails } from "./TicketDetails";
import { WorkflowGraph } from "./WorkflowGraph";
import type { Graph } from "./graph";

interface TaskTimeline {
  entries: TimelineEntry[];
  graph: Graph;
}

function Section({ title, children, extra }: { title: string; children: React.ReactNode; extra?: React.ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          {title}
        </Title>
        {extra}
      </Group>
      {children}
    </Card>
  );
}

export function TaskPage() {
  const taskId = Number(useParams().taskId);
  const valid = Number.isInteger(taskId) && taskId > 0;
  const task = useQuery({
    queryKey: keys.task(taskId),
    queryFn: () => unwrap(api().workflow.GET("/tasks/{task_id}/", { params: { path: { task_id: taskId } } })),
    enabled: valid,
    refetchInterval: 30_000,
  });
  if (!valid) return <NotFoundPage />;
  if (task.isPending) return <LoadingState label="Loading the task…" />;
  if (task.isError) {
    if (isApiError(task.error) && task.error.status === 404) return <NotFoundPage />;
    return <ErrorAlert error={task.error} title="The task could not be loaded" onRetry={() => void task.refetch()} />;
  }
  return <TaskView task={task.data} />;
}

function TaskView({ task }: { task: TaskView }) {
  const me = useMe();
  // The task answer changes after every action; the SLA and timeline follow it.
  const stamp = `${task.status}:${task.items.length}:${task.items.map((i) => i.status).join(",")}:${task.waiting ?? ""}`;
  const sla = useQuery({
    queryKey: [...keys.taskSla(task.id), stamp],
    queryFn: () => unwrap(api().workflow.GET("/tasks/{task_id}/sla/", { params: { path: { task_id: task.id } } })),
    placeholderData: (previous) => previous,
  });
  const timeline = useQuery({
    queryKey: [...keys.taskTimeline(task.id), stamp],
    queryFn: async () =>
      (await unwrap(
        api().workflow.GET("/tasks/{task_id}/timeline/", { params: { path: { task_id: task.id } } }),
      )) as unknown as TaskTimeline,
    placeholderData: (previous) => previous,
  });
  const ticket = useQuery({
    queryKey: keys.ticket(task.ticket_number),
    queryFn: () =>
      unwrap(
        api().tickets.GET("/tickets/{ticket_number}/", { params: { path: { ticket_number: task.ticket_number } } }),
      ),
  });

  const stepNames = useMemo(
    () => Object.fromEntries((timeline.data?.graph.steps ?? []).map((s) => [s.key, s.name])),
    [timeline.data],
  );
  // Names the task does not carry (owner, people in the history) come from the staff directory.
  const ids = useMemo(() => {
    const all = new Set<number>(task.items.map((i) => i.assignee_id));
    if (task.owner_id) all.add(task.owner_id);
    for (const e of timeline.data?.entries ?? []) if (e.actor_id !== null) all.add(e.actor_id);
    return [...all].sort((a, b) => a - b);
  }, [task, timeline.data]);
  const people = useQuery({
    queryKey: keys.people(ids),
    queryFn: () => unwrap(api().workflow.GET("/people/", { params: { query: { ids: ids.join(",") } } })),
    enabled: ids.length > 0,
    staleTime: 5 * 60_000,
  });
  const names = useMemo(() => {
    const known = new Map<number, string>();
    for (const p of people.data?.items ?? []) if (p.full_name) known.set(p.user_id, p.full_name);
    for (const item of task.items) if (item.assignee_name) known.set(item.assignee_id, item.assignee_name);
    if (task.owner_id && task.owner_name) known.set(task.owner_id, task.owner_name);
    if (me.full_name) known.set(me.user_id, me.full_name);
    return known;
  }, [task, me, people.data]);
  const personName = (id: number | null) =>
    id === null ? "system" : id === me.user_id ? "you" : (names.get(id) ?? `Staff #${id}`);

  const step = task.current_step as { key?: string; name?: string; instruction?: string };
  const holder = currentItem(task);
  const done = task.status !== "active";

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/work" size="sm">
          My work
        </Anchor>
        <Text size="sm">{task.ticket_number}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Text ff="monospace" size="sm" c="dimmed">
            {task.ticket_number}
          </Text>
          <Title order={1} size="h2">
            {task.subject}
          </Title>
          <Group gap="xs">
            <StatusBadge status={task.status} />
            <PriorityBadge priority={task.priority} />
            {task.waiting && (
              <Badge color="yellow" variant="light">
                {task.waiting}
              </Badge>
            )}
            <Text size="sm" c="dimmed">
              Step <strong>{step.name ?? step.key}</strong>
              {holder ? <> · with {personName(holder.assignee_id)}</> : null} · opened <DateTime value={task.created_at} />
              {task.completed_at ? (
                <>
                  {" "}· completed <DateTime value={task.completed_at} />
                </>
              ) : null}
            </Text>
          </Group>
        </Stack>
        {!done && holder && <SlaCountdown targetAt={holder.target_at} slaState={task.waiting ? "paused" : holder.status === "breached" ? "breached" : "ok"} itemStatus={holder.status} />}
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Section title="Ticket">
              {ticket.isPending && <LoadingState label="Loading the ticket…" />}
              {ticket.isError && (
                <ErrorAlert error={ticket.error} title="The ticket could not be loaded" onRetry={() => void ticket.refetch()} />
              )}
              {ticket.data && <TicketDetails ticket={ticket.data} />}
            </Section>
            <Section title="Workflow">
              {timeline.isPending && <LoadingState label="Loading the workflow…" />}
              {timeline.isError && <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />}
              {timeline.data && <WorkflowGraph graph={timeline.data.graph} current={step.key ?? null} done={done} />}
              {step.instruction && (
                <Text size="sm" mt="sm">
                  <strong>Instructions:</strong> {step.instruction}
                </Text>
              )}
            </Section>
            {/* Comment thread slot: the conversation on the ticket (replies and internal notes). */}
            <Card withBorder radius="md" padding="md">
              <CommentThread ticketNumber={task.ticket_number} />
            </Card>
            <Section title="History">
              {timeline.isPending && <LoadingState label="Loading the history…" />}
              {timeline.isError && <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />}
              {timeline.data && <Timeline entries={timeline.data.entries} stepNames={stepNames} personName={personName} />}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Section title="Actions">
              <ActionPanel task={task} stepNames={stepNames} />
            </Section>
            <Section title="SLA">
              {sla.isPending && <LoadingState label="Loading the SLA…" />}
              {sla.isError && <ErrorAlert error={sla.error} onRetry={() => void sla.refetch()} />}
              {sla.data && <SlaPanel sla={sla.data} done={done} />}
            </Section>
            <Section title="People">
              <Stack gap={6}>
                {holder && (
                  <Text size="sm">
                    <Text span c="dimmed">
                      Assignee:{" "}
                    </Text>
                    {personName(holder.assignee_id)}
                  </Text>
                )}
                <Text size="sm">
                  <Text span c="dimmed">
                    Owner:{" "}
                  </Text>
                  {task.owner_id ? personName(task.owner_id) : "—"}
                </Text>
                <Text size="sm">
                  <Text span c="dimmed">
                    Requester:{" "}
                  </Text>
                  {ticket.data?.requester?.name ?? "—"}
                </Text>
              </Stack>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
