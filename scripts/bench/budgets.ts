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
  /**
   * Measured only by a run that asks for it (`pnpm bench scale`) or on a machine that can (a
   * process's CPU from /proc): a whole run without the figure does not fail; a run that measured
   * it holds it to the limit like any other.
   */
  onlyWhenRun?: true;
}

export const budgets: Budget[] = [
  // Sizes are deterministic: limits sit just above today's figures.
  {
    name: 'portal.initial-js-gzip-kb',
    what: 'resident portal, initial JS (gzip)',
    // +1 KB for issue 13's plugin roles (85.5 → 86.5): the renderer reads roles the way the
    // server does (effectiveRoles, mayOpenView, mayRunQuery) to offer a viewer only the blocks,
    // queries and links they may use; the unmask control itself loads on demand.
    // +3 KB for issue 12's people (main's 86.7 → 89.4 KB after merging v2-people): whom a form acts for
    // (the family the session reads at start, 为谁办理 and the eligibility reason in the
    // renderer's words), waitlist answers, member.* and user.actsFor in the renderer's vars, elder
    // mode from the recorded age. The family and notification settings pages, and their words,
    // load with those pages.
    // Issue 18 part 3: 89.6 → 75.0 KB. The shell translates with a few lines of its own instead
    // of vue-i18n (its messages are plain text with named placeholders), English words load
    // only for English readers, the account, login, register and not-found pages load with
    // their routes, and the shared code is one chunk with Vue (two initial scripts, not six).
    // ~3% headroom.
    // Issue 18 (ssr-4): 75.0 → 61.5 KB. The portal routes with a few lines of its own instead of
    // vue-router (its routes are static segments under /c/:communityId/; back/forward, scroll
    // positions and lazy pages kept), and the shell draws its tab bar itself, so the first page
    // loads no Vant at all (Vant's tab bar, badge and their helpers were 5 KB gzip). ~3% headroom.
    // Issue 18, server-drawn first page: 61.7 → 63.8 KB. Hydrating the server's page needs
    // Vue's hydration code beside its mounting code (the pages the server does not draw still
    // mount); in exchange the title, tab bar and page arrive with the HTML (first render at
    // Slow 4G 2.8–3.7 s → about 1.5 s). ~3% headroom.
    // Issue 18 (speed-6): 64.0 → 60.1 KB. Lists, a record's details, the inbox, markdown (and
    // the theme's culture card, its only other reader), buttons and tabs load beside the bundle
    // (loadCommonPrimitives), not in the first download: the server draws them, lists and the
    // inbox wait for their query in any case, and a page shows them once their code has come.
    // ~1.5% headroom.
    // Issue 18 (redeem-13): 60.3 → 58.9 KB (61,743 → 60,350 bytes). The renderer's words that
    // only primitives loaded on demand use (lists, forms, bookings, votes, charts: 62 of 75) load
    // with them (more-messages.ts); the first download keeps the 13 its own code says. The
    // limit comes down to the goal: ~1.7% headroom.
    limit: { max: 60 },
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
    // drawn) so a resident hears the server's password policy while typing. Charts (line, bar,
    // pie) and stat load on demand, on the first page that shows one. Issue 12's people (family
    // and notification settings pages, the for-whom picker, waitlists) bring it to 391.4 KB.
    // Issue 17's SVG icon set (3 KB, its own chunk loaded by the first icon, not in the initial
    // JS) and forms that show unsupported parts as JSON bring it to 396.4 KB.
    // All-JS grows with every lazily loaded page, so its limit keeps ~5% headroom over today's
    // figure: a feature's own chunk passes, a library shipped twice or pulled into the portal by
    // mistake (tens of KB and more) fails.
    limit: { max: 410 },
  },
  {
    name: 'studio.total-js-gzip-kb',
    what: 'studio, all JS (gzip; the code editor is most of it)',
    // 1706.5 KB after issues 12, 14, 15 and 17's first parts (people screens, canvas, property
    // forms); 1897 KB with issue 16's dashboards, whose ECharts (line, bar, grid, tooltip, canvas
    // renderer only) is a lazy chunk loaded by the dashboard routes alone. ~5% headroom for the
    // same reason as the portal's all-JS.
    limit: { max: 1990 },
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
  // Issue 18's figure for the first page (Lighthouse mobile's LCP), measured as the browser's
  // own largest-contentful-paint entry after load, same throttling as the first render.
  {
    name: 'portal.lcp-ms',
    what: 'demo home page, largest contentful paint at 4× CPU + Slow 4G',
    limit: { max: 3000 },
    goal: { max: 1500 },
  },
  {
    name: 'portal.first-render-ms',
    what: 'demo home page, first render at 4× CPU + Slow 4G',
    // 3549–3789 ms in quiet runs before issue 18 part 3; 3101 ms (runs 3405, 3101, 2410) at a
    // load average of 14 after it. The regression from 2720 was the runtime split: ten plugin
    // projections preloaded as ten requests took the six connections a browser opens per host
    // ahead of the scripts, each paying Slow 4G's 560 ms latency. They are one request now
    // (/api/v1/runtime/plugins?set=…), and the portal's initial scripts two.
    // The last CI measured 3678 ms (runs 3678, 3714, 2843) and failed on it. Since the server
    // draws the first page (title, tab bar and page in the HTML, the entry stylesheet inline)
    // and the page times its own first frame (the driver's polling had added a second on a
    // loaded machine): 1311 ms (runs 1241, 2499, 1311) at a load average of 16, 3032 ms (runs
    // 3032, 1585, 3455) at 21. The limit leaves that room; the page drawn by the browser alone
    // (2.8–3.7 s) would not pass it for long.
    // firstpage-12: a CI run's 137.7 KB before the first render is the HTML (16.1 KB), the
    // plugins' projections preloaded by the page's Link header (59.7 KB) and the two scripts
    // (61.4 KB): runs whose renderer, starved of a core, drew its first full frame only after
    // ~2 s, when they had come. Run 1's HTML at 1.7 s was the server's first draw after its
    // start (about 1.0–2.0 s here): the bench now asks for the page once before measuring, as a
    // production server has drawn it, prints that wait, and takes the median of 5 runs. At load
    // 12–16 here the HTML is in by 0.66–0.73 s in every run, and the first render still reads
    // 1757 ms (runs 1525–2133) and 2015 ms (runs 1664–3127): the rest is the renderer's CPU.
    limit: { max: 3000 },
    goal: { max: 1500 },
  },
  // GET /api/v1/runtime/:communityId against bare Express sending the same bytes and headers
  // (tests/bench/runtime.bench.ts): medians of 8 alternating rounds. runtime-11 measured at load
  // averages of 12-22 on two cores, where one side's round can be starved (round ratios 0.36-1.93
  // in one pair): req/s 200 0.80-1.08 and 304 0.96-1.00 (0.75-0.82 before the route answered a
  // cached bundle in the request's own turn); CPU per request 200 0.82-1.10, 304 0.77-1.03.
  // runtime-14: a cached bundle is answered ahead of Express (`front`, serveFromMemoryFirst).
  // Three runs at load 9-12: req/s 200 1.62-2.55, 304 1.88-4.05 (single rounds 0.81-7.25); CPU
  // per request 200 2.55-2.77, 304 3.52-4.66 (single rounds 0.98-8.39). Main's code, three runs
  // in the same session (load 8-14): req/s 0.81-0.96 / 0.89-1.21, CPU 0.79-1.12 / 0.76-0.98.
  // Limits 0.7/0.75 -> 0.9, the goal (not higher: on a quiet machine the load generator, on the
  // same two cores, may cap the faster side's req/s). The goals are the issue's.
  {
    name: 'runtime.200-ratio',
    what: 'runtime bundle 200 vs bare Express, req/s',
    limit: { min: 0.9 },
    goal: { min: 0.9 },
  },
  {
    name: 'runtime.304-ratio',
    what: 'runtime bundle 304 vs bare Express, req/s',
    limit: { min: 0.9 },
    goal: { min: 0.9 },
  },
  {
    name: 'runtime.200-cpu-ratio',
    what: 'runtime bundle 200 vs bare Express, CPU per request (bare / runtime)',
    limit: { min: 0.9 },
    goal: { min: 0.9 },
  },
  {
    name: 'runtime.304-cpu-ratio',
    what: 'runtime bundle 304 vs bare Express, CPU per request (bare / runtime)',
    limit: { min: 0.9 },
    goal: { min: 0.9 },
  },
  // A busy community over time (tests/bench/soak.bench.ts: 16 users, mixed reads and writes; 90 s
  // in a whole run, 8 minutes with `pnpm bench soak`; its people start with weeks of history).
  // The last window against the first says whether a request costs more as the data grows; the
  // limits catch a collapse and any server error while that work goes on.
  {
    name: 'soak.last-vs-first',
    what: 'soak: req/s of the last window vs the first',
    limit: { min: 0.3 },
    goal: { min: 0.8 },
  },
  {
    // CPU (the server's process with its users, and the database's) per request answered: what
    // each request costs as the data grows, apart from how fast the machine happened to be in
    // the first minute. 1.25 is the req/s goal's 0.8 turned round. Not measured without /proc.
    name: 'soak.cpu-per-request-last-vs-first',
    what: 'soak: CPU per request, last window vs first',
    limit: { max: 3 },
    goal: { max: 1.25 },
    onlyWhenRun: true,
  },
  {
    name: 'soak.last-p99-ms',
    what: 'soak: p99 of every request in the last window',
    limit: { max: 10000 },
    goal: { max: 1000 },
  },
  {
    // Growth per minute follows the requests served: at 185f445 CI's 90-s soak served 32,839
    // requests (468 req/s in its first window, ~4x the stop before) and grew 33.3 MB/min, ~1.5 KB
    // per request; the 8-minute soaks grew 0.93 KB (3a80958) and 0.99 KB (4e40e35) per request.
    // soak.disk-growth-kb-per-request prints that figure; this limit has room for a faster run.
    name: 'soak.disk-growth-mb-per-min',
    what: "soak: the database's disk growth per minute",
    limit: { max: 80 },
    goal: { max: 10 },
  },
  {
    name: 'soak.server-errors',
    what: 'soak: answers with a 5xx status',
    limit: { max: 0 },
  },
  {
    // Notices queued when the soak stops: those of its last seconds, unless the worker falls
    // behind, which makes each of its rounds slower still (the queue is listed and deleted whole on
    // the local database). 100 jobs a round left 2,910 after CI's 90 s (e13e7c8) and 25,104 after
    // 8 minutes; 500 a round, bounded by the people reached, 266 and 92 (8a2865e).
    name: 'soak.notify-jobs-left',
    what: 'soak: notification jobs still queued at the end',
    limit: { max: 1500 },
    goal: { max: 500 },
  },
  // Province scale (tests/bench/scale.bench.ts): 1,300 communities created through the services
  // when named (`pnpm bench scale`, about 8 minutes); 100 inside a whole run, which measures the
  // first hundred and the runtime rates but not growth or memory at scale.
  // Measured at 1,300 (scale-9, load average 10-16, two runs): with every read and write of
  // create + publish by `_id` and the standard versions kept, creating took 139-262 ms per
  // community per hundred (last 100: 139 ms, × 0.64 of the first); on 8ac1e88 it took 342-1026 ms
  // (last 100: 710 ms, × 1.53), the publish's move of the pointer reading every community. The
  // limits leave room for the swings of a loaded machine (one hundred differs from the next by
  // up to 2× there), so a scan that comes back, linear in the province, fails them.
  {
    name: 'scale.create-last-100-ms',
    what: 'create + publish one community, average of the last 100',
    limit: { max: 800 },
    goal: { max: 1000 },
    onlyWhenRun: true,
  },
  {
    name: 'scale.create-growth',
    what: 'create + publish: last 100 vs first 100 (flat is 1)',
    limit: { max: 2 },
    goal: { max: 1.2 },
    onlyWhenRun: true,
  },
  {
    // Since memory-11 read from the server's own process (compiled, as its start script runs
    // it), no longer the bench process's; read 10 s after the warm-up. memory-12: 137 MB at 1,300
    // (94 before the runtime cache; malloc's heap, the kept bundles, 5 -> 31 MB; 122 MB 30 s later;
    // load 8-12). Most of memory-11's 217 MB was V8 heap pages of garbage from the warm-up, not yet
    // given back at 10 s (169 and 197 MB in two scratch runs without the flag); the start
    // script's --heap-growing-percent=50 caps that growth (141 MB in a scratch run, 135 with 20%).
    // Limit 240 -> 180: about 1.3x the figure, room for a loaded machine.
    name: 'scale.rss-mb',
    what: 'server process RSS with every community runtime cached',
    limit: { max: 180 },
    goal: { max: 150 },
    onlyWhenRun: true,
  },
  // The runtime rates at 1,300 measured 0.68-0.82 (200), 0.75-0.76 (304) and a p99 of
  // 1.45-1.5× bare Express (load 8-16); at 100, 0.59 / 0.70 / 1.47× (scale-9, load 12) and
  // 0.91 / 0.80 / 1.63× (runtime-8). The rates swing too much under load to tighten past 0.4.
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
    limit: { max: 3 },
    goal: { max: 1.5 },
  },
  // Lookups by `_id` among 20,000 documents (server/bench/by-id.bench.ts). Every hot path reads
  // by `_id` alone because the local FerretDB indexes nothing else; before @scene/devdb matched
  // FerretDB's query to its `_id` index they scanned too: find 71 ms, update 186 ms, 0.29 of a
  // read by an unindexed field (stock v1.24.2, same machine) against 1.4 ms, 1.7 ms and 0.003.
  {
    name: 'db.by-id-find-ms',
    what: 'find one document by _id among 20,000, median',
    limit: { max: 15 },
    goal: { max: 5 },
  },
  {
    name: 'db.by-id-update-ms',
    what: 'update one document by _id among 20,000, median',
    limit: { max: 20 },
    goal: { max: 5 },
  },
  {
    name: 'db.by-id-guarded-update-ms',
    what: 'update one document by _id and another field (a revision check) among 20,000, median',
    limit: { max: 20 },
    goal: { max: 5 },
  },
  {
    name: 'db.by-id-vs-field-ratio',
    what: 'slowest of find, miss and updates by _id vs a find by an unindexed field',
    limit: { max: 0.1 },
    goal: { max: 0.02 },
  },
  {
    name: 'actions.create-ratio',
    what: 'create action vs plain mongoose insert into a collection with the same indexes, ops/s',
    // Since create-12 the action is one insert (the record carries its notices). Its baseline
    // is now a plain `create` into a collection with the tickets collection's indexes, so the
    // ratio is the platform's own cost, not the indexes' (a hand-written service pays for those
    // too). The bench also prints the old baseline (no index but `_id`) as
    // `actions.create-ratio-unindexed`. Same runs, load 1.6-4: 0.69 and 0.64 like for like, 0.62
    // and 0.54 against the bare collection (rounds 0.44-1.03). Earlier, against the bare one:
    // 0.42 and 0.25 in two quiet fresh-clone runs of the same code (6.6 vs 8.6 ms per action,
    // 2.7 vs 2.1 ms per plain insert): a ratio of two small times moves with the machine. The
    // limit sits below that noise; the regression it exists for (0.11, a job update per action
    // that read the whole jobs table) stays caught. Since create-14 an action's round ends when
    // the notices' jobs it gathered are written (their background write is its cost), 16 rounds.
    // Ten alternating runs each at load 7.5-13.8 (CI beside): main b01d658 median 0.625 (0.41-
    // 0.77), create-14 0.70 (0.57-0.86): jobs gathered 100 ms and written one round at a time,
    // codes without six HMACs each.
    limit: { min: 0.2 },
    goal: { min: 0.7 },
  },
  {
    name: 'actions.create-round-trips',
    what: 'database commands for one create action over HTTP, warm (tests/bench/runtime.bench.ts)',
    // 1 since create-12: the record's insert, which carries its notices (queued in the
    // background afterwards; the limit stays 2 because that background insert, or the worker's
    // poll, can land inside the request's window on a loaded machine). Before: 2, the record's
    // insert and the queued notices' insert. The caller, membership and installation come from
    // caches the change feed keeps current (the same count as
    // server/src/data/actions/round-trips.test.ts). lists-9 made it 3 (the list cache's change
    // note); since create-11 a numbered create whose process inserted the number before it
    // lately writes no note: cached lists find it by reading the next number's `_id`
    // (queries/number-probe.ts). Still 3: the first create of a numbering, a create after a
    // refusal, a gap or a quiet minute, every 25th number (the numbering's hint), and creates
    // in collections without numbers.
    limit: { max: 2 },
    goal: { max: 2 },
  },
  // A community's collection too large for the list cache (100,000 tickets), listed by the
  // database: the service's own cost per page. The page after a process starts (or every five
  // minutes) is cold: the cache's whole read, which finds the collection too big, runs beside the
  // database's page (the reader waits for it one second at most). Before the reader stopped
  // waiting for that read, the cold page was the figure: 1.50, 1.44 and 1.63 in CI, 1.79 here.
  {
    name: 'queries.list-ratio',
    what: 'list query service vs raw driver, time per page (later pages)',
    limit: { max: 1.5 },
    goal: { max: 1.1 },
  },
  {
    name: 'queries.list-cold-ratio',
    what: 'list query service vs raw driver, time of the first page a process serves',
    limit: { max: 3 },
    goal: { max: 1.5 },
  },
  // A notice to a whole role is queued by the action and fanned out by the background worker.
  {
    name: 'notify.push-answer-ms',
    what: 'notice to 10,000 residents: the action answers (one queued job)',
    limit: { max: 500 },
    goal: { max: 200 },
  },
  // The fan-out was 20 batches of 500 new inboxes, each read first by `$in` on `_id`: a scan of
  // every inbox on the local database, 43 of 48.2 s (load 12-17; 33-37 s quiet, 58 s in CI).
  // Since sched-12 a batch inserts every inbox (refused where one exists, those are pushed by
  // `_id`) and reads none: 4.4 s at load 10. The limit catches the scan coming back (over 30 s
  // even on a quiet machine) with room for a CI runner two to three times slower.
  {
    name: 'notify.fanout-10k-s',
    what: 'notice to 10,000 residents: background fan-out to every inbox',
    limit: { max: 30 },
    goal: { max: 10 },
  },
  // The everyday case: a second notice to the same 10,000, appended to inboxes that exist (an
  // update each). It never finished before 22e4f28: FerretDB v1.24.2 held each update's query
  // open to the command's end, on one of its 100 pooled connections, so the 100th update of a
  // batch waited forever (devdb patches it now). 12.7 s in the first CI run after the patch.
  {
    name: 'notify.fanout-10k-again-s',
    what: 'a second notice to the same 10,000 residents: fan-out into existing inboxes',
    limit: { max: 60 },
    goal: { max: 10 },
  },
  // Who holds a role (every notice to a role, every caregiver picker): once a query per page,
  // a scan of every membership of every community on the local database (~0.5 s at 6,000
  // memberships under load); now one read per community and change, then answered from memory.
  {
    name: 'holders.kept-ms',
    what: 'holders of a role in one community of 1,300, answered from what the process keeps',
    limit: { max: 5 },
    goal: { max: 1 },
  },
  {
    name: 'aggregates.100k-ratio',
    what: 'aggregate over 100,000 records (by day and group) vs a driver read of them, time',
    limit: { max: 1.5 },
    goal: { max: 1.1 },
  },
  {
    // FerretDB v1 reads every record of the collection in the proxy whatever the query, so this
    // is mostly its scan (the ratio above is the service's part).
    name: 'aggregates.100k-ms',
    what: 'aggregate over 100,000 records (by day and group), FerretDB',
    // An absolute time on a shared machine mostly measures the machine (108 s beside six busy
    // processes, where a bare driver read of the same records took 82 s): the ratio above is
    // what holds the code to account; this limit only catches a collapse.
    limit: { max: 180000 },
  },
  // Region dashboards (server/bench/region.bench.ts: 100 communities × 200 days in a whole
  // run, 1,300 × 400 with `pnpm bench region`) read the figures the nightly roll-up stored per
  // node and period (RegionViews), by `_id`, and the node's communities. 100 communities:
  // 36–133 ms beside five other helpers (load average 17–18; 5.5 s before, at load 22, read
  // from every community's roll-ups). The limit leaves the 2–3× swings of a loaded machine.
  {
    name: 'region.dashboard-30d-ms',
    what: 'region dashboard, 30 days, over 100 communities (whole run)',
    limit: { max: 1000 },
    goal: { max: 300 },
  },
  // The figure: a province of 1,300 communities, after the nightly build. 50 ms at load
  // average 1.2 (best of 3; a process's first read also loads its region directory, ~0.5 s),
  // where the same 30 days computed from the roll-ups (every read before the stored views) took
  // 6,705 ms in the same run. 492 ms before the directory: the node's communities were read from
  // every placement and community of the province on each read.
  {
    name: 'region.dashboard-30d-1300-ms',
    what: 'region dashboard, 30 days, over 1,300 communities',
    limit: { max: 300 },
    goal: { max: 300 },
    onlyWhenRun: true,
  },
  // The nightly build of every node's views (four nested nodes over every community, four
  // periods each), the roll-ups read once: 5.8–7.7 s at 100 communities (load 17–18). Off the
  // supervisors' path; the limit catches a collapse (a read of the roll-ups per node and period).
  {
    name: 'region.nightly-build-s',
    what: 'region views, nightly build of every node, 100 communities (whole run)',
    limit: { max: 40 },
  },
  {
    name: 'region.nightly-build-1300-s',
    what: 'region views, nightly build of every node, 1,300 communities',
    limit: { max: 300 },
    onlyWhenRun: true,
  },
  // A community's dashboard over a year of activity (server/bench/community.bench.ts: 27,816
  // records of repairs and requests). It reads roll-ups for the days before today; today is
  // counted from the records in the background (a scan of each collection on FerretDB v1: 37 s
  // at load 15) and the dashboard waits for it 3 s at most, then answers saying it is still
  // counting. Counted from the records as before roll-ups: 32.8 s for the same 30 days (over
  // 60 s under heavier load). Measured at load 15: first read 3191 ms, counted 82 ms.
  {
    name: 'community.dashboard-30d-ms',
    what: 'community dashboard, 30 days, a year of activity: first read (waits 3 s at most)',
    limit: { max: 6000 },
    goal: { max: 3500 },
  },
  {
    name: 'community.dashboard-30d-counted-ms',
    what: 'community dashboard, 30 days, a year of activity: today counted',
    limit: { max: 2000 },
    goal: { max: 300 },
  },
  // studio/bench/preview.bench.ts. It took one round of 60 edits after 10 to warm up and its
  // p95 was the 57th sample: three slow edits (a GC, the renderer waiting for a core) set it
  // (13.5 ms on a quiet machine, 24.9 ms in a CI run, 98.5 ms here at a load average of 9 with
  // a median of 8.8 ms). Now 30 edits warm up, the figure is the median of 7 rounds' p95s (60
  // edits each), and the edit's check reads the edited block, not the whole page, after the
  // clock stops. Same machine, load 13–15: figures 10.8, 13.0, 15.4 ms with 5 rounds and 13.0
  // with 7 (its rounds' p95s 5.1–34.8 ms); all edits' median 4.4–5.4 ms (store 0.4, Vue's patch
  // 2.0–2.7, style + layout 1.5–1.9). The slow edits are slow in patch and layout alike: the
  // machine, not one step. The limit stays one frame.
  {
    name: 'studio.preview-edit-p95-ms',
    what: 'studio preview update after a prop edit, 300 blocks, p95',
    limit: { max: 16 },
    goal: { max: 16 },
  },
  {
    // Each acted record is a claim, an inbox message and a follow-up record through the write
    // layer: FerretDB's one-at-a-time writes set the pace (39–50 s while inbox messages were
    // documents of their own). With the inbox one document per person, the bench's one owner
    // told of 9,000 missed check-ins took 374–657 s (a push per record, each rewriting her whole
    // inbox); since a batch's notices go out grouped (one inbox write per person per 500
    // records) it measured 92 s on a machine at load 16–18 on its 2 cores, where the same run
    // before took 657 s. The limit is that figure with room for a loaded CI runner; what is
    // left is the alert record inserted per record.
    // sched-12: no commit since 63baca3 changed what the run sends (the same ~18,750 commands at
    // 63baca3 and fe9cc4b, load ~13: 76.7 s and 101.3 s, the difference is the machine's). Two
    // costs went: one read of the elders per 2,000-record slice (each decodes and sorts every
    // enrolment on the local database; five were 30 of 101 s), and one change note per alert
    // (9,000 notes -> 900). Alternating on one machine: 63baca3 78.8 / 96.4 s, sched-12 42.0 /
    // 62.4 s (load 12-17). What is left is one alert insert per record. Limit unchanged: CI
    // measured 138.8 s with the old code.
    // sched-15: the last CI's 31.6 s (19.0 s one CI before) was load, not a commit: b01d658 and
    // main sent the same commands, and alternating they moved together (20.1 / 17.3 s at load
    // ~5, 35.6 / 39.1 s at load 7-9). The alert inserts (9,000 single inserts, half the run) now
    // go in one insert per collection per batch: 17.9 s median at load 7-9 beside main's 39.1 s,
    // 8.7 s in a profiled run. The limit catches a return of the single inserts on CI.
    name: 'schedules.run-10k-s',
    what: 'one schedule run over 10,000 records (9,000 acted), seconds',
    limit: { max: 40 },
    goal: { max: 20 },
  },
  {
    name: 'schema.cached-validator-ratio',
    what: 'cached action validator vs hand-written check, checks/s',
    limit: { min: 0.2 },
  },
];
