import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { Link, isRouteErrorResponse, useRouteError } from "react-router";

export function NotFoundPage() {
  return (
    <Center py={80}>
      <Stack align="center" gap="xs">
        <Title order={1} size="h2">
          Page not found
        </Title>
        <Text c="dimmed">There is nothing at this address.</Text>
        <Button component={Link} to="/" variant="light">
          Go to the start page
        </Button>
      </Stack>
    </Center>
  );
}

/** Shown when a page crashed while rendering: say so instead of a blank screen. */
export function CrashPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <Center py={80}>
      <Stack align="center" gap="xs" maw={560}>
        <Title order={1} size="h2">
          This page ran into a problem
        </Title>
        <Text c="dimmed" ta="center">
          {message}
        </Text>
        <Button onClick={() => window.location.reload()} variant="light">
          Reload the page
        </Button>
      </Stack>
    </Center>
  );
}
