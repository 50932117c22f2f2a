// Public surface of @scene/renderer: turns plugin views and portal pages into Vue components (the
// resident portal and the studio's previews use it). It knows nothing of an app (router, i18n,
// widget library); everything from outside arrives through the data source. Its stylesheet is
// `@scene/renderer/renderer.css`.
export { PortalRenderer } from './PortalRenderer';
export { ViewRenderer, configWithDefaults, findView } from './ViewRenderer';
export { NodeRenderer } from './NodeRenderer';
export { default as NodeChildren } from './NodeChildren';
export {
  provideDataSource,
  useDataSource,
  dataSourceKey,
  provideFormWidgets,
  type FormWidgetsLoader,
} from './context';
export { loadCommonPrimitives, primitiveComponents, primitiveComponent } from './registry';
export { blockToNode } from './PortalRenderer';
export { resolveValue, textOf, readPath, isBinding } from './bindings';
export { renderMarkdown, safeHref } from './markdown';
export { rendererMessages } from './messages';
export { default as SpIcon } from './icons/SpIcon.vue';
// The server draws icons into its first page, so it (and the page hydrating it) loads them first.
export { loadIcons } from './icons/load';
export { isIconKey, SHELL_ICONS, type IconKey, type ShellIconName } from './icons/names';
export { Announcer, announce, announcement } from './announcer';
export { canRunAction, nodeVisible, rolesFor } from './use-renderer';
export type { InstalledPlugin } from './installed';
export type { RenderScope, PluginScope } from './scope';
export type * from './data-source';
export { LOCALES } from './data-source';
export { failureText } from './failure';
export { formatValue } from './format';
export {
  createFixtureSource,
  fixtureDataFor,
  type FixtureData,
  type FixtureSource,
  type FixtureSourceOptions,
} from './fixture-source';
