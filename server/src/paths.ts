import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const defaultStaticDirs = {
  studioDist: join(repoRoot, 'studio', 'dist'),
  runtimeDist: join(repoRoot, 'packages', 'runtime', 'dist'),
};

export const repoPath = (...parts: string[]) => join(repoRoot, ...parts);
