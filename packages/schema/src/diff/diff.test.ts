import { describe, expect, it } from 'vitest';
import { exampleManifest } from '../manifest/example';
import type { PluginManifest } from '../manifest/types';
import { validateManifest } from '../manifest/validate';
import { diffPlugins } from './diff';
import { checkUpgrade, upgradeRefusal, VERSION_CHANGE_TEXT, versionChange } from './gate';

const v1 = () => exampleManifest();
const bump = (m: PluginManifest, version: string) => ({ ...m, version });
const props = (m: PluginManifest) => m.collections.tickets!.schema.properties!;

describe('diffPlugins', () => {
  it('finds nothing between identical versions', () => {
    expect(diffPlugins(v1(), v1()).changes).toEqual([]);
  });

  it('names what a version changes in what the plugin does and shows, at patch level', () => {
    const next = bump(v1(), '1.0.1');
    next.queries.all = { ...next.queries.mine!, where: undefined };
    next.queries.queue!.pageSize = { default: 10, max: 50 };
    next.actions.accept = { ...next.actions.accept!, points: undefined };
    next.schedules = {
      remind: {
        label: { 'zh-CN': '提醒', en: 'Remind' },
        at: { time: '09:00' },
        collection: 'tickets',
        notify: { to: [{ role: 'technician' }], title: { 'zh-CN': '待办', en: 'To do' } },
      },
    } as unknown as PluginManifest['schedules'];
    next.views[0] = { ...next.views[0]!, title: { 'zh-CN': '报修', en: 'Repairs' } };
    // Keys in another order are the same manifest.
    next.queries.mine = Object.fromEntries(
      Object.entries(next.queries.mine!).reverse(),
    ) as PluginManifest['queries'][string];
    const d = diffPlugins(v1(), next);
    expect(d.changes.map((c) => [c.pointer, c.kind])).toEqual(
      expect.arrayContaining([
        ['/queries/all', 'behaviour'],
        ['/queries/queue', 'behaviour'],
        ['/schedules/remind', 'behaviour'],
        ['/views/0', 'annotation'],
      ]),
    );
    expect(d.changes.some((c) => c.pointer === '/queries/mine')).toBe(false);
    expect(d.changes.find((c) => c.pointer === '/schedules/remind')?.message.en).toBe(
      'Schedule "remind" added.',
    );
    expect(d.breaking).toBe(false);
    // Records written before stay valid: a patch version is enough, and none is refused.
    const check = checkUpgrade(v1(), next);
    expect(check.requiredBump).toBe('patch');
    expect(check.allowed).toBe(true);
    expect(checkUpgrade(v1(), { ...next, version: '1.0.0' }).allowed).toBe(false);
  });

  it('classifies an optional field as compatible and a removed field as breaking', () => {
    const next = v1();
    props(next).note = { type: 'string', maxLength: 200 };
    delete props(next).rating;
    const d = diffPlugins(v1(), next);
    expect(
      d.changes.find((c) => c.pointer === '/collections/tickets/schema/properties/note'),
    ).toMatchObject({ kind: 'added', breaking: false });
    expect(
      d.changes.find((c) => c.pointer === '/collections/tickets/schema/properties/rating'),
    ).toMatchObject({ kind: 'removed', breaking: true });
    expect(d.breaking).toBe(true);
    expect(d.changedCollections).toEqual(['tickets']);
  });

  it('tightened bounds, removed enum values and new required fields are breaking; loosening is not', () => {
    const next = v1();
    props(next).title!.maxLength = 40;
    props(next).category!.maxLength = 200;
    props(next).status!.enum = ['submitted', 'accepted', 'done', 'cancelled'];
    next.config.required = ['title', 'ratingPoints'];
    const d = diffPlugins(v1(), next);
    const at = (p: string) => d.changes.find((c) => c.pointer === p);
    expect(at('/collections/tickets/schema/properties/title/maxLength')?.breaking).toBe(true);
    expect(at('/collections/tickets/schema/properties/category/maxLength')?.breaking).toBe(false);
    expect(at('/collections/tickets/schema/properties/status')).toMatchObject({
      kind: 'enum',
      breaking: false,
    });
    expect(at('/config/required')).toMatchObject({ kind: 'required', breaking: true });
  });

  it('reports action input changes and removed views', () => {
    const next = v1();
    next.actions.report!.input!.properties!.phone!.type = 'integer';
    next.views = next.views.filter((v) => v.id !== 'queue');
    const d = diffPlugins(v1(), next);
    expect(d.changes).toContainEqual(
      expect.objectContaining({ area: 'action', name: 'report', kind: 'type', breaking: true }),
    );
    expect(d.changes).toContainEqual(
      expect.objectContaining({ area: 'view', name: 'queue', kind: 'removed', breaking: true }),
    );
  });

  it('display-only changes are annotations', () => {
    const next = v1();
    props(next).title!.title = { 'zh-CN': '标题', en: 'Headline' };
    const d = diffPlugins(v1(), next);
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]).toMatchObject({ kind: 'annotation', breaking: false });
  });
});

