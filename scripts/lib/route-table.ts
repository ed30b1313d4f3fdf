/**
 * Where a router declares its actions: the object literal it passes to
 * `defineRoutes(actions, { … })` (cloudfunctions/<area>/src/index.ts), found in the syntax tree
 * by the scripts and lint tests that read routers.
 */
import ts from 'typescript';

/** The route table when `node` is a `defineRoutes(actions, { … })` call; else undefined. */
export function routeTableOf(node: ts.Node): ts.ObjectLiteralExpression | undefined {
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineRoutes') {
    return undefined;
  }
  const table = node.arguments[1];
  return table && ts.isObjectLiteralExpression(table) ? table : undefined;
}
