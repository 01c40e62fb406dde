import { Badge, Tooltip } from "@mantine/core";
import { IconClockHour4 } from "@tabler/icons-react";
import { countdown, SLA_COLOR, SLA_TONE_WORDS } from "@/lib/sla";
import { absoluteTime } from "@/lib/time";
import { useNow } from "@/lib/now";

/** A live SLA countdown: teal while on track, amber once warned, red when breached. */
export function SlaCountdown({
  targetAt,
  slaState,
  itemStatus,
}: {
  targetAt: string;
  slaState: string;
  itemStatus?: string;
}) {
  const now = useNow();
  const c = countdown(targetAt, now, slaState, itemStatus);
  const due = `Due ${absoluteTime(new Date(targetAt))} · ${SLA_TONE_WORDS[c.tone]}`;
  return (
    <Tooltip label={due} withArrow openDelay={200}>
      <Badge
        color={SLA_COLOR[c.tone]}
        variant={c.tone === "breached" || c.tone === "warned" ? "filled" : "light"}
        leftSection={<IconClockHour4 size={12} />}
        radius="sm"
        tt="none"
        aria-label={`${c.label}, ${SLA_TONE_WORDS[c.tone]}`}
        data-sla={c.tone}
        styles={{ label: { fontVariantNumeric: "tabular-nums" } }}
      >
        {c.label}
      </Badge>
    </Tooltip>
  );
}
