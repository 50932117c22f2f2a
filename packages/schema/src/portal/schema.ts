import { commonDefs, PATTERNS } from '../manifest/defs';

const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const blockId = { type: 'string', pattern: PATTERNS.viewId };

export const PORTAL_SCHEMA_ID = 'https://scene-platform.local/schemas/portal-1.json';

export const portalSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: PORTAL_SCHEMA_ID,
  title: 'Scene community portal',
  type: 'object',
  properties: {
    portalVersion: { const: 1 },
    theme: {
      type: 'object',
      properties: {
        primaryColor: { type: 'string', pattern: PATTERNS.color },
        accentColor: { type: 'string', pattern: PATTERNS.color },
        logo: {
          type: 'string',
          maxLength: 500,
          pattern: '^(?:upload:[A-Za-z0-9_-]{1,64}|https://\\S+)$',
        },
        fontScale: { enum: ['normal', 'large'] },
        culture: {
          type: 'object',
          properties: { title: ref('localizedText'), text: ref('localizedText') },
          required: ['title', 'text'],
          additionalProperties: false,
        },
      },
      required: ['primaryColor'],
      additionalProperties: false,
    },
    tabs: {
      type: 'array',
      minItems: 2,
      maxItems: 5,
      items: {
        type: 'object',
        properties: { id: blockId, title: ref('localizedText'), icon: ref('icon'), page: blockId },
        required: ['id', 'title', 'icon', 'page'],
        additionalProperties: false,
      },
    },
    pages: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        properties: {
          id: blockId,
          title: ref('localizedText'),
          public: { type: 'boolean' },
          blocks: { type: 'array', maxItems: 300, items: ref('block') },
        },
        required: ['id', 'title', 'blocks'],
        additionalProperties: false,
      },
    },
  },
  required: ['portalVersion', 'theme', 'tabs', 'pages'],
  additionalProperties: false,
  $defs: {
    ...commonDefs,
    block: {
      type: 'object',
      discriminator: { propertyName: 'kind' },
      required: ['kind'],
      oneOf: [
        {
          type: 'object',
          properties: {
            kind: { const: 'plugin' },
            id: blockId,
            plugin: { type: 'string', pattern: PATTERNS.pluginId },
            view: { type: 'string', pattern: PATTERNS.viewId },
            config: { type: 'object', maxProperties: 100 },
          },
          required: ['kind', 'id', 'plugin', 'view'],
          additionalProperties: false,
        },
        {
          type: 'object',
          properties: {
            kind: { const: 'primitive' },
            id: blockId,
            type: { type: 'string', pattern: '^[a-z][a-z-]{0,30}$' },
            props: { type: 'object', maxProperties: 40 },
            children: { type: 'array', maxItems: 100, items: ref('block') },
          },
          required: ['kind', 'id', 'type'],
          additionalProperties: false,
        },
      ],
    },
  },
} as const;
