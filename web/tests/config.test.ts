import { describe, expect, it } from "vitest";
import { resolveConfig } from "@/config";

describe("console configuration", () => {
  it("puts the page's host name into the service URLs, so the session cookie reaches them", () => {
    const config = resolveConfig(
      {
        services: {
          tickets: "http://{hostname}:8004/",
          workflow: "http://{hostname}:8002",
          messaging: "https://messaging.example.com",
          notifications: "http://{hostname}:8006",
        },
      },
      "127.0.0.1",
    );
    expect(config.services).toEqual({
      tickets: "http://127.0.0.1:8004",
      workflow: "http://127.0.0.1:8002",
      messaging: "https://messaging.example.com",
      notifications: "http://127.0.0.1:8006",
    });
    expect(config.signInUrl).toBeUndefined();
  });

  it("names the service a configuration leaves out", () => {
    expect(() => resolveConfig({ services: { tickets: "x", workflow: "y", messaging: "z" } }, "h")).toThrow(
      'config.json names no URL for the service "notifications"',
    );
    expect(() => resolveConfig({}, "h")).toThrow('config.json has no "services" object');
  });
});
