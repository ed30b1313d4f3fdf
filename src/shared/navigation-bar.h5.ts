/**
 * H5 only (Taro compiles this file into the h5 build alone): Taro's router draws the bar
 * (`window.navigationStyle: 'default'` in app.config.ts): each page's navigationBarTitleText,
 * and on a sub-page a back button, or — when the page was opened directly by its address, with
 * nothing to go back to — a home button that relaunches 首页. This names those buttons (返回 /
 * 首页, for screen readers and as visible words next to the icon), lets a keyboard press them,
 * and gives them a tap target an older person can hit (navigation-bar.scss).
 */
import './navigation-bar.scss';

const BUTTONS: Array<[className: string, label: string]> = [
  ['taro-navigation-bar-back', '返回'],
  ['taro-navigation-bar-home', '回到首页'],
];

function label(bar: HTMLElement): void {
  for (const [className, name] of BUTTONS) {
    const button = bar.getElementsByClassName(className)[0];
    if (!(button instanceof HTMLElement) || button.getAttribute('role') === 'button') continue;
    button.setAttribute('role', 'button');
    button.setAttribute('aria-label', name);
    button.tabIndex = 0;
    button.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        button.click();
      }
    });
  }
}

/** Names the bar's buttons once Taro has drawn it (it does so as the app mounts). */
export function installNavigationBar(): void {
  let tries = 0;
  const attempt = () => {
    const bar = document.getElementById('taro-navigation-bar');
    if (bar) label(bar);
    else if (tries++ < 50) window.setTimeout(attempt, 100);
  };
  attempt();
}
