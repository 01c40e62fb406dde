import { Badge, Group, Progress, Stack, Text } from "@mantine/core";
import type { TaskSla } from "@/api/types";
import { DateTime } from "@/components/DateTime";
import { SlaCountdown } from "@/components/SlaCountdown";
import { spanWords } from "@/lib/time";
import { humanize } from "@/lib/words";

function used(elapsed: number, allowance: number): number {
  return allowance > 0 ? Math.min(100, Math.round((elapsed / allowance) * 100)) : 0;
}

/** The task's SLA: the resolution target, the current step's share, first response, pauses. */
export function SlaPanel({ sla, done }: { sla: TaskSla; done: boolean }) {
  const share = sla.items[sla.items.length - 1];
  const percent = used(sla.elapsed_seconds, sla.allowance_seconds);
  const state = sla.paused ? "paused" : share?.breached ? "breached" : (share?.warnings_sent.length ?? 0) > 0 ? "warned" : "ok";
  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            Resolution
          </Text>
          {done ? (
            <Badge variant="light" color="gray">
              closed
            </Badge>
          ) : (
            <SlaCountdown targetAt={sla.target_at} slaState={sla.paused ? "paused" : state} />
          )}
        </Group>
        <Text size="xs" c="dimmed">
          Target {sla.target_words}
          {sla.business_hours ? " (business hours)" : ""} · due <DateTime value={sla.due_at} />
        </Text>
        <Progress
          value={percent}
          color={percent >= 100 ? "red" : percent >= 75 ? "orange" : "teal"}
          aria-label={`Resolution time used: ${percent}%`}
          size="sm"
        />
        <Text size="xs" c="dimmed">
          {spanWords(sla.elapsed_seconds)} used of {spanWords(sla.allowance_seconds)}
          {sla.paused ? " · paused while the ticket waits" : ""}
        </Text>
      </Stack>
      {share && (
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              This step ({humanize(share.step)})
            </Text>
            {share.breached ? (
              <Badge color="red">breached</Badge>
            ) : share.warnings_sent.length > 0 ? (
              <Badge color="orange">warned at {share.warnings_sent.join("%, ")}%</Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            Share {share.target_words} · due <DateTime value={share.due_at} />
          </Text>
          <Progress
            value={used(share.elapsed_seconds, share.allowance_seconds)}
            color={share.breached ? "red" : share.warnings_sent.length > 0 ? "orange" : "blue"}
            aria-label={`Step time used: ${used(share.elapsed_seconds, share.allowance_seconds)}%`}
            size="sm"
          />
        </Stack>
      )}
      <Stack gap={2}>
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            First response
          </Text>
          <Badge
            variant="light"
            color={
              sla.response.state === "met"
                ? "teal"
                : sla.response.state === "breached"
                  ? "red"
                  : sla.response.state === "pending"
                    ? "blue"
                    : "gray"
            }
          >
            {sla.response.state === "none" ? "no target" : sla.response.state}
          </Badge>
        </Group>
        {sla.response.target_words && (
          <Text size="xs" c="dimmed">
            Target {sla.response.target_words}
            {sla.response.first_response_at ? (
              <>
                {" "}· answered <DateTime value={sla.response.first_response_at} />
              </>
            ) : sla.response.due_at ? (
              <>
                {" "}· due <DateTime value={sla.response.due_at} />
              </>
            ) : null}
          </Text>
        )}
      </Stack>
      {sla.pauses.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            Pauses
          </Text>
          {sla.pauses.map((p) => (
            <Text key={p.started_at} size="xs" c="dimmed">
              {p.status} from <DateTime value={p.started_at} />
              {p.ended_at ? (
                <>
                  {" "}to <DateTime value={p.ended_at} />
                </>
              ) : (
                " (ongoing)"
              )}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
