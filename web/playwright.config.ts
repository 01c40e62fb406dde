// Browser tests: Debian's Chromium (no browser download) driven by Playwright Test against the
// real services, which e2e/global-setup.ts starts (tts-system) with the built console beside them.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_CONSOLE_PORT ?? 4173);
const artifacts = process.env.E2E_ARTIFACTS ?? "../target/e2e";

export default defineConfig({
  testDir: "./e2e",
  testMatch: /.*\.spec\.ts/,
  outputDir: `${artifacts}/results`,
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["html", { outputFolder: `${artifacts}/report`, open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    viewport: { width: 1400, height: 900 },
    timezoneId: "Asia/Manila",
    locale: "en-GB",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
