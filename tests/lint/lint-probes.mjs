/**
 * Lints probe sources with the repository's own ESLint configuration, without writing them:
 * each probe is linted as the text of an existing file (`lintText` with that file's path), so
 * path-scoped rules and the type-aware rules (which need the file in the TypeScript project)
 * apply as they would to real code. Reads `[{ filePath, code }]` as JSON on stdin and writes one
 * array of `{ ruleId, severity, message, fatal }` per probe as JSON on stdout. Run by
 * tests/lint/boundaries.test.ts in a child process (ESLint loads its ESM config there).
 */
import { ESLint } from 'eslint';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const probes = JSON.parse(input);
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { filePath, code } of probes) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push(
    (result?.messages ?? []).map(({ ruleId, severity, message, fatal }) => ({ ruleId, severity, message, fatal })),
  );
}
process.stdout.write(JSON.stringify(results));
