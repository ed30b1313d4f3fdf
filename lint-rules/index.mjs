/**
 * Local lint rules: the boundaries between the layers (docs/architecture.md, "Rules the linter
 * proves"). Each rule is proved by tests/lint/boundaries.test.ts.
 *
 * - `local/feature-imports`: a feature (`src/features/<f>`) does not import another feature.
 * - `local/area-imports`: a server area (`cloudfunctions/<area>`) imports only its own files,
 *   `cloudfunctions/_shared` and `types/`; `_shared` imports no area.
 * - `local/server-clock`: server code reads the time only from the injected clock (`ctx.now()`),
 *   never `new Date()`, `Date()`, `Date.now()` or `dayjs()` without an argument.
 *
 * Import paths are resolved the way the build resolves them: relative to the file, `@/` to
 * `src/` and `~types/` to `types/`; bare names (packages, `node:` built-ins) are not checked.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The repository-relative, `/`-separated path of a file, or null when outside the repository. */
function fromRoot(absolute) {
  const rel = relative(root, absolute);
  if (rel.startsWith('..') || resolve(root, rel) !== resolve(absolute)) return null;
  return rel.split(sep).join('/');
}

/** Where an import specifier points, repository-relative; null for a package. */
export function resolveImport(specifier, filename) {
  if (specifier.startsWith('.')) return fromRoot(resolve(dirname(filename), specifier));
  if (specifier.startsWith('@/')) return fromRoot(resolve(root, 'src', specifier.slice(2)));
  if (specifier.startsWith('~types/')) return fromRoot(resolve(root, 'types', specifier.slice('~types/'.length)));
  return null;
}

/** Calls `check(node, targetPath)` for every static or dynamic import and re-export of a file. */
function importVisitor(context, check) {
  const filename = context.filename ?? context.getFilename();
  const visit = (node, source) => {
    if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
    const target = resolveImport(source.value, filename);
    if (target !== null) check(source, target);
  };
  return {
    ImportDeclaration: (node) => visit(node, node.source),
    ExportNamedDeclaration: (node) => visit(node, node.source),
    ExportAllDeclaration: (node) => visit(node, node.source),
    ImportExpression: (node) => visit(node, node.source),
    TSImportEqualsDeclaration: (node) =>
      node.moduleReference.type === 'TSExternalModuleReference' && visit(node, node.moduleReference.expression),
  };
}

function fileOf(context) {
  return fromRoot(context.filename ?? context.getFilename());
}

const featureImports = {
  meta: {
    type: 'problem',
    docs: { description: 'A feature does not import another feature.' },
    schema: [],
    messages: {
      otherFeature:
        "The feature '{{own}}' imports the feature '{{other}}': a feature never imports another feature; move what they share to src/shared.",
    },
  },
  create(context) {
    const own = /^src\/features\/([^/]+)\//.exec(fileOf(context) ?? '')?.[1];
    if (!own) return {};
    return importVisitor(context, (node, target) => {
      const other = /^src\/features\/([^/]+)(\/|$)/.exec(target)?.[1];
      if (other && other !== own) context.report({ node, messageId: 'otherFeature', data: { own, other } });
    });
  },
};

const areaImports = {
  meta: {
    type: 'problem',
    docs: { description: 'A server area imports only its own files, _shared and types/; _shared imports no area.' },
    schema: [],
    messages: {
      outsideArea:
        "The area '{{area}}' imports '{{target}}': a server area imports only its own files, cloudfunctions/_shared and types/.",
      sharedImportsArea: "cloudfunctions/_shared imports the area '{{other}}': _shared imports no area.",
    },
  },
  create(context) {
    const area = /^cloudfunctions\/([^/]+)\//.exec(fileOf(context) ?? '')?.[1];
    if (!area) return {};
    return importVisitor(context, (node, target) => {
      if (area === '_shared') {
        const other = /^cloudfunctions\/([^/]+)(\/|$)/.exec(target)?.[1];
        if (other && other !== '_shared') context.report({ node, messageId: 'sharedImportsArea', data: { other } });
        return;
      }
      const allowed = [`cloudfunctions/${area}/`, 'cloudfunctions/_shared/', 'types/'];
      if (!allowed.some((prefix) => target.startsWith(prefix))) {
        context.report({ node, messageId: 'outsideArea', data: { area, target } });
      }
    });
  },
};

const serverClock = {
  meta: {
    type: 'problem',
    docs: { description: 'Server code reads the time only from the injected clock (ctx.now()).' },
    schema: [],
    messages: {
      ambientTime: '{{call}} reads the machine clock: server code reads the time from the injected clock, ctx.now().',
    },
  },
  create(context) {
    const report = (node, call) => context.report({ node, messageId: 'ambientTime', data: { call } });
    const isName = (node, name) => node.type === 'Identifier' && node.name === name;
    return {
      NewExpression(node) {
        if (isName(node.callee, 'Date') && node.arguments.length === 0) report(node, 'new Date()');
      },
      CallExpression(node) {
        const { callee } = node;
        if (isName(callee, 'Date')) report(node, 'Date()');
        else if (isName(callee, 'dayjs') && node.arguments.length === 0) report(node, 'dayjs()');
        else if (
          callee.type === 'MemberExpression' &&
          isName(callee.object, 'Date') &&
          !callee.computed &&
          isName(callee.property, 'now')
        ) {
          report(node, 'Date.now()');
        }
      },
    };
  },
};

export default {
  meta: { name: 'local' },
  rules: { 'feature-imports': featureImports, 'area-imports': areaImports, 'server-clock': serverClock },
};
