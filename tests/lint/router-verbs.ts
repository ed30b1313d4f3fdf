/**
 * Reads a router (`cloudfunctions/<area>/src/index.ts`) as source and lists every action whose
 * verb breaks the naming rule: action `fooBar` → `cloudfunctions/<area>/src/foo-bar.ts`, which
 * exports a function `fooBar` (docs/architecture.md, ADR 0002). Used by verb-names.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';
import { routeTableOf } from '../../scripts/lib/route-table';

/** `fooBar` → `foo-bar`. */
export function kebab(action: string): string {
  return action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The names a module exports as functions (`export [async] function name`, `export const name =`). */
export function exportedFunctions(source: string): Set<string> {
  const file = ts.createSourceFile('verb.ts', source, ts.ScriptTarget.Latest, true);
  const names = new Set<string>();
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && exported(statement)) names.add(statement.name.text);
    if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    }
  }
  return names;
}

/**
 * The problems of one router, one message per offending action, naming it. `readVerb` returns
 * the source of a module given its path relative to the router's folder (`./post` → `post.ts`),
 * or null when there is no such file.
 */
export function routerProblems(
  area: string,
  routerSource: string,
  readVerb: (file: string) => string | null,
): string[] {
  const file = ts.createSourceFile('index.ts', routerSource, ts.ScriptTarget.Latest, true);
  // Local name → { module specifier, exported name }.
  const imports = new Map<string, { from: string; exported: string }>();
  for (const s of file.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    const bindings = s.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const e of bindings.elements) {
      imports.set(e.name.text, { from: s.moduleSpecifier.text, exported: (e.propertyName ?? e.name).text });
    }
  }
  let table: ts.ObjectLiteralExpression | undefined;
  const find = (node: ts.Node): void => {
    table ??= routeTableOf(node);
    ts.forEachChild(node, find);
  };
  find(file);
  if (!table) return [`${area}: the router has no defineRoutes(actions, { … }) table`];

  const problems: string[] = [];
  for (const property of table.properties) {
    let action: string;
    let local: string;
    if (ts.isShorthandPropertyAssignment(property)) {
      action = local = property.name.text;
    } else if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.initializer)) {
      action = property.name.getText(file).replace(/^['"]|['"]$/g, '');
      local = property.initializer.text;
    } else {
      problems.push(`${area}.${property.name?.getText(file) ?? '?'}: the verb is not a name imported from its file`);
      continue;
    }
    const where = `${area}.${action}`;
    const imported = imports.get(local);
    if (!imported || !imported.from.startsWith('./')) {
      problems.push(`${where}: the verb '${local}' is not imported from a file of the area`);
      continue;
    }
    const expectedFile = `${kebab(action)}.ts`;
    const actualFile = `${imported.from.slice(2)}.ts`;
    if (actualFile !== expectedFile) {
      problems.push(`${where}: the verb lives in '${actualFile}', expected '${expectedFile}'`);
    }
    if (imported.exported !== action) {
      problems.push(`${where}: the verb is exported as '${imported.exported}', expected '${action}'`);
    }
    if (actualFile !== expectedFile || imported.exported !== action) continue;
    const source = readVerb(actualFile);
    if (source === null) problems.push(`${where}: '${actualFile}' does not exist`);
    else if (!exportedFunctions(source).has(action)) problems.push(`${where}: '${actualFile}' exports no '${action}'`);
  }
  return problems;
}

/** The problems of the router at `indexPath`, reading verb files beside it. */
export function routerFileProblems(indexPath: string): string[] {
  const folder = dirname(indexPath);
  const area = basename(dirname(folder));
  return routerProblems(area, readFileSync(indexPath, 'utf8'), (file) => {
    const path = join(folder, file);
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  });
}