describe('checkUpgrade', () => {
  it('accepts a compatible change with a minor bump', () => {
    const next = bump(v1(), '1.1.0');
    props(next).note = { type: 'string', maxLength: 200 };
    const r = checkUpgrade(v1(), next);
    expect(r).toMatchObject({ allowed: true, requiredBump: 'minor', actualBump: 'minor' });
  });

  it('rejects a compatible change with only a patch bump', () => {
    const next = bump(v1(), '1.0.1');
    props(next).note = { type: 'string', maxLength: 200 };
    const r = checkUpgrade(v1(), next);
    expect(r.allowed).toBe(false);
    expect(r.issues[0]).toMatchObject({ pointer: '/version', code: 'upgrade.bump' });
  });

  it('a breaking change needs major + schemaVersion + a migration chain', () => {
    const next = bump(v1(), '2.0.0');
    delete props(next).rating;
    expect(checkUpgrade(v1(), next).issues.map((i) => i.code)).toEqual(['upgrade.schemaVersion']);
    next.collections.tickets!.schemaVersion = 2;
    expect(checkUpgrade(v1(), next).issues.map((i) => i.code)).toEqual(['migration.missing']);
    next.migrations = [
      { collection: 'tickets', from: 1, to: 2, steps: [{ op: 'remove', field: 'rating' }] },
    ];
    const r = checkUpgrade(v1(), next);
    expect(r).toMatchObject({
      allowed: true,
      requiredBump: 'major',
      actualBump: 'major',
      issues: [],
    });
  });

  it('rejects same or lower versions and id changes', () => {
    expect(checkUpgrade(v1(), v1()).issues.map((i) => i.code)).toEqual(['upgrade.version']);
    expect(checkUpgrade(v1(), bump(v1(), '0.9.0')).allowed).toBe(false);
    const other = { ...bump(v1(), '1.0.1'), id: 'acme.other' };
    expect(checkUpgrade(v1(), other).issues.map((i) => i.code)).toContain('upgrade.id');
  });

  it('is wired into validateManifest through `previous`', () => {
    const next = bump(v1(), '1.0.1');
    props(next).title!.maxLength = 40;
    next.actions.report!.input!.properties!.title!.maxLength = 40;
    expect(validateManifest(next).ok).toBe(true);
    expect(validateManifest(next, { previous: v1() }).errors.map((e) => e.pointer)).toEqual([
      '/collections/tickets/schemaVersion',
      '/version',
    ]);
  });
});

