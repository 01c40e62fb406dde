import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";

/** `TTS_CONSOLE_CONFIG=file.json npm run dev`: serve that file as /config.json (e.g. the URLs
 * of a `tts-system` on free ports) instead of public/config.json. */
function configOverride(): Plugin {
  const file = process.env.TTS_CONSOLE_CONFIG;
  return {
    name: "tts-console-config",
    configureServer(server) {
      if (!file) return;
      server.middlewares.use("/config.json", (_req, res) => {
        res.setHeader("Content-Type", "application/json");
        res.setHeader("Cache-Control", "no-store");
        res.end(readFileSync(file));
      });
    },
  };
}

// The console is a folder of static files. Where the services live is read at start from
// /config.json (public/config.json in development), never baked into the build.
export default defineConfig({
  plugins: [react(), configOverride()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: { port: Number(process.env.PORT ?? 1000), strictPort: true, host: "127.0.0.1" },
  preview: { port: 1000, strictPort: true, host: "127.0.0.1" },
  build: { outDir: "dist", sourcemap: true },
  test: {
    globals: true,
    environment: "jsdom",
    setupFiles: ["./tests/setup.ts"],
    include: ["tests/**/*.test.{ts,tsx}"],
    css: false,
    // Component tests click through real components; on a busy machine (CI, parallel builds)
    // the default 5 s is too little. Nothing here is timed.
    testTimeout: 20_000,
  },
});
