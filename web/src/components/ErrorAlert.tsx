import { Alert, Button, Group, List, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { isApiError } from "@/api/errors";

const TITLES: Record<number, string> = {
  0: "Service unreachable",
  403: "Not allowed",
  404: "Not found",
  409: "Someone else acted first",
  412: "Changed meanwhile",
  422: "Please correct the request",
};

/** An error exactly as the API put it: its message, every field it names, its request id. */
export function ErrorAlert({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const api = isApiError(error) ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  const heading =
    title ?? (api ? (TITLES[api.status] ?? (api.status >= 500 ? "Server error" : "Request refused")) : "Something went wrong");
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={heading} role="alert">
      <Text size="sm">{message}</Text>
      {api && api.fields.length > 0 && (
        <List size="sm" mt="xs">
          {api.fields.map((f) => (
            <List.Item key={`${f.field}:${f.message}`}>
              <Text span fw={600} ff="monospace">
                {f.field}
              </Text>
              : {f.message}
            </List.Item>
          ))}
        </List>
      )}
      {(onRetry || api?.requestId) && (
        <Group mt="xs" justify="space-between">
          {api?.requestId ? (
            <Text size="xs" c="dimmed">
              Request id {api.requestId}
            </Text>
          ) : (
            <span />
          )}
          {onRetry && (
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              Try again
            </Button>
          )}
        </Group>
      )}
    </Alert>
  );
}
