import { beforeEach, describe, expect, it, vi } from 'vitest';
import { exampleManifest } from '@scene/schema';
import { setApi } from '../api';
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

  it('reports broken JSON where the parser stopped', () => {
    const text = '{\n  "id": "acme.x",\n  "version": \n}';
    const check = checkManifestText(text);
    expect(check.issues[0]!.code).toBe('json.syntax');
    expect(check.issues[0]!.line).toBe(4);
  });
});

describe('locateServerIssues', () => {
  it('strips /body and places the registry refusal on the line', () => {
    const text = toText(exampleManifest('acme.repairs'));
    const [issue] = locateServerIssues(text, [
      {
        pointer: '/body/collections/tickets/schemaVersion',
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

  it('places structure errors at once, without compiling code (the studio CSP forbids eval)', () => {
    const m = exampleManifest('acme.repairs');
    (m as { icon: string }).icon = 'not-an-icon';
    const text = toText(m);
    const check = checkManifestText(text);
    const issue = check.issues.find((i) => i.pointer === '/icon');
    expect(issue?.line).toBe(lineOf(text, '"icon"'));
    expect(issue?.message['zh-CN']).toBeTruthy();
    expect(issue?.message.en).toBeTruthy();
  });

  it("adds the registry dry run's semantic errors on their lines", async () => {
    const m = exampleManifest('acme.repairs');
    m.actions.report!.notify![0]!.view = 'nowhere';
    const text = toText(m);
    expect(checkManifestText(text).errors).toBe(0);

    const wb = useManifestWorkbench({ debounceMs: 0 });
    wb.load(text);
    await vi.waitFor(() => expect(wb.registryChecked.value).toBe(true));
    const issue = wb.issues.value.find((i) => i.severity === 'error');
    expect(issue?.line).toBe(lineOf(text, '"view": "nowhere"'));
    expect(wb.canSubmit.value).toBe(false);
  });
});
