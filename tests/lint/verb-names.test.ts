/**
 * Each action's verb lives in a file named after the action and exports a function of that
 * name: action `fooBar` of area X → `cloudfunctions/X/src/foo-bar.ts` exporting `fooBar`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { kebab, routerFileProblems, routerProblems } from './router-verbs';

const root = join(__dirname, '..', '..');
const areas = readdirSync(join(root, 'cloudfunctions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== '_shared')
  .map((d) => d.name);

describe('verb names', () => {
  it('finds a router for every area', () => {
    expect(areas).toEqual(expect.arrayContaining(['account', 'deliberation', 'wish']));
  });

  it.each(areas)("every action of '%s' is run by a verb named after it, in a file named after it", (area) => {
    expect(routerFileProblems(join(root, 'cloudfunctions', area, 'src', 'index.ts'))).toEqual([]);
  });

  it('turns an action name into its file name', () => {
    expect(kebab('post')).toBe('post');
    expect(kebab('reviewQueue')).toBe('review-queue');
    expect(kebab('exportXlsx')).toBe('export-xlsx');
  });
});

describe('the verb-name check', () => {
  const router = (imports: string, table: string) =>
    `${imports}\nexport const routes = defineRoutes(fooActions, {\n${table}\n});\n`;
  const files: Record<string, string> = {
    'post.ts': 'export async function post() {}',
    'post-wish.ts': 'export async function postWish() {}',
    'held-texts.ts': 'export async function listHeldTexts() {}',
    'review-queue.ts': 'export const reviewQueue = async () => ({});',
  };
  const read = (file: string) => files[file] ?? null;

  it('accepts a router whose verbs follow the rule', () => {
    const source = router(
      "import { post } from './post';\nimport { reviewQueue } from './review-queue';",
      '  post,\n  reviewQueue,',
    );
    expect(routerProblems('foo', source, read)).toEqual([]);
  });

  it('names an action whose verb lives in a file named otherwise', () => {
    const source = router("import { postWish } from './post-wish';", '  post: postWish,');
    expect(routerProblems('foo', source, read)).toEqual([
      "foo.post: the verb lives in 'post-wish.ts', expected 'post.ts'",
      "foo.post: the verb is exported as 'postWish', expected 'post'",
    ]);
  });

  it('names an action whose verb is exported under another name, even when renamed on import', () => {
    const source = router("import { listHeldTexts as heldTexts } from './held-texts';", '  heldTexts,');
    expect(routerProblems('foo', source, read)).toEqual([
      "foo.heldTexts: the verb is exported as 'listHeldTexts', expected 'heldTexts'",
    ]);
  });

  it('names an action whose file does not export the verb', () => {
    const source = router("import { heldTexts } from './held-texts';", '  heldTexts,');
    expect(routerProblems('foo', source, read)).toEqual(["foo.heldTexts: 'held-texts.ts' exports no 'heldTexts'"]);
  });

  it('names an action whose verb is not imported from a file of the area', () => {
    const source = router("import { post } from '../../_shared/post';", '  post,');
    expect(routerProblems('foo', source, read)).toEqual([
      "foo.post: the verb 'post' is not imported from a file of the area",
    ]);
  });

  it('says so when a router has no table', () => {
    expect(routerProblems('foo', 'export const routes = {};', read)).toEqual([
      'foo: the router has no defineRoutes(actions, { … }) table',
    ]);
  });
});
