import { component } from '../../http/components';
import { dateTime, obj } from '../../http/schemas';
import { communityType } from '../communities/schemas';
import { portalSchema } from '../portals/schemas';
import { manifestSchema } from '../registry/schemas';

/** One plugin the live portal places: its installed version, state, configuration and manifest. */
export const runtimePlugin = component(
  'RuntimePlugin',
  obj(
    {
      version: { type: 'string' },
      enabled: { type: 'boolean' },
      config: { type: 'object' },
      /** Without `migrations` and `changelog`, which the portal never needs. */
      manifest: manifestSchema,
    },
    ['version', 'enabled', 'config', 'manifest'],
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
