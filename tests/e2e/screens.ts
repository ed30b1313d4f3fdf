/**
 * The main screens of the H5 build and how to reach each as a demo persona, plus a measurement
 * of what is on screen (text sizes, line heights, contrast, tap targets). Shared by the 长辈模式
 * browser test (tests/e2e/elder.test.ts) and the screenshot script (scripts/screens.ts).
 */
import type { Page } from 'playwright-core';

const COMMUNITY = 'comm-xingfuli';
const q = `?communityId=${COMMUNITY}`;

export interface Screen {
  /** A short name, also the screenshot's file name. */
  name: string;
  /** The hash path opened first. */
  path: string;
  /** Then the first visible element with this test id is tapped (a list item → its detail). */
  open?: string;
}

/** The tab pages and the main sub-pages (src/app.config.ts), as 王红梅 (社区书记) sees them. */
export const MAIN_SCREENS: Screen[] = [
  { name: 'home', path: '/pages/index/index' },
  { name: 'wish', path: '/pages/wish/index' },
  { name: 'volunteer', path: '/pages/volunteer/index' },
  { name: 'deliberation', path: '/pages/deliberation/index' },
  { name: 'mine', path: '/pages/mine/index' },
  { name: 'wish-detail', path: '/pages/wish/index', open: 'wish-card' },
  { name: 'wish-post', path: '/packages/wish/pages/post/index' },
  { name: 'wish-mine', path: '/packages/wish/pages/mine/index?as=poster' },
  { name: 'volunteer-detail', path: '/pages/volunteer/index', open: 'vol-card' },
  { name: 'volunteer-hours', path: `/packages/volunteer/pages/hours/index${q}` },
  { name: 'deliberation-topic', path: '/pages/deliberation/index', open: 'topic-card' },
  { name: 'deliberation-open', path: '/packages/deliberation/pages/open/index' },
  { name: 'checkin', path: '/packages/checkin/pages/index/index' },
  { name: 'checkin-events', path: `/packages/checkin/pages/events/index${q}` },
  { name: 'checkin-event', path: `/packages/checkin/pages/events/index${q}`, open: 'event-card' },
  { name: 'points', path: `/packages/points/pages/mine/index${q}` },
  { name: 'messages', path: '/packages/messages/pages/index/index' },
  { name: 'bind', path: '/packages/account/pages/bind/index' },
  { name: 'privacy', path: '/packages/account/pages/privacy/index' },
  { name: 'people', path: `/packages/admin/pages/people/index${q}` },
];

/** Opens a screen and waits for it to settle (data loaded, Taro's slide finished). */
export async function openScreen(page: Page, baseUrl: string, screen: Screen): Promise<void> {
  await page.goto(`${baseUrl}/#${screen.path}`);
  await page.waitForLoadState('networkidle');
  if (screen.open) {
    const item = page.getByTestId(screen.open).filter({ visible: true }).first();
    await item.waitFor();
    await item.click();
    await page.waitForLoadState('networkidle');
  }
  await page.waitForTimeout(700);
  // Opening the same hash again keeps the old scroll position: start every screen at its top.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const el of document.querySelectorAll('*')) if (el.scrollTop > 0) el.scrollTop = 0;
  });
}

export interface Measured {
  texts: number;
  targets: number;
  /** The smallest text on screen, px. */
  minFont: number;
  /** Texts under `minFont` px, each `text (size)`. */
  smallText: string[];
  /** Texts whose line height is under 1.3 × their size. */
  tightLines: string[];
  /** Texts whose contrast with what is behind them is under 4.5:1. */
  lowContrast: string[];
  /** Tap targets smaller than `minTarget` px either way, each `label (w×h)`. */
  smallTargets: string[];
  /** The smallest tap-target side on screen, px. */
  minTargetSide: number;
}

/**
 * Measures the page on top (Taro keeps the pages under it mounted but hidden). Text: every
 * visible element with its own text. Tap targets: every visible element with a click handler
 * (React's props on the node), button, input, link, switch or option.
 */
