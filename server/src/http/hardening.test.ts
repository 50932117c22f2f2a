import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '../testing/control-plane';
import { matrixWorld, type Role } from '../testing/matrix-fixture';
import { useTestDatabase } from '../testing/database';
import { startTestServer, type TestServer } from '../testing/server';

const db = useTestDatabase('hardening');
let t: TestServer;
let as: Record<Role, string | undefined>;
let ticketId: string;
const plugin = '/api/v1/communities/own-c/plugins/acme.repairs';

beforeAll(async () => {
  t = await startTestServer(db.connection());
  as = await matrixWorld(t);
  const made = await t.call('POST', `${plugin}/actions/report`, {
    as: as.resident,
    body: { input: { title: '水管漏水', phone: '13812345678' } },
  });
  expect(made.status).toBe(201);
  ticketId = made.json.record.id;
});
afterAll(() => t.close());

const invitationCount = () => t.services.models.Invitation.countDocuments();

describe('cross-site writes with the session cookie', () => {
  it('refuses a cross-origin form post, also on routes without a body, and changes nothing', async () => {
    const made = await t.call('POST', '/api/v1/communities/own-c/invitations', {
      as: as.operator,
      body: { maxUses: 3 },
    });
    expect(made.status).toBe(201);
    const before = await invitationCount();
    const regenerate = `/api/v1/communities/own-c/invitations/${made.json.id}/regenerate`;
    const crossSite: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'http://sub.127.0.0.1.example' },
      { origin: 'null' },
    ];
    for (const headers of crossSite) {
      const res = await t.call('POST', regenerate, { as: as.operator, headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.json.error.code).toBe('cross_site_request');
    }
    const upload = await t.call('POST', '/api/v1/communities/own-c/uploads', {
      as: as.resident,
      raw: 'x',
      headers: { 'content-type': 'image/png', origin: 'https://evil.example' },
    });
    expect(upload.status).toBe(403);
    const login = await t.call('POST', '/api/v1/auth/login', {
      body: { username: 'm-resident', password: 'whatever-it-is' },
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(login.status).toBe(403);
    expect(await invitationCount()).toBe(before);
    const list = await t.call('GET', '/api/v1/communities/own-c/invitations', { as: as.operator });
    expect(list.json.items.find((i: { id: string }) => i.id === made.json.id).revoked).toBe(false);
  });

  it('lets same-origin browsers, non-browser clients and bearer tokens write', async () => {
    const made = await t.call('POST', '/api/v1/communities/own-c/invitations', {
      as: as.operator,
      body: {},
    });
    const id = made.json.id as string;
    const sameOrigin = await t.call(
      'POST',
      `/api/v1/communities/own-c/invitations/${id}/regenerate`,
      { as: as.operator, headers: { origin: t.base, 'sec-fetch-site': 'same-origin' } },
    );
    expect(sameOrigin.status).toBe(201);
    const originOnly = await t.call(
      'POST',
      `/api/v1/communities/own-c/invitations/${sameOrigin.json.id}/regenerate`,
      { as: as.operator, headers: { origin: t.base } },
    );
    expect(originOnly.status).toBe(201);

    const token = await t.call('POST', '/api/v1/auth/tokens', {
      as: as.vendor,
      body: { name: 'ci', scopes: ['plugins:publish'] },
    });
    expect(token.status).toBe(201);
    const published = await t.call('POST', '/api/v1/plugins', {
      as: `Bearer ${token.json.token}`,
      body: manifest('acme.from-ci'),
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(published.status).toBe(201);
  });
});

describe('text that is not text', () => {
  const report = (raw: string | Buffer) =>
    fetch(`${t.base}${plugin}/actions/report`, {
      method: 'POST',
      headers: { cookie: `scene_session=${as.resident}`, 'content-type': 'application/json' },
      body: raw,
    });
  const count = () => db.connection().db!.collection('rec.acme.repairs.tickets').countDocuments();

  it('refuses invalid UTF-8, lone surrogates and NUL in bodies and stores nothing', async () => {
    const before = await count();
    const bodies: (string | Buffer)[] = [
      '{"input":{"title":"a\\u0000b","phone":"13812345678"}}',
      '{"input":{"title":"half \\ud83d pair","phone":"13812345678"}}',
      '{"input":{"title":"\\udc00 low","phone":"13812345678"}}',
      '{"input":{"ti\\u0000tle":"ok ok","phone":"13812345678"}}',
      Buffer.concat([
        Buffer.from('{"input":{"title":"bad '),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('","phone":"13812345678"}}'),
      ]),
    ];
    for (const raw of bodies) {
      const res = await report(raw);
      const json = (await res.json()) as { error: { code: string } };
      expect(res.status, String(raw)).toBe(400);
      expect(json.error.code).toBe('bad_text');
    }
    // A real emoji (a surrogate pair) and Chinese text are fine.
    const ok = await report('{"input":{"title":"漏水 \\ud83d\\udca7","phone":"13812345678"}}');
    expect(ok.status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('refuses them in query strings and path parameters', async () => {
    for (const url of [
      `${plugin}/queries/mine?f.status.eq=%FF`,
      `${plugin}/queries/mine?f.status.eq=a%00b`,
      `${plugin}/queries/mine?f.status.eq=%ED%A0%80`,
      `/api/v1/communities/own-c/members?role=%C0%AF`,
      `${plugin}/records/tickets/${ticketId}%00/unmask`,
    ]) {
      const method = url.endsWith('unmask') ? 'POST' : 'GET';
      const res = await t.call(method, url, {
        as: as.operator,
        ...(method === 'POST' ? { body: {} } : {}),
      });
      expect(res.status, url).toBe(400);
      expect(res.json.error.code, url).toMatch(/^(bad_text|bad_request)$/);
    }
    const fine = await t.call('GET', `/api/v1/communities/own-c/members?role=staff`, {
      as: as.operator,
    });
    expect(fine.status).toBe(200);
  });
});

describe('names that Object.prototype also has', () => {
  const NAMES = [
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'isPrototypeOf',
    'propertyIsEnumerable',
    'toLocaleString',
  ];

  it('answers 404 for such collections, actions and queries, never 500', async () => {
    for (const name of NAMES) {
      const unmask = await t.call('POST', `${plugin}/records/${name}/${ticketId}/unmask`, {
        as: as.operator,
        body: { reason: '核对' },
      });
      expect(unmask.status, `unmask ${name}`).toBe(404);
      const action = await t.call('POST', `${plugin}/actions/${name}`, {
        as: as.resident,
        body: { input: {} },
      });
      expect(action.status, `action ${name}`).toBe(404);
      const query = await t.call('GET', `${plugin}/queries/${name}`, { as: as.resident });
      expect(query.status, `query ${name}`).toBe(404);
      const filter = await t.call('GET', `${plugin}/queries/queue?f.${name}.eq=1`, {
        as: as.operator,
      });
      expect(filter.status, `filter ${name}`).toBe(400);
    }
  });

  it('refuses such names as query parameters of a declared query string', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const res = await t.call('GET', `/api/v1/communities/own-c/members?${name}=x`, {
        as: as.operator,
      });
      expect(res.status, name).toBe(400);
    }
  });
});
