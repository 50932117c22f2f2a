import { describe, expect, it } from 'vitest';
import { testDatabaseName } from './test-database';

describe('testDatabaseName', () => {
  it('is unique per call and safe as a database name', () => {
    const a = testDatabaseName('server/src/a.test.ts');
    const b = testDatabaseName('server/src/a.test.ts');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^t_[A-Za-z0-9_]+$/);
    expect(a.length).toBeLessThanOrEqual(63);
  });
});