describe('versionChange', () => {
  it('names the kind of a version change, the same for the gate, the CLI and the studio', () => {
    expect(versionChange('1.0.0', '1.0.1')).toBe('patch');
    expect(versionChange('1.0.0', '1.2.0')).toBe('minor');
    expect(versionChange('1.4.2', '2.0.0')).toBe('major');
    expect(versionChange('1.0.0', '1.0.1-rc.1')).toBe('patch');
    expect(versionChange('2.0.0-rc.1', '2.0.0')).toBe('prerelease');
    expect(versionChange('1.0.1', '1.0.0')).toBe('downgrade');
    expect(versionChange('1.0.0', '1.0.0')).toBe('downgrade');
    expect(versionChange('1.0', '1.0.1')).toBe('downgrade');
    // A patch release with nothing in the diff: the kind is still "patch", the need is "none".
    const next = bump(v1(), '1.0.1');
    expect(checkUpgrade(v1(), next)).toMatchObject({ requiredBump: 'none', actualBump: 'patch' });
    expect(VERSION_CHANGE_TEXT.patch).toEqual({ 'zh-CN': '修订版本升级', en: 'patch version' });
  });
});

describe('declared migrations in the diff', () => {
  it('a rename reads as a rename, a removal and a new default as what happens to records', () => {
    const next = bump(v1(), '2.0.0');
    const p = props(next);
    p.problem = p.category!;
    delete p.category;
    delete p.rating;
    p.priority = { type: 'string', enum: ['normal', 'urgent'] };
    next.collections.tickets!.schema.required = [
      ...(next.collections.tickets!.schema.required ?? []),
      'priority',
    ];
    next.collections.tickets!.schemaVersion = 2;
    next.migrations = [
      {
        collection: 'tickets',
        from: 1,
        to: 2,
        steps: [
          { op: 'rename', from: 'category', to: 'problem' },
          { op: 'remove', field: 'rating' },
          { op: 'setDefault', field: 'priority', value: 'normal' },
        ],
      },
    ];
    const words = diffPlugins(v1(), next)
      .changes.filter((c) => c.area === 'collection')
      .map((c) => c.message.en);
    expect(words).toEqual(
      expect.arrayContaining([
        'Renamed category → problem (existing values move).',
        'Field "rating" removed (the migration drops existing values).',
        'Field "priority" added (existing records get "normal").',
      ]),
    );
    expect(words.join(' ')).not.toMatch(/would be rejected/);
  });

  it('an action input that follows a declared rename reads as that rename, never as values rejected', () => {
    const next = bump(v1(), '2.0.0');
    const p = props(next);
    p.problem = p.category!;
    delete p.category;
    const input = next.actions.report!.input!.properties!;
    input.problem = input.category!;
    delete input.category;
    delete next.actions.rate!.input!.properties!.rating;
    next.actions.rate!.input!.required = [];
    next.collections.tickets!.schemaVersion = 2;
    next.migrations = [
      {
        collection: 'tickets',
        from: 1,
        to: 2,
        steps: [{ op: 'rename', from: 'category', to: 'problem' }],
      },
    ];
    const changes = diffPlugins(v1(), next).changes.filter((c) => c.area === 'action');
    expect(changes.map((c) => [c.pointer, c.kind, c.breaking, c.message.en])).toEqual(
      expect.arrayContaining([
        [
          '/actions/report/input/properties/problem',
          'renamed',
          true,
          "Input field renamed category → problem, as the collection's migration does (callers must send the new name).",
        ],
        [
          '/actions/rate/input/properties/rating',
          'removed',
          true,
          'Input field "rating" removed (the action no longer takes it).',
        ],
      ]),
    );
    expect(changes).toHaveLength(2);
    expect(changes.map((c) => c.message.en).join(' ')).not.toMatch(/would be rejected/);
  });

  it('the refusal headline names what is missing, not the bump a 2.0.0 already has', () => {
    const next = bump(v1(), '2.0.0');
    delete props(next).rating;
    next.collections.tickets!.schemaVersion = 2;
    const check = checkUpgrade(v1(), next);
    expect(upgradeRefusal(check, '1.0.0').en).toBe(
      'Not allowed after 1.0.0: schemaVersion rose from 1 to 2: declare migrations for "tickets" from 1 to 2.',
    );
    expect(upgradeRefusal(check, '1.0.0').en).not.toMatch(/major/);
  });
});
