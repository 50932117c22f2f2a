import { component } from '../../http/components';
import {
  arrayOf,
  dateTime,
  issueDetail,
  localizedText,
  obj,
  permissionScopes,
} from '../../http/schemas';
import { manifestSchema } from '../registry/schemas';

const installationFields = {
  pluginId: { type: 'string' },
  version: { type: 'string' },
  status: { enum: ['active', 'disabled', 'uninstalling'] },
  pinned: { type: 'boolean' },
  /** The community's installation-wide configuration (portal blocks override it per block). */
  config: { type: 'object' },
  grantedPermissions: permissionScopes,
  installedAt: dateTime,
  updatedAt: dateTime,
  /** Schedule id → whether it runs here (the operator's switch, else the plugin's default). */
  schedules: { type: 'object', additionalProperties: { type: 'boolean' } },
  /** With `include=manifest` and on a single installation. */
  manifest: manifestSchema,
};
const installationRequired = [
  'pluginId',
  'version',
  'status',
  'pinned',
  'config',
  'grantedPermissions',
  'installedAt',
  'updatedAt',
  'schedules',
];

export const installation = component(
  'Installation',
  obj(installationFields, installationRequired),
);

export const pluginChange = component(
  'PluginChange',
  obj(
    {
      area: {
        enum: [
          'config',
          'collection',
          'action',
          'query',
          'view',
          'index',
          'schedule',
          'role',
          'metric',
        ],
      },
      name: { type: 'string' },
      pointer: { type: 'string' },
      kind: { type: 'string' },
      breaking: { type: 'boolean' },
      message: localizedText,
    },
    ['area', 'name', 'pointer', 'kind', 'breaking', 'message'],
  ),
);

export const upgradeReport = component(
  'UpgradeReport',
  obj(
    {
      pluginId: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      breaking: { type: 'boolean' },
      changes: arrayOf(pluginChange),
      /** Scopes the new version asks for that were not granted: the operator must consent. */
      newPermissions: permissionScopes,
      /** Views the live portal places that the new version no longer has. */
      missingViews: arrayOf({ type: 'string' }),
      /** Where the current configuration does not fit the new version. */
      configProblems: arrayOf(issueDetail),
    },
    [
      'pluginId',
      'from',
      'to',
      'breaking',
      'changes',
      'newPermissions',
      'missingViews',
      'configProblems',
    ],
  ),
);

export const upgraded = component(
  'UpgradedInstallation',
  obj({ ...installationFields, report: upgradeReport }, [...installationRequired, 'report']),
);
