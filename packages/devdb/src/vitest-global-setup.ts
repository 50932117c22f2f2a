import type { TestProject } from 'vitest/node';
import { startDatabase } from './launcher';
import type {} from './testing';

/** One database server per test run; each test file then uses a database of its own on it. */
export default async function setup(project: TestProject) {
  const server = await startDatabase({ log: (l) => console.log(`[db] ${l}`) });
  project.provide('mongoUri', server.uri);
  return () => server.stop();
}
