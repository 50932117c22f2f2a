import { widgets } from '@scene/forms/element-plus';
import { provideDataSource, provideFormWidgets, type FixtureSource } from '@scene/renderer';

/**
 * Makes example data the source of the renderer below the caller, with the studio's own form
 * widgets (Element Plus): the studio never loads the portal's Vant.
 */
export function providePreviewSource(source: FixtureSource): void {
  provideDataSource(source);
  provideFormWidgets(async () => widgets);
}
