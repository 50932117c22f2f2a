// What `pnpm bench --check` (and CI) holds the figures to. `limit` fails the check: it sits where
// today's figures are, with room for a noisy 2-core machine, so a regression fails while work
// towards the goal goes on. `goal` is the product's target (its performance budgets and the
// issues), printed beside each figure; tighten `limit` whenever a figure moves towards its goal.

export interface Bound {
  min?: number;
  max?: number;
}

export interface Budget {
  name: string;
  what: string;
  limit: Bound;
  goal?: Bound;
}

export const budgets: Budget[] = [
  // Sizes are deterministic: limits sit just above today's figures.
  {
    name: 'portal.initial-js-gzip-kb',
    what: 'resident portal, initial JS (gzip)',
    limit: { max: 86 },
    goal: { max: 60 },
  },
  {
    name: 'portal.initial-css-gzip-kb',
    what: 'resident portal, initial CSS (gzip)',
    limit: { max: 20 },
    goal: { max: 20 },
  },
  {
    name: 'portal.total-js-gzip-kb',
    what: 'resident portal, all JS (gzip)',
    // 225 KB of it is zxcvbn's dictionaries, which only the register page loads (after it is
    // drawn) so a resident hears the server's password policy while typing.
    limit: { max: 380 },
  },
  {
    name: 'studio.total-js-gzip-kb',
    what: 'studio, all JS (gzip; the code editor is most of it)',
    limit: { max: 1680 },
  },
  // Each app ships only its own UI library (@scene/forms has one entry point per widget map).
  {
    name: 'portal.element-plus-files',
    what: 'resident portal, built files with Element Plus code',
    limit: { max: 0 },
  },
  {
    name: 'studio.vant-files',
    what: 'studio, built files with Vant code',
    limit: { max: 0 },
  },
  // Timings and same-run ratios are noisy on two shared cores: limits leave room.
  {
    name: 'portal.first-render-ms',
    what: 'demo home page, first render at 4× CPU + Slow 4G',
    limit: { max: 4000 },
    goal: { max: 1500 },
  },
  {
    name: 'runtime.200-ratio',
    what: 'runtime bundle 200 vs bare Express, req/s',
    limit: { min: 0.8 },
    goal: { min: 0.9 },
  },
  {
    name: 'runtime.304-ratio',
    what: 'runtime bundle 304 vs bare Express, req/s',
    limit: { min: 0.7 },
    goal: { min: 0.9 },
  },
  // Province scale (tests/bench/scale.bench.ts): 1,300 communities created through the services.
  {
    name: 'scale.create-last-100-ms',
    what: 'create + publish one community, average of the last 100',
    limit: { max: 6000 },
    goal: { max: 1000 },
  },
  {
    name: 'scale.create-growth',
    what: 'create + publish: last 100 vs first 100 (flat is 1)',
    limit: { max: 4 },
    goal: { max: 1.2 },
  },
  {
    name: 'scale.rss-mb',
    what: 'server RSS with every community runtime cached',
    limit: { max: 260 },
    goal: { max: 150 },
  },
  {
    name: 'scale.runtime-200-ratio',
    what: 'runtime 200, random community, vs bare Express, req/s',
    limit: { min: 0.4 },
    goal: { min: 0.9 },
  },
  {
    name: 'scale.runtime-304-ratio',
    what: 'runtime 304, random community, vs bare Express, req/s',
    limit: { min: 0.4 },
    goal: { min: 0.9 },
  },
  {
    name: 'scale.runtime-200-p99-ratio',
    what: 'runtime 200, random community, p99 vs bare Express p99',
    limit: { max: 4 },
    goal: { max: 1.5 },
  },
  {
    name: 'actions.create-ratio',
    what: 'create action vs plain mongoose insert, ops/s',
    limit: { min: 0.3 },
    goal: { min: 0.7 },
  },
  {
    name: 'queries.list-ratio',
    what: 'list query service vs raw driver, time per page',
    limit: { max: 1.5 },
    goal: { max: 1.1 },
  },
  {
    name: 'studio.preview-edit-p95-ms',
    what: 'studio preview update after a prop edit, 300 blocks, p95',
    limit: { max: 16 },
    goal: { max: 16 },
  },
  {
    name: 'schema.cached-validator-ratio',
    what: 'cached action validator vs hand-written check, checks/s',
    limit: { min: 0.2 },
  },
];
