import type { Theme } from '@scene/schema';
import { darkenUntil } from './contrast';

/**
 * CSS variables for a community theme. The operator's colour is kept where it passes, and
 * darkened where it would not reach the contrast needed: 4.5:1 (AA) normally, 7:1 (AAA) in
 * elder mode, both for white text on it and for it as text on white.
 */
export function themeVariables(theme: Theme | undefined, elder: boolean): Record<string, string> {
  const primary = theme?.primaryColor ?? '#1f5fbf';
  const ratio = elder ? 7 : 4.5;
  const strong = darkenUntil(primary, ratio);
  const vars: Record<string, string> = {
    '--sp-primary': strong,
    '--sp-on-primary': '#ffffff',
    '--sp-primary-text': strong,
    '--sp-info': strong,
    '--sp-brand': primary,
  };
  if (elder) {
    Object.assign(vars, {
      '--sp-font': '20px',
      '--sp-tap': '48px',
      '--sp-text': '#000000',
      '--sp-muted': '#2b2b2b',
      '--sp-border': '#6b6b6b',
      '--sp-bg': '#ffffff',
      '--sp-danger': '#8a1c12',
      '--sp-success': '#0f4d26',
      '--sp-warning': '#5c3400',
    });
  }
  return vars;
}

export function applyTheme(root: HTMLElement, theme: Theme | undefined, elder: boolean): void {
  for (const [k, v] of Object.entries(themeVariables(theme, elder))) root.style.setProperty(k, v);
  if (!elder)
    for (const k of [
      '--sp-font',
      '--sp-tap',
      '--sp-text',
      '--sp-muted',
      '--sp-border',
      '--sp-bg',
      '--sp-danger',
      '--sp-success',
      '--sp-warning',
    ])
      root.style.removeProperty(k);
  root.classList.toggle('sp-elder', elder);
  // @scene/forms enlarges its Vant widgets under this class.
  root.classList.toggle('elder-mode', elder);
}
