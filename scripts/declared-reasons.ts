/**
 * Which refusals each action can give, compared with what its spec declares.
 *
 * Two sources:
 * - a static scan (TypeScript compiler API): from each action's verb (the routes in
 *   cloudfunctions/<area>/src/index.ts), every function it can reach inside cloudfunctions/,
 *   and in them every `new AppError(CODE, reason, …)` — a literal reason, a reason whose type
 *   is a union of literals, or a literal passed to a helper that makes the error
 *   (`forbidden('x', …)`, `refuse('x', …)` with `topic.${reason}`). Reasons built at run time
 *   from anything else are listed as "dynamic" with their place, to be read by hand;
 * - optionally, a record of a test run: `HONGSE_RECORD_REASONS=/tmp/reasons.txt npx jest
 *   --selectProjects unit` makes the handler append `area.action CODE reason` per refusal.
 *
 * Usage:
 *   npx tsx scripts/declared-reasons.ts [--record /tmp/reasons.txt] [--json] [--verbose]
 * Prints, per action, the reasons found but not declared (with their code) — paste them into
 * the action's `refusals` in types/<area>.ts — and declared reasons found nowhere (stale or
 * reachable only through a dynamic reason). Reasons built from a template over a union of
 * values (`wish.not-${row.who}`) are only possible; `--verbose` lists the undeclared ones.
 * Exits 1 when something is missing.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { actions, commonRefusals, declaredCode, functionRefusals, type ActionSpec } from '../types/actions';
import { routeTableOf } from './lib/route-table';

const root = join(__dirname, '..');
const functionsDir = join(root, 'cloudfunctions');

/**
 * Where the scan over-approximates: reason → the only actions that can give it, read by hand.
 * (wish/transitions.ts `stateRefusal` gives `wish.already-claimed` only for a claim.)
 */
const onlyFrom: Record<string, readonly string[]> = {
  'wish.already-claimed': ['wish.claim'],
  // review-outcome.ts names these for the screen too; only recording a review refuses with them.
  'review.one-person-one-body': ['deliberation.recordReview'],
  'review.supervisor-independent': ['deliberation.recordReview'],
  'notice.supervisor-independent': ['deliberation.liftSuspension'],
  // volunteer/group-commit.ts applies sign-ups and cancellations in one batch; each move gives
  // only its own refusals.
  // (an admin's refusal of a 代办 sign-up is a cancellation: volunteer/refuse-proxy-act.ts)
  'signup.not-active': ['volunteer.cancelSignup', 'volunteer.refuseProxyAct'],
  'signup.attended': ['volunteer.cancelSignup', 'volunteer.refuseProxyAct'],
  'signup.not-audience': ['volunteer.signUp'],
  'signup.exists': ['volunteer.signUp'],
};

export interface Found {
  /** `area.action` → reason → codes; `area.*` (`_shared.*`): every refusal made in the area's files */
  reasons: Map<string, Map<string, Set<string>>>;
  /** `area.action` → reason → codes, for reasons built from a template over a union of values */
  possible: Map<string, Map<string, Set<string>>>;
  /** `area.action` → places of reasons the scan cannot enumerate */
  dynamic: Map<string, Set<string>>;
}

function add(map: Map<string, Map<string, Set<string>>>, key: string, reason: string, code: string) {
  const byReason = map.get(key) ?? new Map<string, Set<string>>();
  map.set(key, byReason);
  const codes = byReason.get(reason) ?? new Set<string>();
  byReason.set(reason, codes);
  codes.add(code);
}

function areas(): string[] {
  return readdirSync(functionsDir)
    .filter((name) => !name.startsWith('_') && existsSync(join(functionsDir, name, 'src', 'index.ts')))
    .sort();
}

type FnNode = ts.FunctionLikeDeclaration;

/** A helper that makes an AppError from one of its parameters: which one, with what code and affixes. */
interface Maker {
  index: number;
  /** The reason is this property of the parameter (`org.${what.key}-not-found`). */
  property: string | null;
  codes: string[];
  prefix: string;
  suffix: string;
}

