import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, clientTypes } from './client-types';
import { contractDocument } from './document';

describe('the API contract', () => {
  it('is built without a database and names its shared schemas once', () => {
    const doc = contractDocument() as {
      components: { schemas: Record<string, unknown> };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'Community', 'Installation', 'PluginVersion', 'AuditEntry']),
    );
    const logout = doc.paths['/api/v1/auth/logout']!.post!.responses;
    // Every route that touches the database may answer 503 when it is down, every write 403 when
    // sent from another site; the doc route does neither.
    expect(Object.keys(logout)).toEqual(['204', '403', '503']);
    const login = doc.paths['/api/v1/auth/login']!.post!.responses;
    expect(Object.keys(login).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '413',
      '415',
      '429',
      '503',
    ]);
    expect(Object.keys(doc.paths['/api/v1/openapi.json']!.get!.responses)).toEqual(['200']);
    expect(JSON.stringify(doc.paths)).toContain('"$ref":"#/components/schemas/Community"');
  });

  it('matches the client types committed in packages/client (run `pnpm gen:api` after a change)', async () => {
    const fresh = await clientTypes(contractDocument());
    const committed = await readFile(CLIENT_TYPES_FILE, 'utf8').catch(() => '');
    expect(committed === fresh, 'packages/client/src/generated/openapi.ts is stale').toBe(true);
  });
});
