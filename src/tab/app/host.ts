/// <reference lib="dom" />
// Where the tab runs: inside Teams (desktop and web frame it, mobile gives it a
// native interface) or in a plain browser. Inside Teams the theme and the locale
// come from teams-js; in a browser from `?theme=` / `?lang=`, else from the
// browser's own preferences, so the page also works opened directly.
import { app } from '@microsoft/teams-js';

export type Theme = 'default' | 'dark' | 'contrast';
type Lang = 'da' | 'en';

export interface Host {
  readonly inTeams: boolean;
  readonly lang: Lang;
  readonly theme: Theme;
  /** Calls back whenever the theme changes (Teams' theme handler or the browser's colour scheme). */
  onThemeChange(handler: (theme: Theme) => void): void;
  /** Tells Teams the tab has rendered; nothing in a browser. */
  loaded(): void;
}

/** Long enough for a slow Teams client; a page framed by something else falls back after it. */
const TEAMS_TIMEOUT_MS = 5000;

export async function detectHost(win: Window = window): Promise<Host> {
  const query = new URLSearchParams(win.location.search);
  const framed = win.self !== win.top || (win as unknown as { nativeInterface?: unknown }).nativeInterface !== undefined;
  if (framed) {
    try {
      return await teamsHost();
    } catch (err) {
      console.info('sikker-by tab: not inside Teams, using the browser settings', err);
    }
  }
  return browserHost(win, query);
}

async function teamsHost(): Promise<Host> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`teams-js did not initialise within ${TEAMS_TIMEOUT_MS} ms`)), TEAMS_TIMEOUT_MS);
  });
  try {
    await Promise.race([app.initialize(), timeout]);
  } finally {
    clearTimeout(timer);
  }
  const context = await app.getContext();
  return {
    inTeams: true,
    lang: langOf(context.app.locale),
    theme: themeOf(context.app.theme),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(themeOf(theme))),
    loaded: () => {
      app.notifySuccess().catch((err: unknown) => console.warn('sikker-by tab: notifySuccess failed', err));
    },
  };
}

function browserHost(win: Window, query: URLSearchParams): Host {
  const asked = query.get('theme');
  const dark = win.matchMedia('(prefers-color-scheme: dark)');
  const contrast = win.matchMedia('(forced-colors: active), (prefers-contrast: more)');
  const preferred = (): Theme => (contrast.matches ? 'contrast' : dark.matches ? 'dark' : 'default');
  return {
    inTeams: false,
    lang: langOf(query.get('lang') ?? win.navigator.language),
    theme: asked ? themeOf(asked) : preferred(),
    onThemeChange: (handler) => {
      // An explicit ?theme= wins over the browser's preference.
      if (asked) return;
      const changed = () => handler(preferred());
      dark.addEventListener('change', changed);
      contrast.addEventListener('change', changed);
    },
    loaded: () => undefined,
  };
}

/** Teams' themes are default, dark, contrast and glass; anything else reads as the default. */
function themeOf(name: string): Theme {
  return name === 'dark' || name === 'contrast' ? name : 'default';
}

/** English for an English locale ("en-us", "en-GB"), Danish otherwise. */
function langOf(locale: string): Lang {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'da';
}
