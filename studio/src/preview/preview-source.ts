import { widgets } from '@scene/forms/element-plus';
import { provideDataSource, provideFormWidgets, type DataSource } from '@scene/renderer';

/**
 * Makes a preview's data (example or the community's) the source of the renderer below the
 * caller, with the studio's own form widgets (Element Plus): the studio never loads the portal's
 * Vant.
 */
export function providePreviewSource(source: DataSource): void {
  provideDataSource(source);
  provideFormWidgets(async () => widgets);
}
