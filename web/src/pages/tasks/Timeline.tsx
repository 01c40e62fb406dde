import { Text, Timeline as MantineTimeline } from "@mantine/core";
import { IconArrowRight, IconCircleCheck, IconFlag, IconUser, IconAlertTriangle, IconPlayerPause } from "@tabler/icons-react";
import { DateTime } from "@/components/DateTime";
import { humanize } from "@/lib/words";

/** One entry of GET /tasks/{id}/timeline/. */
export interface TimelineEntry {
  action: string;
  actor_id: number | null;
  assignee_id: number;
  at: string;
  item_id: number;
  notes: string;
  status: string;
  step: string;
}

const ICON: Record<string, typeof IconFlag> = {
  assignment: IconUser,
  transition: IconArrowRight,
  finalize: IconCircleCheck,
  escalate: IconAlertTriangle,
  escalation: IconAlertTriangle,
  hold: IconPlayerPause,
};

export function Timeline({
  entries,
  stepNames,
  personName,
}: {
  entries: TimelineEntry[];
  stepNames: Record<string, string>;
  personName: (id: number | null) => string;
}) {
  const newestFirst = [...entries].reverse();
  return (
    <MantineTimeline bulletSize={22} lineWidth={2} active={newestFirst.length}>
      {newestFirst.map((e, i) => {
        const Icon = ICON[e.action] ?? IconFlag;
        return (
          <MantineTimeline.Item key={`${e.item_id}-${e.at}-${i}`} bullet={<Icon size={12} />} title={humanize(e.action)}>
            <Text size="xs" c="dimmed">
              {stepNames[e.step] ?? humanize(e.step)} · {e.actor_id === null ? "system" : personName(e.actor_id)}
              {e.action === "assignment" || e.action === "transfer" ? ` → ${personName(e.assignee_id)}` : ""} ·{" "}
              <DateTime value={e.at} />
            </Text>
            {e.notes && (
              <Text size="sm" mt={2} style={{ whiteSpace: "pre-wrap" }}>
                {e.notes}
              </Text>
            )}
          </MantineTimeline.Item>
        );
      })}
    </MantineTimeline>
  );
}
