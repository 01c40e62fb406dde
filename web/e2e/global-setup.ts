// Starts the whole system for the browser tests: tts-system (four services, their databases,
// a RabbitMQ vhost, the demo organisation, demo sign-in, this console's origin allowed) and
// the built console served with a config.json naming those services. Both stop at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");

function started(child: ChildProcess, what: string, ready: (line: string) => boolean, timeoutMs: number) {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} not ready after ${timeoutMs / 1000}s`)), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready`));
    });
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (ready(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
  });
}

export default async function globalSetup() {
  const port = Number(process.env.E2E_CONSOLE_PORT ?? 4173);
  const origin = `http://127.0.0.1:${port}`;
  // E2E_SYSTEM: the JSON line of a tts-system already running (with --demo --demo-sign-in and
  // this origin allowed), to iterate on the tests without restarting the services each time.
  let system: ChildProcess | null = null;
  let line = process.env.E2E_SYSTEM;
  if (!line) {
    const binary = process.env.TTS_SYSTEM_BIN ?? path.join(repo, "target/debug/tts-system");
    system = spawn(binary, ["--demo", "--demo-sign-in", "--cors-origin", origin], {
      stdio: ["ignore", "pipe", "inherit"],
      cwd: repo,
    });
    line = await started(system, "tts-system", (l) => l.startsWith("{"), 240_000);
  }
  const urls = JSON.parse(line) as Record<string, string>;
  const services = {
    tickets: urls.tickets!,
    workflow: urls.workflow!,
    messaging: urls.messaging!,
    notifications: urls.notifications!,
  };
  const dir = mkdtempSync(path.join(tmpdir(), "tts-console-e2e-"));
  const configFile = path.join(dir, "config.json");
  writeFileSync(configFile, JSON.stringify({ services }, null, 2));
  const console = spawn(
    process.execPath,
    [path.join(here, "../scripts/serve.mjs"), "--port", String(port), "--host", "127.0.0.1", "--config", configFile],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await started(console, "the console server", (l) => l.startsWith("console on"), 20_000);
  // The tests' own calls (as the admin, or to mint a person's session) go to these services.
  process.env.E2E_SERVICES = JSON.stringify(services);
  return async () => {
    console.kill("SIGTERM");
    if (system) {
      const stopped = new Promise((resolve) => system!.once("exit", resolve));
      system.kill("SIGTERM");
      await stopped;
    }
  };
}
