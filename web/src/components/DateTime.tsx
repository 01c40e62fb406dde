import { Tooltip } from "@mantine/core";
import { absoluteTime, relativeTime } from "@/lib/time";
import { useNow } from "@/lib/now";

/** A moment shown relative to now ("5 minutes ago"), the absolute time on hover. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const now = useNow();
  if (!value) return <span>—</span>;
  const at = new Date(value);
  const absolute = absoluteTime(at);
  return (
    <Tooltip label={absolute} withArrow openDelay={200}>
      <time dateTime={value} title={absolute}>
        {relativeTime(at, now)}
      </time>
    </Tooltip>
  );
}
