import {
  SYSTEM_FIELDS,
  getCollectionValidator,
  getConfigValidator,
  type Issue,
  type PluginManifest,
} from '@scene/schema';
import type { Actor } from '../auth/actor';
import type { AuditService } from '../audit/service';
import { isDuplicateKey } from '../../db/claims';
import { HttpError, notFound } from '../../http/errors';
import { canonicalJson, sha256Hex } from './canonical';
import type { RegistryModels } from './model';
import { issueDetails } from './publish-checks';
import type { RegistryService } from './service';

/** One example record: a collection document plus the system fields the platform adds. */
export interface FixtureRecord {
  _id: string;
  createdBy: string;
  [field: string]: unknown;
}

/** Example data for a plugin's previews: an operator's config and a few records per collection. */
export interface PluginFixtures {
  config: Record<string, unknown>;
  records: Record<string, FixtureRecord[]>;
}

export interface StoredFixtures extends PluginFixtures {
  pluginId: string;
  version: string;
  checksum: string;
  publishedAt: string;
}

/** Examples, not data: a preview shows a screenful, and every version stores its own copy. */
const MAX_FIXTURE_RECORDS = 50;

const issue = (pointer: string, code: string, zh: string, en: string): Issue => ({
  pointer,
  code,
  severity: 'error',
  message: { 'zh-CN': zh, en },
});

/**
 * What is wrong with `fixtures` for `manifest` (pointers into `fixtures`): the config must pass
 * the plugin's config schema, records belong to declared collections, and each record is an
 * `_id` and `createdBy` plus a document its collection schema accepts (system fields and
 * counters are the platform's, so they are not checked against it).
 */
export function fixtureIssues(manifest: PluginManifest, fixtures: PluginFixtures): Issue[] {
  const issues: Issue[] = [];
  if (manifest.config) {
    const r = getConfigValidator(manifest)(fixtures.config);
    issues.push(...r.errors.map((i) => ({ ...i, pointer: `/config${i.pointer}` })));
  } else if (Object.keys(fixtures.config).length) {
    issues.push(
      issue('/config', 'fixtures.config', '此组件没有可配置项。', 'The plugin has no config.'),
    );
  }
  for (const [name, records] of Object.entries(fixtures.records)) {
    const at = `/records/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const collection = Object.prototype.hasOwnProperty.call(manifest.collections, name)
      ? manifest.collections[name]!
      : undefined;
    if (!collection) {
      issues.push(
        issue(
          at,
          'fixtures.collection',
          `组件没有名为「${name}」的数据集。`,
          `The plugin declares no collection "${name}".`,
        ),
      );
      continue;
    }
    if (records.length > MAX_FIXTURE_RECORDS) {
      issues.push(
        issue(
          at,
          'fixtures.too_many',
          `每个数据集最多 ${MAX_FIXTURE_RECORDS} 条示例记录。`,
          `At most ${MAX_FIXTURE_RECORDS} example records per collection.`,
        ),
      );
      continue;
    }
    const platformFields = new Set<string>([
      ...SYSTEM_FIELDS,
      ...Object.keys(collection.counters ?? {}),
    ]);
    const validate = getCollectionValidator(manifest, name);
    records.forEach((record, i) => {
      for (const field of ['_id', 'createdBy'] as const) {
        if (typeof record[field] !== 'string' || !record[field])
          issues.push(
            issue(
              `${at}/${i}/${field}`,
              'fixtures.system_field',
              `示例记录需要 ${field}（文本）。`,
              `An example record needs ${field} (a string).`,
            ),
          );
      }
      const doc = Object.fromEntries(
        Object.entries(record).filter(([k]) => !platformFields.has(k)),
      );
      for (const e of validate(doc).errors)
        issues.push({ ...e, pointer: `${at}/${i}${e.pointer}` });
    });
  }
  return issues;
}

/**
 * A version's example data in the registry: published with the version (by its vendor while it
 * waits for review, so the reviewer sees it; by an admin at any time), validated against the
 * version's manifest, and immutable once stored. Readable by whoever may read the version.
 */
export class FixturesService {
  constructor(
    private readonly models: RegistryModels,
    private readonly registry: RegistryService,
    private readonly audit: AuditService,
  ) {}

  async publish(
    actor: Actor,
    pluginId: string,
    version: string,
    fixtures: PluginFixtures,
  ): Promise<StoredFixtures> {
    this.registry.assertOwner(actor, pluginId);
    const status = await this.registry.status(pluginId, version);
    if (!status) throw notFound('No such plugin version.');
    if (status.status !== 'pending' && !actor.platformRoles.includes('admin'))
      throw new HttpError(
        409,
        'not_pending',
        'Example data is published with a version, before its review.',
      );
    const manifest = await this.registry.manifest(pluginId, version);
    const issues = fixtureIssues(manifest, fixtures);
    if (issues.length)
      throw new HttpError(
        400,
        'validation_failed',
        'The example data does not match the plugin.',
        issueDetails(issues),
      );
    const fixturesJson = canonicalJson(fixtures);
    const doc = {
      _id: `${pluginId}@${version}`,
      fixturesJson,
      checksum: sha256Hex(fixturesJson),
      publishedBy: actor.accountId,
      publishedAt: new Date(),
    };
    try {
      await this.models.PluginFixtures.create(doc);
    } catch (err) {
      if (isDuplicateKey(err))
        throw new HttpError(
          409,
          'fixtures_exist',
          `${doc._id} already has example data; like the version, it is immutable.`,
        );
      throw err;
    }
    await this.audit.record(actor, {
      action: 'plugin.fixtures',
      target: { type: 'plugin-version', id: doc._id },
      summary: { checksum: doc.checksum },
    });
    return stored(pluginId, version, doc);
  }

  /** The version's example data; 404 when the version is not visible or has none. */
  async get(actor: Actor, pluginId: string, version: string): Promise<StoredFixtures> {
    await this.registry.get(actor, pluginId, version);
    const doc = await this.models.PluginFixtures.findById(`${pluginId}@${version}`).lean();
    if (!doc)
      throw new HttpError(404, 'no_fixtures', `${pluginId}@${version} has no example data.`);
    return stored(pluginId, version, doc);
  }

  async has(pluginId: string, version: string): Promise<boolean> {
    return (await this.models.PluginFixtures.countDocuments({ _id: `${pluginId}@${version}` })) > 0;
  }
}

function stored(
  pluginId: string,
  version: string,
  doc: { fixturesJson: string; checksum: string; publishedAt: Date },
): StoredFixtures {
  const { config, records } = JSON.parse(doc.fixturesJson) as PluginFixtures;
  return {
    pluginId,
    version,
    config,
    records,
    checksum: doc.checksum,
    publishedAt: doc.publishedAt.toISOString(),
  };
}
