import { createTheme } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "blue",
  // Text on filled badges and buttons picks black or white for contrast (WCAG AA).
  autoContrast: true,
  fontFamily:
    "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  defaultRadius: "md",
  headings: { fontWeight: "650" },
  focusRing: "auto",
});