export async function measure(page: Page, minFont: number, minTarget: number): Promise<Measured> {
  // tsx (esbuild, for scripts/screens.ts) wraps named functions in `__name`, which the page lacks.
  await page.evaluate('window.__name = window.__name || ((f) => f)');
  return page.evaluate(
    ({ minFont, minTarget }) => {
      const visible = (el: Element): boolean => {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) return false;
        if (!(el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true })) return false;
        return true;
      };
      const label = (el: Element): string => {
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24) || el.tagName;
        const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
        return cls ? `${text} .${cls}` : text;
      };
      const parse = (color: string): [number, number, number, number] | null => {
        const m = color.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
        return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
      };
      const channel = (v: number): number => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      const luminance = (rgb: number[]): number =>
        0.2126 * channel(rgb[0] ?? 0) + 0.7152 * channel(rgb[1] ?? 0) + 0.0722 * channel(rgb[2] ?? 0);
      const ratio = (a: number[], b: number[]): number => {
        const [la, lb] = [luminance(a), luminance(b)];
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
      };
      /** The colours behind an element: the first opaque background up the tree (a gradient: all its stops). */
      const backgrounds = (el: Element): number[][] => {
        for (let node: Element | null = el; node; node = node.parentElement) {
          const style = getComputedStyle(node);
          const stops = [...style.backgroundImage.matchAll(/rgba?\([^)]+\)/g)].map((m) => parse(m[0])!);
          if (stops.length > 0) return stops.map((s) => s.slice(0, 3));
          const bg = parse(style.backgroundColor);
          if (bg && bg[3] > 0.5) return [bg.slice(0, 3)];
        }
        return [[255, 255, 255]];
      };

      const out = {
        texts: 0,
        targets: 0,
        minFont: Infinity,
        smallText: [] as string[],
        tightLines: [] as string[],
        lowContrast: [] as string[],
        smallTargets: [] as string[],
        minTargetSide: Infinity,
      };
      const all = [...document.querySelectorAll('body *')].filter((el) => !el.closest('script, style, svg, canvas'));
      for (const el of all) {
        const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
        const isField = el.matches('input, textarea');
        if (!(ownText || isField) || !visible(el)) continue;
        const style = getComputedStyle(el);
        const size = parseFloat(style.fontSize);
        out.texts += 1;
        out.minFont = Math.min(out.minFont, size);
        const name = isField ? `${el.tagName} ${(el as HTMLInputElement).placeholder}` : label(el);
        if (size < minFont - 0.01) out.smallText.push(`${name} (${size.toFixed(1)})`);
        if (!isField) {
          const lh = style.lineHeight === 'normal' ? size * 1.2 : parseFloat(style.lineHeight);
          if (lh < size * 1.3 - 0.05) out.tightLines.push(`${name} (${size.toFixed(1)}/${lh.toFixed(1)})`);
          const fg = parse(style.color);
          if (fg) {
            const worst = Math.min(...backgrounds(el).map((bg) => ratio(fg.slice(0, 3), bg)));
            if (worst < 4.5) out.lowContrast.push(`${name} (${worst.toFixed(2)}:1)`);
          }
        }
      }
      const tappable = (el: Element): boolean => {
        if (el.matches('button, input, textarea, a[href], [role=link], [role=button], [role=switch], [role=option]'))
          return true;
        if (
          el.matches(
            'taro-button-core, taro-input-core, taro-textarea-core, taro-switch-core, taro-checkbox-core, taro-radio-core',
          )
        )
          return true;
        const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
        const props = key ? (el as unknown as Record<string, Record<string, unknown>>)[key] : null;
        return typeof props?.onClick === 'function' || typeof props?.onTap === 'function';
      };
      const targets = all.filter((el) => tappable(el) && visible(el));
      for (const el of targets) {
        // A control inside another target (an input in its Taro wrapper) counts once, as the outer one.
        if (el.parentElement && targets.includes(el.parentElement) && el.matches('input, textarea, button')) continue;
        const rect = el.getBoundingClientRect();
        out.targets += 1;
        out.minTargetSide = Math.min(out.minTargetSide, rect.width, rect.height);
        if (rect.width < minTarget - 0.5 || rect.height < minTarget - 0.5) {
          out.smallTargets.push(`${label(el)} (${rect.width.toFixed(0)}×${rect.height.toFixed(0)})`);
        }
      }
      return out;
    },
    { minFont, minTarget },
  );
}
