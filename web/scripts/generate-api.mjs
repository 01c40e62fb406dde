// Generates src/api/generated/<service>.ts from the services' committed OpenAPI documents
// (docs/openapi/<service>.json). With --check it writes nothing and fails when the committed
// types differ from what the documents produce: an API change the console has not followed.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const documents = path.resolve(process.env.TTS_OPENAPI_DIR ?? path.join(here, "../../docs/openapi"));
const out = path.resolve(here, "../src/api/generated");
const services = ["ticket-service", "workflow-api", "messaging", "notification-service"];
const check = process.argv.includes("--check");

const header = (service) =>
  `// Generated from docs/openapi/${service}.json by \`npm run generate\`. Do not edit.\n\n`;

let stale = [];
await mkdir(out, { recursive: true });
for (const service of services) {
  const source = path.join(documents, `${service}.json`);
  const document = JSON.parse(await readFile(source, "utf8"));
  let ast;
  try {
    ast = await openapiTS(document, { alphabetize: true });
  } catch (error) {
    console.error(`docs/openapi/${service}.json is not a usable OpenAPI document: ${error.message}`);
    process.exit(1);
  }
  const text = header(service) + astToString(ast);
  const target = path.join(out, `${service}.ts`);
  if (check) {
    const committed = await readFile(target, "utf8").catch(() => "");
    if (committed !== text) stale.push(service);
  } else {
    await writeFile(target, text);
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
  }
}
if (stale.length > 0) {
  console.error(
    `The generated API types are out of date for: ${stale.join(", ")}.\n` +
      "The services' OpenAPI documents (docs/openapi/) changed; run `npm run generate` in web/ " +
      "and adapt the console to the new API.",
  );
  process.exit(1);
}
if (check) console.log("generated API types match docs/openapi/");