export function scan(): Found {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const entries = areas().map((a) => join(functionsDir, a, 'src', 'index.ts'));
  const program = ts.createProgram(entries, parsed.options);
  const checker = program.getTypeChecker();

  const inFunctions = (node: ts.Node) => {
    const file = node.getSourceFile().fileName;
    return file.startsWith(functionsDir) && !file.includes('node_modules');
  };
  const place = (node: ts.Node) => {
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
    return `${relative(root, sf.fileName)}:${line + 1}`;
  };

  /** The string literal values an expression's type allows, or null when it is not a literal union. */
  const literals = (expr: ts.Expression): string[] | null => {
    if (ts.isTemplateExpression(expr)) {
      let out = [expr.head.text];
      for (const span of expr.templateSpans) {
        const values = literals(span.expression);
        if (!values) return null;
        out = out.flatMap((head) => values.map((v) => head + v + span.literal.text));
      }
      return out;
    }
    const type = checker.getTypeAtLocation(expr);
    const parts = type.isUnion() ? type.types : [type];
    const out: string[] = [];
    for (const t of parts) {
      if (!t.isStringLiteral()) return null;
      out.push(t.value);
    }
    return out;
  };

  const isAppError = (node: ts.Node): node is ts.NewExpression =>
    ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'AppError';

  const fnOf = (decl: ts.Declaration): FnNode | null => {
    if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl)) return decl;
    if (ts.isArrowFunction(decl) || ts.isFunctionExpression(decl)) return decl;
    if ((ts.isVariableDeclaration(decl) || ts.isPropertyAssignment(decl)) && decl.initializer) {
      const init = decl.initializer;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
    return null;
  };

  const makers = new Map<FnNode, Maker | null>();
  const makerOf = (fn: FnNode): Maker | null => {
    if (makers.has(fn)) return makers.get(fn)!;
    let found: Maker | null = null;
    const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
    const visit = (node: ts.Node) => {
      if (found) return;
      if (isAppError(node) && node.arguments && node.arguments.length >= 2) {
        const codes = literals(node.arguments[0]!) ?? [];
        const reason = node.arguments[1]!;
        if (ts.isIdentifier(reason) && params.includes(reason.text) && !literals(reason)) {
          found = { index: params.indexOf(reason.text), property: null, codes, prefix: '', suffix: '' };
        } else if (ts.isTemplateExpression(reason) && reason.templateSpans.length === 1) {
          const span = reason.templateSpans[0]!;
          const e = span.expression;
          const param = ts.isIdentifier(e)
            ? e.text
            : ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)
              ? e.expression.text
              : '';
          if (params.includes(param)) {
            found = {
              index: params.indexOf(param),
              property: ts.isPropertyAccessExpression(e) ? e.name.text : null,
              codes,
              prefix: reason.head.text,
              suffix: span.literal.text,
            };
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    makers.set(fn, found);
    return found;
  };

  const resolve = (node: ts.Node): FnNode[] => {
    let symbol = checker.getSymbolAtLocation(node);
    if (!symbol) return [];
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return (symbol.declarations ?? [])
      .filter(inFunctions)
      .map(fnOf)
      .filter((f): f is FnNode => f !== null);
  };

  /** Whether the function around a node makes an error from its parameter (the callers are scanned). */
  const enclosingMaker = (node: ts.Node): boolean => {
    let at: ts.Node | undefined = node.parent;
    while (at && !ts.isFunctionLike(at)) at = at.parent;
    return at !== undefined && makerOf(at as FnNode) !== null;
  };

  const found: Found = { reasons: new Map(), possible: new Map(), dynamic: new Map() };

  /** Scans `start` (a verb, or a whole file) and, when `follow`, every function it reaches. */
  const walk = (key: string, start: FnNode | ts.SourceFile, follow: boolean) => {
    const seen = new Set<ts.Node>();
    const queue: Array<FnNode | ts.SourceFile> = [start];
    while (queue.length > 0) {
      const fn = queue.pop()!;
      if (seen.has(fn)) continue;
      seen.add(fn);
      const maker = ts.isSourceFile(fn) ? null : makerOf(fn);
      const visit = (node: ts.Node) => {
        if (isAppError(node) && node.arguments && node.arguments.length >= 2) {
          const codes = literals(node.arguments[0]!) ?? ['?'];
          const reasonExpr = node.arguments[1]!;
          const values = literals(reasonExpr);
          // A template over a union (`wish.not-${row.who}`) may give any of its values: possible, not certain.
          const into = ts.isTemplateExpression(reasonExpr) ? found.possible : found.reasons;
          if (values) for (const v of values) for (const c of codes) add(into, key, v, c);
          else if (!maker && !enclosingMaker(node)) {
            const set = found.dynamic.get(key) ?? new Set<string>();
            set.add(`${place(node)} ${reasonExpr.getText()}`);
            found.dynamic.set(key, set);
          }
        }
        if (ts.isCallExpression(node)) {
          for (const callee of resolve(
            ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression,
          )) {
            const m = makerOf(callee);
            let arg: ts.Expression | undefined = m ? node.arguments[m.index] : undefined;
            if (!m || !arg) continue;
            if (m.property && ts.isObjectLiteralExpression(arg)) {
              const prop = arg.properties.find(
                (p): p is ts.PropertyAssignment =>
                  ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === m.property,
              );
              arg = prop?.initializer;
            }
            const values = arg && (!m.property || arg !== node.arguments[m.index]) ? literals(arg) : null;
            if (values)
              for (const v of values) for (const c of m.codes) add(found.reasons, key, m.prefix + v + m.suffix, c);
            else {
              const set = found.dynamic.get(key) ?? new Set<string>();
              set.add(`${place(node)} ${node.getText().slice(0, 80)}`);
              found.dynamic.set(key, set);
            }
          }
        }
        if (follow && ts.isIdentifier(node)) for (const f of resolve(node)) queue.push(f);
        ts.forEachChild(node, visit);
      };
      const body = ts.isSourceFile(fn) ? fn : fn.body;
      if (body) visit(body);
    }
  };

  for (const area of areas()) {
    const index = program.getSourceFile(join(functionsDir, area, 'src', 'index.ts'));
    if (!index) continue;
    const visit = (node: ts.Node) => {
      const table = routeTableOf(node);
      if (table) {
        for (const prop of table.properties) {
          const name = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : '';
          const target = ts.isShorthandPropertyAssignment(prop)
            ? checker.getShorthandAssignmentValueSymbol(prop)
            : ts.isPropertyAssignment(prop)
              ? checker.getSymbolAtLocation(prop.initializer)
              : undefined;
          const symbol = target && target.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(target) : target;
          for (const decl of symbol?.declarations ?? []) {
            const fn = fnOf(decl);
            if (fn) walk(`${area}.${name}`, fn, true);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(index);
  }
  for (const [key, byReason] of found.reasons) {
    for (const reason of [...byReason.keys()])
      if (onlyFrom[reason] && !onlyFrom[reason]!.includes(key)) byReason.delete(reason);
  }
  // Every file on its own, reachable from an action or not (timer jobs, helpers): `<area>.*`.
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(functionsDir) || sf.fileName.includes('node_modules')) continue;
    const area = relative(functionsDir, sf.fileName).split(/[\\/]/)[0]!;
    walk(`${area}.*`, sf, false);
  }
  return found;
}

/** `area.action CODE reason` lines of a recorded test run. */
export function readRecord(file: string, into: Map<string, Map<string, Set<string>>>): void {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [key, code, reason] = line.trim().split(' ');
    if (key && code && reason) add(into, key, reason, code);
  }
}

export function specOf(key: string): ActionSpec | undefined {
  const [area, name] = key.split('.') as [string, string];
  return (actions as unknown as Record<string, Record<string, ActionSpec>>)[area]?.[name];
}

function main() {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const found = scan();
  const recordAt = args.indexOf('--record');
  if (recordAt >= 0 && args[recordAt + 1]) readRecord(args[recordAt + 1]!, found.reasons);
  if (args.includes('--json')) {
    const out: Record<string, Record<string, string[]>> = {};
    for (const [key, byReason] of [...found.reasons].sort()) {
      out[key] = Object.fromEntries([...byReason].sort().map(([r, codes]) => [r, [...codes].sort()]));
    }
    const possible: Record<string, string[]> = {};
    for (const [key, byReason] of [...found.possible].sort()) possible[key] = [...byReason.keys()].sort();
    console.log(
      JSON.stringify(
        { reasons: out, possible, dynamic: Object.fromEntries([...found.dynamic].map(([k, v]) => [k, [...v]])) },
        null,
        2,
      ),
    );
    return;
  }
  let missing = 0;
  for (const [area, specs] of Object.entries(actions as unknown as Record<string, Record<string, ActionSpec>>)) {
    for (const [name, spec] of Object.entries(specs)) {
      const key = `${area}.${name}`;
      const lines: string[] = [];
      for (const [reason, codes] of [...(found.reasons.get(key) ?? new Map<string, Set<string>>())].sort()) {
        for (const code of codes) {
          const declared = declaredCode(spec, reason);
          if (declared === code) continue;
          missing++;
          lines.push(declared ? `  '${reason}': '${code}',  // declared as ${declared}` : `  '${reason}': '${code}',`);
        }
      }
      const stale = Object.keys(spec.refusals).filter(
        (reason) =>
          !found.reasons.get(key)?.has(reason) && !found.possible.get(key)?.has(reason) && !(reason in commonRefusals),
      );
      if (verbose) {
        for (const [reason, codes] of found.possible.get(key) ?? []) {
          for (const code of codes) {
            if (declaredCode(spec, reason) !== code) lines.push(`  // possible (a template): '${reason}': '${code}',`);
          }
        }
      }
      const dynamic = [...(found.dynamic.get(key) ?? [])];
      if (lines.length === 0 && stale.length === 0) continue;
      console.log(`${key} (types/${area}.ts):`);
      if (lines.length > 0) console.log(' missing:\n' + lines.join('\n'));
      if (stale.length > 0) console.log(` declared but not found (check by hand): ${stale.join(', ')}`);
      if (dynamic.length > 0)
        console.log(` dynamic reasons read by hand:\n${dynamic.map((d) => '   ' + d).join('\n')}`);
    }
  }
  // Refusals made anywhere (timer jobs, the handler, helpers) that no action of the area declares.
  const registry = actions as unknown as Record<string, Record<string, ActionSpec>>;
  const fixed: Record<string, string> = { ...commonRefusals, ...functionRefusals };
  for (const [key, byReason] of [...found.reasons].sort()) {
    if (!key.endsWith('.*')) continue;
    const area = key.slice(0, -2);
    const specs =
      area === '_shared'
        ? Object.values(registry).flatMap((s) => Object.values(s))
        : Object.values(registry[area] ?? {});
    for (const [reason, codes] of byReason) {
      for (const code of codes) {
        if (fixed[reason] === code || specs.some((spec) => declaredCode(spec, reason) === code)) continue;
        missing++;
        const where =
          area === '_shared'
            ? 'functionRefusals or commonRefusals in types/actions.ts'
            : `an action of types/${area}.ts`;
        console.log(
          `${area}: '${reason}': '${code}' is made in cloudfunctions/${area} but declared nowhere (${where})`,
        );
      }
    }
  }
  console.log(missing === 0 ? 'every refusal found is declared' : `${missing} refusal(s) not declared`);
  if (missing > 0) process.exitCode = 1;
}

if (require.main === module) main();
