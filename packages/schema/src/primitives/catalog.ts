import {
  bool,
  field,
  icon,
  int,
  lt,
  navigate,
  props,
  ref,
  source,
  text,
  tone,
  values,
  binding,
  figureProps,
} from './props';

/** Bumped with every addition; a primitive records the catalog version it appeared in. */
export const CATALOG_VERSION = '1.1.0';

export type PrimitiveCategory = 'layout' | 'content' | 'data' | 'input' | 'people';
/**
 * `none`: no children; `any`: free children; `item`: children are rendered once per record with
 * `item` bound (lists, tables, calendars, a detail's record); `sections`: children must be `section`.
 */
export type ChildrenPolicy = 'none' | 'any' | 'item' | 'sections';

export interface PrimitiveSpec {
  type: string;
  category: PrimitiveCategory;
  since: string;
  children: ChildrenPolicy;
  /** Props schema (JSON Schema 2020-12). */
  props: Record<string, unknown>;
  /** Props naming a query / an action of the plugin. `oneOf` lists props of which exactly one must be set. */
  queryProps?: string[];
  actionProps?: string[];
  exactlyOne?: string[];
  /** Allowed directly on portal pages (no plugin context needed). */
  portalBlock?: boolean;
}

const gap = { enum: ['none', 'sm', 'md', 'lg'] };
const spec = (s: Omit<PrimitiveSpec, 'since'> & { since?: string }): PrimitiveSpec => ({
  since: '1.0.0',
  ...s,
});

