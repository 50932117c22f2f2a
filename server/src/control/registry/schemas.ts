import { component } from '../../http/components';
import type { JsonSchema } from '../../http/validation';
import {
  arrayOf,
  dateTime,
  issueDetail,
  localizedText,
  obj,
  permissionScopes,
  sceneType,
} from '../../http/schemas';

export const manifestSchema = sceneType(
  'PluginManifest',
  'A plugin manifest (plugin.json), as described in packages/schema/MANIFEST.md',
);

/** The breaking-change report of a version against the one before it. */
export const upgradeGate = component(
  'UpgradeGate',
  obj(
    {
      from: { type: 'string' },
      breaking: { type: 'boolean' },
      requiredBump: { enum: ['major', 'minor', 'patch', 'none'] },
    },
    ['from', 'breaking', 'requiredBump'],
  ),
);

const versionFields = {
  pluginId: { type: 'string' },
  version: { type: 'string' },
  vendorId: { type: 'string' },
  /** The vendor's name from its manifest, for screens (the id is for machines). */
  vendorName: localizedText,
  scene: { type: 'string' },
  tier: { enum: ['standard', 'optional'] },
  name: localizedText,
  status: { enum: ['pending', 'approved', 'rejected'] },
  enginesPlatform: { type: 'string' },
  permissions: permissionScopes,
  checksum: { type: 'string' },
  publishedAt: dateTime,
  review: obj(
    {
      at: dateTime,
      decision: { enum: ['approved', 'rejected'] },
      reason: { type: 'string' },
    },
    ['at', 'decision'],
  ),
  upgrade: upgradeGate,
};
const versionRequired = [
  'pluginId',
  'version',
  'vendorId',
  'scene',
  'tier',
  'name',
  'status',
  'enginesPlatform',
  'permissions',
  'checksum',
  'publishedAt',
];

/** One published version of a plugin, without its manifest. */
export const pluginVersion = component('PluginVersion', obj(versionFields, versionRequired));

export const pluginVersionDetail = component(
  'PluginVersionDetail',
  obj({ ...versionFields, manifest: manifestSchema }, [...versionRequired, 'manifest']),
);

export const published = component(
  'PublishedPluginVersion',
  obj({ ...versionFields, warnings: arrayOf(issueDetail) }, [...versionRequired, 'warnings']),
);

/** A publish dry run that passed (one that fails answers with publish's error). */
export const publishCheck = component(
  'PublishCheck',
  obj({ ok: { const: true }, warnings: arrayOf(issueDetail), upgrade: upgradeGate }, [
    'ok',
    'warnings',
  ]),
);

/** An example record: `_id` and `createdBy` plus its collection's fields. */
const fixtureRecord: JsonSchema = {
  type: 'object',
  properties: { _id: { type: 'string' }, createdBy: { type: 'string' } },
  required: ['_id', 'createdBy'],
  additionalProperties: true,
};

const fixtureFields = {
  config: { type: 'object', additionalProperties: true },
  records: { type: 'object', additionalProperties: arrayOf(fixtureRecord) },
};

/** What a vendor publishes with a version: example config and records for previews. */
export const fixturesBody = obj(fixtureFields, ['config', 'records']);

/** A version's stored example data. */
export const pluginFixtures = component(
  'PluginFixtures',
  obj(
    {
      pluginId: { type: 'string' },
      version: { type: 'string' },
      ...fixtureFields,
      checksum: { type: 'string' },
      publishedAt: dateTime,
    },
    ['pluginId', 'version', 'config', 'records', 'checksum', 'publishedAt'],
  ),
);
