import { inject, provide, type InjectionKey } from 'vue';
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
