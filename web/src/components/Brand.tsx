import { Group, Text, ThemeIcon } from "@mantine/core";
import { IconTicket } from "@tabler/icons-react";
import { Link } from "react-router";

export function Brand() {
  return (
    <Link to="/" style={{ textDecoration: "none", color: "inherit" }} aria-label="TTS home">
      <Group gap={8} wrap="nowrap">
      <ThemeIcon size={30} radius="md" variant="filled">
        <IconTicket size={18} />
      </ThemeIcon>
      <Text fw={700} size="lg">
        TTS
      </Text>
      <Text size="sm" c="dimmed" visibleFrom="sm">
        Service console
      </Text>
      </Group>
    </Link>
  );
}
