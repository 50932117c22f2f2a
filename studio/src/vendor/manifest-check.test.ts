import { beforeEach, describe, expect, it, vi } from 'vitest';
import { exampleManifest } from '@scene/schema';
import type { ApiError } from '@scene/client';
import { api, setApi } from '../api';
import { fakeRegistry } from '../testing/fake-registry';
import { checkManifestText, locateServerIssues } from './manifest-check';
import { bumpVersion, nextVersionOf, toText, useManifestWorkbench } from './workbench';

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('checkManifestText', () => {
  it('passes the example manifest and hands it over for the preview', () => {
    const check = checkManifestText(toText(exampleManifest('acme.repairs')));
    expect(check.errors).toBe(0);
    expect(check.manifest?.id).toBe('acme.repairs');
  });

  it('puts a schema error on the line of the offending value', () => {
    const m = exampleManifest('acme.repairs');
    (m as { icon: string }).icon = 'not-an-icon';
    const text = toText(m);
    const check = checkManifestText(text);
    expect(check.manifest).toBeUndefined();
    const issue = check.issues.find((i) => i.pointer === '/icon');
    expect(issue?.severity).toBe('error');
    expect(issue?.line).toBe(lineOf(text, '"icon"'));
  });

  it('reports broken JSON where the parser stopped, in both languages like the CLI', () => {
    const text = '{\n  "id": "acme.x",\n  "version": \n}';
    const check = checkManifestText(text);
    expect(check.issues[0]!.code).toBe('json.parse');
    expect(check.issues[0]!.line).toBe(4);
    expect(check.issues[0]!.message['zh-CN']).toContain('第 4 行第 1 列');
    expect(check.issues[0]!.message.en).toContain('line 4, column 1');
    expect(check.issues[0]!.message.en).not.toMatch(/Unexpected/);
  });
});

describe('locateServerIssues', () => {
  it('places the registry refusal on the line', () => {
    const text = toText(exampleManifest('acme.repairs'));
    const [issue] = locateServerIssues(text, [
      {
        pointer: '/collections/tickets/schemaVersion',
        message: 'raise it',
        code: 'upgrade.schemaVersion',
      },
    ]);
    expect(issue!.pointer).toBe('/collections/tickets/schemaVersion');
    expect(issue!.line).toBe(lineOf(text, '"schemaVersion"'));
    expect(issue!.message.en).toBe('raise it');
  });
  it('ignores details that are not a list of issues', () => {
    expect(locateServerIssues('{}', { missing: ['x'] })).toEqual([]);
  });
});

describe('versions', () => {
  it('bumps patch and minor', () => {
    expect(bumpVersion('1.2.3')).toBe('1.2.4');
    expect(bumpVersion('1.2.3', 'minor')).toBe('1.3.0');
  });
  it('starts the next version with a changelog entry', () => {
    const next = nextVersionOf(exampleManifest('acme.repairs'));
    expect(next.version).toBe('1.0.1');
    expect(next.changelog?.at(-1)?.version).toBe('1.0.1');
  });
});

describe('the live check in the vendor workbench', () => {
  beforeEach(() => setApi(fakeRegistry().api));

  it('places structure errors at once, in the words of `scene plugin validate`', () => {
    const m = exampleManifest('acme.repairs');
    (m as { icon: string }).icon = 'not-an-icon';
    const text = toText(m);
    const check = checkManifestText(text);
    const issue = check.issues.find((i) => i.pointer === '/icon');
    expect(issue?.line).toBe(lineOf(text, '"icon"'));
    expect(issue?.code).toBe('schema.enum');
    expect(issue?.message['zh-CN']).toMatch(/^取值 "not-an-icon" 无效。允许：/);
    expect(issue?.message.en).toMatch(/^Value "not-an-icon" is not allowed\. Allowed: /);
  });

  it('finds semantic errors in the browser too, as the registry would', async () => {
    const m = exampleManifest('acme.repairs');
    m.actions.report!.notify![0]!.view = 'nowhere';
    const text = toText(m);
    const check = checkManifestText(text);
    const issue = check.issues.find((i) => i.severity === 'error');
    expect(issue?.line).toBe(lineOf(text, '"view": "nowhere"'));
    // The registry refuses it with the very same issue.
    const refused = await api()
      .registry.publish(m)
      .catch((e: ApiError) => e);
    expect((refused as ApiError).details).toContainEqual(
      expect.objectContaining({ code: issue!.code, messages: issue!.message }),
    );

    const wb = useManifestWorkbench({ debounceMs: 0 });
    wb.load(text);
    expect(wb.issues.value.filter((i) => i.severity === 'error')).toHaveLength(1);
    expect(wb.canSubmit.value).toBe(false);
  });

  it("adds the registry dry run's upgrade gate on its line, each finding once", async () => {
    await api().registry.publish(exampleManifest('acme.repairs'));
    const m = nextVersionOf(exampleManifest('acme.repairs'));
    // Narrowing a stored field breaks existing records: a major version and a migration.
    m.collections.tickets!.schema.properties!.title!.maxLength = 10;
    const text = toText(m);
    expect(checkManifestText(text).errors).toBe(0);

    const wb = useManifestWorkbench({ debounceMs: 0 });
    wb.load(text);
    await vi.waitFor(() => expect(wb.registryChecked.value).toBe(true));
    const codes = wb.issues.value.map((i) => i.code);
    expect(codes).toContain('upgrade.schemaVersion');
    expect(new Set(codes).size).toBe(codes.length);
    const issue = wb.issues.value.find((i) => i.code === 'upgrade.schemaVersion');
    expect(issue?.line).toBe(lineOf(text, '"schemaVersion"'));
    expect(wb.canSubmit.value).toBe(false);
  });
});
