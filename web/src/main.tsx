import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import { loadConfig } from "@/config";
import { App } from "@/App";

const root = createRoot(document.getElementById("root")!);

// The configuration says where the services are; nothing can work without it, so a failure
// to load it is shown instead of a blank page.
loadConfig().then(
  () =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  (error: unknown) => {
    const p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.style.cssText = "font-family: system-ui; margin: 3rem auto; max-width: 40rem; color: #c92a2a";
    p.textContent = `The console could not start: ${error instanceof Error ? error.message : String(error)}`;
    document.getElementById("root")!.replaceChildren(p);
  },
);
