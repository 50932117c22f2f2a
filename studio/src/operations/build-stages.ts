import type { BuildStage } from '@scene/client';

/** The build stages in their order (规划 → 建设 → 验收 → 运营), as the API names them. */
export const BUILD_STAGES: readonly BuildStage[] = [
  'planning',
  'building',
  'acceptance',
  'operating',
];
