import type { WidgetMap } from '@scene/forms';
import { trackLoad } from '@scene/forms/busy';
import {
  inject,
  provide,
  ref,
  shallowRef,
  type InjectionKey,
  type Ref,
  type ShallowRef,
} from 'vue';
import type { DataSource } from './data-source';

const dataSourceKey: InjectionKey<DataSource> = Symbol('scene.dataSource');

/** Makes `source` the data source of every renderer component below the caller. */
export function provideDataSource(source: DataSource): void {
  provide(dataSourceKey, source);
}

export function useDataSource(): DataSource {
  const source = inject(dataSourceKey, null);
  if (!source) throw new Error('The renderer needs a data source: call provideDataSource().');
  return source;
}

export { dataSourceKey };

/**
 * Loads the widgets the form primitives draw their fields with. The app chooses them (the portal
 * Vant, the studio Element Plus), so the renderer bundles neither UI library, and loads them on a
 * page's first form, so pages without forms never download them.
 */
export type FormWidgetsLoader = () => Promise<WidgetMap>;

const formWidgetsKey: InjectionKey<FormWidgetsLoader> = Symbol('scene.formWidgets');
const loaded = new WeakMap<FormWidgetsLoader, Promise<WidgetMap>>();

/** Makes `load` the source of form widgets for every renderer component below the caller. */
export function provideFormWidgets(load: FormWidgetsLoader): void {
  provide(formWidgetsKey, load);
}

/** The app's form widgets, once loaded (each loader runs once). */
export function useFormWidgets(): ShallowRef<WidgetMap | undefined> {
  const load = inject(formWidgetsKey, null);
  if (!load) throw new Error('The renderer needs form widgets: call provideFormWidgets().');
  let pending = loaded.get(load);
  // Counted while on its way: the page's forms are drawn only once their widgets are here.
  if (!pending) loaded.set(load, (pending = trackLoad(load())));
  const widgets = shallowRef<WidgetMap>();
  void pending.then((w) => (widgets.value = w));
  return widgets;
}

/**
 * Whom a page's forms act for ('' for oneself): one choice per view, so the figures beside a
 * form (hours left, a pause) are the chosen family member's. Read in acting-for.ts (lazy).
 */
export const actingForKey: InjectionKey<Ref<string>> = Symbol('scene.actingFor');

export function provideActingFor(): void {
  provide(actingForKey, ref(''));
}