const list: PrimitiveSpec[] = [
  // layout
  spec({
    type: 'stack',
    category: 'layout',
    children: 'any',
    portalBlock: true,
    props: props({ gap, direction: { enum: ['vertical', 'horizontal'] } }),
  }),
  spec({
    type: 'grid',
    category: 'layout',
    children: 'any',
    portalBlock: true,
    props: props({ columns: int(1, 4), gap }),
  }),
  spec({
    type: 'card',
    category: 'layout',
    children: 'any',
    portalBlock: true,
    props: props({ title: text, subtitle: text, icon, navigate }),
  }),
  spec({
    type: 'tabs',
    category: 'layout',
    children: 'sections',
    portalBlock: true,
    props: props({ sticky: bool }),
  }),
  spec({
    type: 'section',
    category: 'layout',
    children: 'any',
    portalBlock: true,
    props: props({ title: text, collapsible: bool }),
  }),
  // content
  spec({
    type: 'heading',
    category: 'content',
    children: 'none',
    portalBlock: true,
    props: props({ text, level: int(1, 3) }, ['text']),
  }),
  spec({
    type: 'text',
    category: 'content',
    children: 'none',
    portalBlock: true,
    props: props(
      {
        text,
        label: text,
        format: { enum: ['date', 'datetime', 'time'] },
        // xl: a code read across a counter (取餐码), in digits spaced apart.
        size: { enum: ['sm', 'md', 'lg', 'xl'] },
        tone,
        maxLines: int(1, 20),
      },
      ['text'],
    ),
  }),
  spec({
    type: 'markdown',
    category: 'content',
    children: 'none',
    portalBlock: true,
    props: props({ source: text }, ['source']),
  }),
  spec({
    type: 'image',
    category: 'content',
    children: 'none',
    portalBlock: true,
    props: props({ src: source, alt: text, ratio: { enum: ['1:1', '4:3', '16:9', '3:1'] } }, [
      'src',
      'alt',
    ]),
  }),
  spec({
    type: 'banner',
    category: 'content',
    children: 'none',
    portalBlock: true,
    props: props({ image: source, title: text, subtitle: text, navigate }, ['title']),
  }),
  spec({
    type: 'entry-grid',
    category: 'content',
    children: 'none',
    portalBlock: true,
    props: props(
      {
        columns: int(3, 5),
        items: {
          type: 'array',
          minItems: 1,
          maxItems: 16,
          items: props({ icon, label: text, navigate }, ['icon', 'label', 'navigate']),
        },
      },
      ['items'],
    ),
  }),
  spec({
    type: 'notice-bar',
    category: 'content',
    children: 'none',
    portalBlock: true,
    props: props({ text, tone, navigate }, ['text']),
  }),
  spec({
    type: 'badge',
    category: 'content',
    children: 'none',
    props: props({ text, tone, workflow: ref }, ['text']),
  }),
  spec({
    // A record's way through its workflow, read from the record's history: the main path of
    // states with the time each was reached, the state it ended in off that path, and what
    // happens next in the current state. `number` binds the record's short number (`seq`).
    type: 'steps',
    category: 'content',
    children: 'none',
    props: props(
      {
        workflow: ref,
        number: binding,
        label: text,
        path: { type: 'array', minItems: 2, maxItems: 10, items: ref },
        next: {
          type: 'array',
          maxItems: 20,
          items: props({ state: ref, text: lt }, ['state', 'text']),
        },
      },
      ['workflow'],
    ),
  }),
  spec({
    type: 'empty',
    category: 'content',
    children: 'none',
    portalBlock: true,
    props: props({ text, icon }),
  }),
  // data
  spec({
    type: 'list',
    category: 'data',
    children: 'item',
    exactlyOne: ['query', 'items'],
    queryProps: ['query'],
    // Exactly one of `query` (records) or `items` (a config array); checked by the semantic pass.
    props: props({
      query: ref,
      items: binding,
      pageSize: int(1, 100),
      emptyText: text,
      filters: { type: 'array', maxItems: 5, items: field },
      navigate,
    }),
  }),
  spec({
    type: 'detail',
    category: 'data',
    children: 'item',
    queryProps: ['query'],
    props: props({ query: ref, id: binding }, ['query', 'id']),
  }),
  spec({
    type: 'table',
    category: 'data',
    children: 'item',
    exactlyOne: ['query', 'items'],
    queryProps: ['query'],
    props: props(
      {
        query: ref,
        items: binding,
        pageSize: int(1, 100),
        emptyText: text,
        navigate,
        columns: {
          type: 'array',
          minItems: 1,
          maxItems: 12,
          items: props(
            {
              field,
              label: lt,
              format: { enum: ['text', 'date', 'datetime', 'number', 'state', 'masked'] },
            },
            ['field', 'label'],
          ),
        },
      },
      ['columns'],
    ),
  }),
  spec({
    type: 'stat',
    category: 'data',
    children: 'none',
    exactlyOne: ['query', 'value'],
    queryProps: ['query'],
    props: props(
      {
        query: ref,
        value: binding,
        label: text,
        icon,
        tone,
        ...figureProps,
        trend: { enum: ['previous'] },
        better: { enum: ['higher', 'lower'] },
      },
      ['label'],
    ),
  }),
  spec({
    type: 'chart',
    category: 'data',
    children: 'none',
    queryProps: ['query'],
    props: props(
      {
        query: ref,
        kind: { enum: ['bar', 'pie', 'line'] },
        label: text,
        workflow: ref,
        ...figureProps,
      },
      ['query', 'kind'],
    ),
  }),
  spec({
    // Results per question of a `fieldsFrom` action with `results` (a survey): bars with counts
    // and percentages, hidden figures said in words, free text for the roles that may read it.
    type: 'results',
    category: 'data',
    children: 'none',
    actionProps: ['action'],
    props: props({ action: ref, label: text, download: bool }, ['action']),
  }),
  spec({
    // Who a create action's `guard` pauses now (repeated no-shows) and until when, each with a
    // note and a button to lift the pause early, for the roles the guard's `lift` names.
    type: 'pauses',
    category: 'data',
    children: 'none',
    since: '1.1.0',
    actionProps: ['action'],
    props: props({ action: ref, label: text, emptyText: text }, ['action']),
  }),
  spec({
    type: 'calendar',
    category: 'data',
    children: 'item',
    queryProps: ['query'],
    props: props({ query: ref, dateField: field, titleField: field }, ['query', 'dateField']),
  }),
  spec({
    type: 'directory',
    category: 'data',
    children: 'none',
    // Places come from a config array (`items`) or from records (`query`, a list query); either
    // way each place reads the fields name, category, address, hours, phone and walkMinutes.
    exactlyOne: ['query', 'items'],
    queryProps: ['query'],
    props: props({ query: ref, items: binding, maxMinutes: int(1, 60), groupByCategory: bool }),
  }),
  // input
  spec({
    type: 'form',
    category: 'input',
    // Drawn after a success with `item` = the record the action returned (the meal a code
    // was written off for), until the form is used again.
    children: 'item',
    actionProps: ['action'],
    props: props(
      {
        action: ref,
        submitLabel: text,
        successMessage: text,
        recordId: binding,
        fields: { type: 'array', maxItems: 60, items: field },
        values,
        // Followed after success; after a create, `item` is the new record.
        navigate,
        // lg: large type for one short field typed at a counter (a pick-up code).
        size: { enum: ['md', 'lg'] },
      },
      ['action'],
    ),
  }),
  spec({
    type: 'button',
    category: 'input',
    children: 'none',
    actionProps: ['action'],
    props: props(
      { label: text, action: ref, navigate, recordId: binding, values, tone, block: bool },
      ['label'],
    ),
  }),
  spec({
    type: 'slot-picker',
    category: 'input',
    children: 'none',
    actionProps: ['action'],
    queryProps: ['availability'],
    props: props(
      {
        action: ref,
        availability: ref,
        slots: binding,
        dateField: field,
        slotField: field,
        daysAhead: int(1, 30),
        values,
      },
      // Without `slots`, an action with `hours` draws the chosen entry's slots (its own fields).
      ['action', 'availability'],
    ),
  }),
  spec({
    type: 'ballot',
    category: 'input',
    children: 'none',
    actionProps: ['action'],
    queryProps: ['results'],
    props: props(
      {
        action: ref,
        options: binding,
        optionField: field,
        results: ref,
        recordId: binding,
        values,
      },
      ['action', 'optionField'],
    ),
  }),
  spec({
    type: 'rating',
    category: 'input',
    children: 'none',
    actionProps: ['action'],
    props: props({ action: ref, field, max: int(3, 10), recordId: binding }, ['action', 'field']),
  }),
  spec({
    type: 'consent',
    category: 'input',
    children: 'none',
    actionProps: ['action'],
    queryProps: ['signed'],
    props: props({ action: ref, text, label: text, signed: ref, values }, ['action', 'text']),
  }),
  // people
  spec({
    type: 'points-balance',
    category: 'people',
    children: 'none',
    portalBlock: true,
    props: props({ label: text, showHistory: bool }),
  }),
  spec({
    type: 'inbox',
    category: 'people',
    children: 'none',
    portalBlock: true,
    props: props({ limit: int(1, 50) }),
  }),
];

/** The primitive catalog, keyed by type. Frozen: extend it by versioned additions here. */
export const primitiveCatalog: Readonly<Record<string, PrimitiveSpec>> = Object.freeze(
  Object.fromEntries(list.map((p) => [p.type, Object.freeze(p)])),
);

export const PRIMITIVE_TYPES: readonly string[] = list.map((p) => p.type);
