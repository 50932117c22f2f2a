import { component } from '../../http/components';
import { dateTime, obj, sceneType } from '../../http/schemas';
import { communityType } from '../communities/schemas';
import { portalSchema } from '../portals/schemas';

/** What a phone needs of a plugin version (`clientManifest` in @scene/schema). */
export const clientManifestSchema = sceneType(
  'ClientManifest',
  "A plugin version's client projection: views, actions, queries, collection schemas and workflows, and the roles that may open, read and unmask them",
);

/**
 * One plugin the live portal places: its installed version, state and configuration, and the
 * hash naming its client projection (GET /api/v1/runtime/plugins/{pluginId}/{version}/{hash}).
 */
export const runtimePlugin = component(
  'RuntimePlugin',
  obj(
    {
      version: { type: 'string' },
      enabled: { type: 'boolean' },
      config: { type: 'object' },
      manifestHash: { type: 'string', pattern: '^[a-f0-9]{32}$' },
    },
    ['version', 'enabled', 'config', 'manifestHash'],
  ),
);

export const runtimeBundle = component(
  'RuntimeBundle',
  obj(
    {
      communityId: { type: 'string' },
      community: obj(
        {
          id: { type: 'string' },
          name: { type: 'string' },
          city: { type: 'string' },
          district: { type: 'string' },
          type: communityType,
          /** IANA time zone: the portal shows dates and resolves `today` in it. */
          timeZone: { type: 'string' },
        },
        ['id', 'name', 'city', 'district', 'type', 'timeZone'],
      ),
      version: { type: 'integer' },
      publishedAt: dateTime,
      portal: portalSchema,
      /** By plugin id. */
      plugins: { type: 'object', additionalProperties: runtimePlugin },
    },
    ['communityId', 'community', 'version', 'publishedAt', 'portal', 'plugins'],
  ),
);
