// Serves the built console (dist/) as any static web server would: files as they are, every
// other path answered with index.html (the console routes in the browser), and /config.json
// from --config when given, so the same build points at any services.
//
//   node scripts/serve.mjs [--port 1000] [--host 127.0.0.1] [--dir dist] [--config file.json]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(option("dir", path.join(here, "../dist")));
const port = Number(option("port", "1000"));
const host = option("host", "127.0.0.1");
const configFile = option("config", null);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".map": "application/json",
  ".woff2": "font/woff2",
};

async function file(p) {
  try {
    const s = await stat(p);
    return s.isFile() ? await readFile(p) : null;
  } catch {
    return null;
  }
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://console");
  const send = (status, body, type, cache) => {
    response.writeHead(status, { "Content-Type": type, "Cache-Control": cache });
    response.end(body);
  };
  if (url.pathname === "/config.json" && configFile) {
    const body = await file(configFile);
    if (body) return send(200, body, TYPES[".json"], "no-store");
  }
  const wanted = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
  if (wanted.startsWith(root + path.sep)) {
    const body = await file(wanted);
    if (body) {
      // Hashed assets never change; everything else is checked on every load.
      const cache = url.pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
      return send(200, body, TYPES[path.extname(wanted)] ?? "application/octet-stream", cache);
    }
  }
  if (url.pathname.startsWith("/assets/")) return send(404, "not found", "text/plain", "no-store");
  const index = await file(path.join(root, "index.html"));
  if (!index) return send(500, `no index.html in ${root}: run npm run build`, "text/plain", "no-store");
  send(200, index, TYPES[".html"], "no-cache");
});

server.listen(port, host, () => {
  const address = server.address();
  console.log(`console on http://${host}:${typeof address === "object" && address ? address.port : port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
