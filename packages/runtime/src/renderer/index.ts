// The renderer: turns plugin views and portal pages into Vue components. It knows nothing of
// the shell (router, i18n, Vant); everything from outside arrives through the data source.
export { PortalRenderer } from './PortalRenderer';
export { ViewRenderer, configWithDefaults, findView } from './ViewRenderer';
export { NodeRenderer } from './NodeRenderer';
export { default as NodeChildren } from './NodeChildren';
export { provideDataSource, useDataSource, dataSourceKey } from './context';
export { primitiveComponents, primitiveComponent } from './registry';
export { blockToNode } from './PortalRenderer';
export { resolveValue, textOf, readPath, isBinding } from './bindings';
export { renderMarkdown, safeHref } from './markdown';
export { rendererMessages } from './messages';
export { iconGlyph, iconGlyphs } from './icons';
export { Announcer, announce, announcement } from './announcer';
export { hasRole, canRunAction, nodeVisible } from './use-renderer';
export type { InstalledPlugin } from './installed';
export type { RenderScope, PluginScope } from './scope';
export type * from './data-source';
export { LOCALES } from './data-source';
export { failureText } from './failure';
export { formatValue } from './format';
export {
  createFixtureSource,
  type FixtureData,
  type FixtureSource,
  type FixtureSourceOptions,
} from './fixture-source';
