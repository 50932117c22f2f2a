import type { LocalizedText } from '../manifest/types';
import type { IconName } from '../manifest/vocabulary';
import type { JsonValue } from '../subset/types';

/** One community's resident portal. Published copies are immutable and numbered by the server. */
export interface Portal {
  portalVersion: 1;
  theme: Theme;
  /** 2–5 entries in the bottom tab bar, each opening a page. */
  tabs: Tab[];
  pages: Page[];
}

export interface Theme {
  /** `#rrggbb` */
  primaryColor: string;
  accentColor?: string;
  /** An upload id (`upload:<id>`) or an https URL. */
  logo?: string;
  /** Elder-friendly mode enlarges text everywhere. */
  fontScale?: 'normal' | 'large';
  /** Community culture shown on the home page. */
  culture?: { title: LocalizedText; text: LocalizedText };
}

export interface Tab {
  id: string;
  title: LocalizedText;
  icon: IconName;
  page: string;
}

export interface Page {
  id: string;
  title: LocalizedText;
  /**
   * Anonymous visitors may open it. They get the blocks whose views open to everyone (`public`);
   * members also the blocks opened to their roles.
   */
  public?: boolean;
  blocks: Block[];
}

/** Places one plugin's `slot: block` view, with optional per-block config overrides. */
export interface PluginBlock {
  id: string;
  kind: 'plugin';
  plugin: string;
  view: string;
  config?: Record<string, JsonValue>;
}

/** A layout or content primitive placed directly (stack, grid, card, heading, banner, ...). */
export interface PrimitiveBlock {
  id: string;
  kind: 'primitive';
  type: string;
  /** Checked against the primitive's props schema (`primitiveCatalog[type].props`), not by TS. */
  props?: Record<string, unknown>;
  children?: Block[];
}

export type Block = PluginBlock | PrimitiveBlock;
