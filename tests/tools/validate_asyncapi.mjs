// Validate an AsyncAPI document with the AsyncAPI project's parser; print each diagnostic as a
// JSON line and exit 1 if the document is invalid (any diagnostic of severity error).
import { Parser, fromFile } from '@asyncapi/parser';

const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, process.argv[2]).parse();
for (const d of diagnostics) {
  console.log(JSON.stringify({ severity: d.severity, code: d.code, message: d.message, path: d.path }));
}
process.exit(document && !diagnostics.some((d) => d.severity === 0) ? 0 : 1);
