// Validates AsyncAPI documents with @asyncapi/parser (the parser the AsyncAPI tools use) and
// prints every diagnostic. Exit status 1 when any document has an error diagnostic or cannot be
// parsed at all; warnings and hints are printed but do not fail.
//
// Usage: node validate-asyncapi.js FILE...
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Parser, DiagnosticSeverity } = require('@asyncapi/parser');

const SEVERITY = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

function where(diagnostic) {
  const at = diagnostic.path && diagnostic.path.length ? diagnostic.path.join('.') : '(document)';
  const line = diagnostic.range ? `:${diagnostic.range.start.line + 1}` : '';
  return { at, line };
}

async function check(parser, file) {
  const source = fs.readFileSync(file, 'utf8');
  const { document, diagnostics } = await parser.parse(source, { source: path.resolve(file) });
  let errors = 0;
  for (const d of diagnostics) {
    const { at, line } = where(d);
    const severity = SEVERITY[d.severity] || String(d.severity);
    if (d.severity === DiagnosticSeverity.Error) errors += 1;
    console.log(`${file}${line}: ${severity} ${d.code}: ${d.message} (at ${at})`);
  }
  if (!document && errors === 0) {
    console.log(`${file}: error: not an AsyncAPI document the parser accepts`);
    errors = 1;
  }
  return errors;
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node validate-asyncapi.js FILE...');
    process.exit(2);
  }
  const parser = new Parser();
  let failed = 0;
  for (const file of files) {
    const errors = await check(parser, file);
    console.log(`${file}: ${errors === 0 ? 'valid' : `${errors} error(s)`}`);
    if (errors > 0) failed += 1;
  }
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
