/**
 * Every text size in the stylesheets follows the WeChat font size and 长辈模式
 * (docs/adr/0035-elder-mode.md): a `font-size` in src/**\/*.scss goes through `fs()` (or the
 * `text()` mixin, which is `fs()` inside), and only src/styles/_tokens.scss, where `fs()` is
 * defined, may write a raw size. A raw `font-size: 32px` (or rpx, rem, em, pt, a `$variable`, the
 * `font:` shorthand) would stay the same size for a person who asked WeChat for larger text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const TOKENS = 'src/styles/_tokens.scss';

function scssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return scssFiles(full);
    return entry.name.endsWith('.scss') ? [relative(root, full).split('\\').join('/')] : [];
  });
}

/** Comments out, line structure kept (so line numbers stay right). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' ')).replace(/\/\/[^\n]*/g, '');
}

/** Values that need no scaling: they take the parent's (already scaled) size. */
const INHERITED = /^(inherit|initial|unset|revert|100%|1em)$/;

/** The `font-size` / `font` declarations of a stylesheet that do not go through fs(). */
function rawFontSizes(source: string): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  withoutComments(source)
    .split('\n')
    .forEach((text, index) => {
      const declaration = /(?:^|[;{\s])(font-size|font)\s*:\s*([^;]+)/.exec(text);
      if (!declaration) return;
      const value = declaration[2]!.trim();
      if (/\bfs\(/.test(value) || INHERITED.test(value)) return;
      // The `font:` shorthand is fine when it carries no size (e.g. `font: inherit`).
      if (declaration[1] === 'font' && !/\d|\$/.test(value)) return;
      found.push({ line: index + 1, text: text.trim() });
    });
  return found;
}

describe('font sizes in src/**/*.scss go through fs()', () => {
  const files = scssFiles(join(root, 'src'));

  it('finds the stylesheets', () => {
    expect(files).toContain(TOKENS);
    expect(files.length).toBeGreaterThan(20);
  });

  it('has no raw font-size outside the tokens file', () => {
    const raw = files
      .filter((file) => file !== TOKENS)
      .flatMap((file) =>
        rawFontSizes(readFileSync(join(root, file), 'utf8')).map(({ line, text }) => `${file}:${line}  ${text}`),
      );
    expect(raw).toEqual([]);
  });

  it('would catch a raw size in px, rpx, a variable or the shorthand, and lets fs()/text() through', () => {
    const probe = [
      '.a { font-size: 32px; }',
      '.b {',
      '  font-size: 40rpx;',
      '  font-size: $font-size-body;',
      '  font: 600 30px/1.4 sans-serif;',
      '  font-size: fs(32px);',
      '  font-size: min(fs(104px), 150px);',
      '  @include text(30px, $color-text);',
      '  font-size: inherit;',
      '  // font-size: 12px; (a comment)',
      '}',
    ].join('\n');
    expect(rawFontSizes(probe).map((r) => r.line)).toEqual([1, 3, 4, 5]);
  });
});
