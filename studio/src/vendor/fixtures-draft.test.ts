import { ApiError } from '@scene/client';
import { exampleManifest } from '@scene/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { setApi } from '../api';
import { fakeRegistry } from '../testing/fake-registry';
import { emptyFixtures, useFixturesDraft } from './fixtures-draft';

const manifest = exampleManifest('acme.drafted');
afterEach(() => setApi(null));

describe('the example data a vendor submits with a version', () => {
  it('starts empty per collection, previews only a JSON object, and publishes with the version', async () => {
    const fake = fakeRegistry();
    setApi(fake.api);
    const draft = useFixturesDraft();
    draft.load(emptyFixtures(manifest));
    expect(draft.parsed.value).toEqual({ config: {}, records: { tickets: [] } });
    draft.text.value = '{ "config": ';
    expect(draft.parsed.value).toBeUndefined();
    expect(draft.parseError.value).not.toBe('');
    draft.text.value = '[]';
    expect(draft.parseError.value).toContain('records');

    draft.text.value = JSON.stringify({ config: { title: '报修' }, records: { tickets: [] } });
    expect(await draft.publishFor(manifest.id, '1.0.0')).toBe(true);
    expect(draft.published.value).toBe(true);
    expect(fake.fixtures.get('acme.drafted@1.0.0')?.config).toEqual({ title: '报修' });
  });

  it('shows a refusal with each problem placed in the document, not the request', async () => {
    const fake = fakeRegistry();
    fake.api.registry.publishFixtures = async () => {
      throw new ApiError(400, 'validation_failed', 'The example data does not match the plugin.', [
        {
          pointer: '/records/tickets/0/phone',
          message: 'must match pattern',
          messages: { 'zh-CN': '格式不正确', en: 'must match pattern' },
        },
      ]);
    };
    setApi(fake.api);
    const draft = useFixturesDraft();
    draft.text.value = JSON.stringify({ config: {}, records: { tickets: [{ phone: '1' }] } });
    expect(await draft.publishFor(manifest.id, '1.0.0')).toBe(false);
    expect(draft.refusal.value?.issues).toEqual([
      expect.objectContaining({ pointer: '/records/tickets/0/phone' }),
    ]);
  });

  it('publishes nothing when the vendor wrote none', async () => {
    const fake = fakeRegistry();
    setApi(fake.api);
    expect(await useFixturesDraft().publishFor(manifest.id, '1.0.0')).toBe(true);
    expect(fake.calls).toEqual([]);
  });
});
