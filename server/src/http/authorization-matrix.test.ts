import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixWorld, ROLES, type Role } from '../testing/matrix-fixture';
import { useTestDatabase } from '../testing/database';
import { startTestServer, type TestServer } from '../testing/server';

const db = useTestDatabase('authz-matrix');
let t: TestServer;
let sessions: Record<Role, string | undefined>;

beforeAll(async () => {
  t = await startTestServer(db.connection());
  sessions = await matrixWorld(t);
});
afterAll(() => t.close());

/**
 * THE table: who may call each control-plane route. `{c}` is a community: in the community the
 * caller belongs to (operator, staff, resident belong to one), the listed roles pass; in any
 * other community only `admin` does. Passing means any answer but 401/403 (a 400 or 404 from the
 * route's own checks still proves the guard let the caller through); failing means 401 for
 * anonymous and 403 for everyone else. Never a 5xx.
 */
const anyone = 'admin operator staff vendor resident anonymous';
const accounts = 'admin operator staff vendor resident';
const X = '000000000000000000000000'; // an id that exists nowhere
const TABLE: [string, string, string][] = [
  ['POST', '/api/v1/auth/login', anyone],
  ['POST', '/api/v1/auth/logout', anyone],
  ['GET', '/api/v1/auth/me', accounts],
  ['POST', '/api/v1/auth/register', anyone],
  ['POST', '/api/v1/auth/password', accounts],
  ['POST', '/api/v1/me/memberships', accounts],
  ['GET', '/api/v1/auth/tokens', 'admin vendor'],
  ['POST', '/api/v1/auth/tokens', 'admin vendor'],
  ['DELETE', `/api/v1/auth/tokens/${X}`, 'admin vendor'],
  ['GET', '/api/v1/accounts', 'admin'],
  ['POST', '/api/v1/accounts', 'admin'],
  ['PATCH', `/api/v1/accounts/${X}`, 'admin'],
  ['POST', '/api/v1/communities', 'admin'],
  ['GET', '/api/v1/communities', accounts],
  ['GET', '/api/v1/communities/{c}', 'admin operator staff resident'],
  ['PATCH', '/api/v1/communities/{c}', 'admin'],
  ['DELETE', '/api/v1/communities/nowhere', 'admin'],
  ['GET', '/api/v1/communities/{c}/invitations', 'admin operator'],
  ['POST', '/api/v1/communities/{c}/invitations', 'admin operator'],
  ['POST', `/api/v1/communities/{c}/invitations/${X}/regenerate`, 'admin operator'],
  ['DELETE', `/api/v1/communities/{c}/invitations/${X}`, 'admin operator'],
  ['GET', '/api/v1/communities/{c}/members', 'admin operator'],
  ['POST', '/api/v1/communities/{c}/members', 'admin operator'],
  ['PATCH', `/api/v1/communities/{c}/members/${X}`, 'admin operator'],
  ['DELETE', `/api/v1/communities/{c}/members/${X}`, 'admin operator'],
  ['POST', `/api/v1/communities/{c}/members/${X}/password`, 'admin operator'],
  ['GET', '/api/v1/audit', 'admin'],
  ['GET', '/api/v1/communities/{c}/audit', 'admin operator'],
  ['POST', '/api/v1/plugins', 'admin vendor'],
  ['POST', '/api/v1/plugins/validate', 'admin vendor'],
  ['GET', '/api/v1/plugins', accounts],
  ['GET', '/api/v1/plugins/review-queue', 'admin'],
  ['GET', '/api/v1/plugins/acme.repairs', accounts],
  ['GET', '/api/v1/plugins/acme.repairs/latest', accounts],
  ['GET', '/api/v1/plugins/acme.repairs/versions/1.0.0', accounts],
  ['POST', '/api/v1/plugins/acme.repairs/versions/9.9.9/review', 'admin'],
  ['POST', '/api/v1/plugins/acme.repairs/versions/9.9.9/fixtures', 'admin vendor'],
  ['GET', '/api/v1/plugins/acme.repairs/versions/1.0.0/fixtures', accounts],
  ['GET', '/api/v1/communities/{c}/installations', 'admin operator staff'],
  ['POST', '/api/v1/communities/{c}/installations', 'admin operator'],
  ['GET', '/api/v1/communities/{c}/installations/acme.repairs', 'admin operator staff'],
  ['PATCH', '/api/v1/communities/{c}/installations/acme.repairs', 'admin operator'],
  ['GET', '/api/v1/communities/{c}/installations/acme.repairs/upgrade-report', 'admin operator'],
  ['POST', '/api/v1/communities/{c}/installations/acme.repairs/upgrade', 'admin operator'],
  ['DELETE', '/api/v1/communities/{c}/installations/nobody.nothing', 'admin operator'],
  ['PUT', '/api/v1/communities/{c}/installations/acme.repairs/schedules/nope', 'admin operator'],
  ['GET', '/api/v1/communities/{c}/schedule-runs', 'admin operator'],
  ['GET', '/api/v1/communities/{c}/portal/draft', 'admin operator'],
  ['PUT', '/api/v1/communities/{c}/portal/draft', 'admin operator'],
  ['POST', '/api/v1/communities/{c}/portal/validate', 'admin operator'],
  ['POST', '/api/v1/communities/{c}/portal/publish', 'admin operator'],
  ['GET', '/api/v1/communities/{c}/portal/versions', 'admin operator'],
  ['GET', '/api/v1/communities/{c}/portal/versions/1', 'admin operator'],
  ['GET', '/api/v1/communities/{c}/portal/diff', 'admin operator'],
  ['POST', '/api/v1/communities/{c}/portal/rollback', 'admin operator'],
  ['GET', '/api/v1/runtime/{c}', anyone],
  ['GET', `/api/v1/runtime/plugins/nobody.nothing/1.0.0/${'0'.repeat(32)}`, anyone],
  ['GET', `/api/v1/runtime/plugins?set=nobody.nothing:1.0.0:${'0'.repeat(32)}`, anyone],
  // Supervisors (not a role of this table) are walked in control/regions/regions.test.ts.
  ['POST', '/api/v1/regions', 'admin'],
  ['GET', '/api/v1/regions', 'admin'],
  ['GET', '/api/v1/regions/nowhere/overview', 'admin'],
  ['PATCH', '/api/v1/regions/nowhere', 'admin'],
  ['DELETE', '/api/v1/regions/nowhere', 'admin'],
  ['PUT', '/api/v1/regions/nowhere/communities/{c}', 'admin'],
  ['GET', '/api/v1/regions/nowhere/supervisors', 'admin'],
  ['PUT', `/api/v1/regions/nowhere/supervisors/${X}`, 'admin'],
  ['DELETE', `/api/v1/regions/nowhere/supervisors/${X}`, 'admin'],
  ['GET', '/api/v1/openapi.json', anyone],
];
const CONTROL_PLANE_TAGS = new Set([
  'auth',
  'accounts',
  'communities',
  'members',
  'audit',
  'registry',
  'installations',
  'portal',
  'runtime',
  'regions',
  'meta',
]);

