import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const defaultStaticDirs = {
  studioDist: join(repoRoot, 'studio', 'dist'),
  portalDist: join(repoRoot, 'packages', 'portal', 'dist'),
};

/** A path relative to the repository root; absolute paths are kept as they are. */
export const repoPath = (...parts: string[]) => resolve(repoRoot, ...parts);
