// The theme toggle: the system's theme until the visitor picks one, which is remembered.
import type { App } from './app.js';
import { $ } from './dom.js';

const KEY = 'localredis.playground.theme';

export function setupTheme(app: App): void {
  const button = $('theme') as HTMLButtonElement;
  const root = document.documentElement;
  const systemDark = matchMedia('(prefers-color-scheme: dark)');
  const isDark = () => (root.dataset.theme ? root.dataset.theme === 'dark' : systemDark.matches);
  const render = () => {
    const dark = isDark();
    // A toggle button: its name stays, aria-pressed tells the state.
    button.setAttribute('aria-pressed', String(dark));
  };
  button.addEventListener('click', () => {
    const next = isDark() ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Not remembered, still applied.
    }
    render();
    app.dispatchEvent(new Event('theme'));
  });
  systemDark.addEventListener('change', render);
  render();
}