describe('authorization matrix', () => {
  it('covers every control-plane route in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json')).json;
    const documented: string[] = [];
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { tags: string[] }>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        if (op.tags.some((tag) => CONTROL_PLANE_TAGS.has(tag)))
          documented.push(`${method.toUpperCase()} ${path}`);
      }
    }
    const toTemplate = (p: string) =>
      p
        .replace(/\?.*$/, '')
        .replace('{c}', '{communityId}')
        .replace(/\/[0-9a-f]{24}(?=\/|$)/g, '/{id}')
        .replace(/regions\/nowhere/, 'regions/{regionId}')
        .replace('nowhere', '{communityId}')
        .replace(/acme\.repairs|nobody\.nothing/, '{pluginId}')
        .replace(/\/versions\/(1\.0\.0|9\.9\.9)/, '/versions/{version}')
        .replace(/\/1\.0\.0\/0{32}$/, '/{version}/{hash}')
        .replace('/versions/1', '/versions/{version}')
        .replace('/schedules/nope', '/schedules/{scheduleId}');
    const covered = new Set(TABLE.map(([m, p]) => `${m} ${toTemplate(p)}`));
    const norm = (s: string) => s.replace(/\{(tokenId|accountId|invitationId)\}/g, '{id}');
    expect(documented.map(norm).filter((r) => !covered.has(r))).toEqual([]);
  });

  for (const [method, path, allowedList] of TABLE) {
    const allowed = new Set(allowedList.split(' '));
    const places = path.includes('{c}') ? (['own', 'other'] as const) : (['-'] as const);
    for (const place of places) {
      it(`${method} ${path} ${place === '-' ? '' : `(${place} community)`}`, async () => {
        const url = path.replace('{c}', place === 'other' ? 'other-c' : 'own-c');
        for (const role of ROLES) {
          const expectPass =
            allowed.has(role) && (place !== 'other' || role === 'admin' || allowedList === anyone);
          // Logging out would end the shared sessions; it is open to anyone, so call it bare.
          const as = path.endsWith('/logout') ? undefined : sessions[role];
          const res = await t.call(method, url, {
            ...(as ? { as } : {}),
            ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }),
          });
          const label = `${role} → ${res.status} ${res.text.slice(0, 120)}`;
          expect(res.status, label).toBeLessThan(500);
          if (expectPass) expect([401, 403], label).not.toContain(res.status);
          else expect(res.status, label).toBe(role === 'anonymous' ? 401 : 403);
        }
      });
    }
  }
});
