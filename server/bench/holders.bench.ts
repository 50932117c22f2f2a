// `pnpm bench`: who holds a role in one community, among the memberships of many (issue 18).
// The notification worker asks for every notice to a role, page by page, and a staff member's
// caregiver picker asks on every queue page. Before, each ask was a query on the memberships;
// the local database decodes every membership of every community for it. Now a process reads a
// community's members once and keeps them until one changes (data/people/role-holders.ts).
// Figures: the query each page ran before; the first ask after a change (the one read); an ask
// answered from what is kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDatabase } from '@scene/devdb';
import mongoose from 'mongoose';
import { reportFigure } from '@scene/bench-kit';
import { membershipId, type MembershipDoc } from '../src/control/auth/model';
import { createModels } from '../src/control/models';
import { membershipHolders } from '../src/data/plane';
import { RoleHolders } from '../src/data/people/role-holders';

const COMMUNITIES = Number(process.env.BENCH_COMMUNITIES ?? 1_300);
const PER_COMMUNITY = 30;
const ROUNDS = 3;
const C = 'c0000';

const dir = mkdtempSync(join(tmpdir(), 'scene-bench-'));
const server = await startDatabase({ dataDir: dir, log: () => {} });
const connection = mongoose.createConnection(server.uri, { dbName: 'bench', autoIndex: false });
await connection.asPromise();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  const models = createModels(connection);
  const now = new Date();
  const memberships = connection.db!.collection<MembershipDoc>(
    models.Membership.collection.collectionName,
  );
  for (let c = 0; c < COMMUNITIES; c++) {
    const communityId = `c${String(c).padStart(4, '0')}`;
    await memberships.insertMany(
      Array.from({ length: PER_COMMUNITY }, (_, k): MembershipDoc => {
        const accountId = `${communityId}-a${String(k).padStart(3, '0')}`;
        return {
          _id: membershipId(communityId, accountId),
          communityId,
          accountId,
          // A few staff, one caregiver, the rest residents: a small community.
          role: k < 3 ? 'staff' : 'resident',
          pluginRoles: k === 3 ? ['plugin:std.home-care/caregiver'] : [],
          createdAt: now,
          updatedAt: now,
        };
      }),
    );
  }
  const roles = ['staff', 'plugin:std.home-care/caregiver'];

  // Before: one query per page (as data/plane.ts ran it until this change).
  const before: number[] = [];
  let found = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    const rows = await models.Membership.find(
      {
        communityId: C,
        $or: [
          { role: { $in: ['staff'] } },
          { pluginRoles: { $in: ['plugin:std.home-care/caregiver'] } },
        ],
      },
      { accountId: 1 },
    )
      .sort({ accountId: 1 })
      .limit(500)
      .lean();
    before.push(performance.now() - t);
    found = rows.length;
  }

  const first: number[] = [];
  const kept: number[] = [];
  const holders = new RoleHolders(membershipHolders(models));
  for (let r = 0; r < ROUNDS; r++) {
    holders.forget();
    let t = performance.now();
    const ids = await holders.page(C, roles, { limit: 500 });
    first.push(performance.now() - t);
    if (ids.length !== found) throw new Error(`found ${ids.length} holders, the query ${found}`);
    t = performance.now();
    for (let k = 0; k < 100; k++) await holders.page(C, roles, { limit: 500 });
    kept.push((performance.now() - t) / 100);
  }

  const total = (COMMUNITIES * PER_COMMUNITY).toLocaleString('en');
  console.log(`the holders of two roles in one community, among ${total} memberships (FerretDB)`);
  console.log(`  before, the query of every page: ${median(before).toFixed(0)} ms`);
  console.log(
    `  the first ask after a change (one read of the community): ${median(first).toFixed(0)} ms`,
  );
  console.log(`  an ask answered from what is kept: ${(median(kept) * 1000).toFixed(0)} µs`);
  reportFigure('holders.query-before-ms', Math.round(median(before)), 'ms');
  reportFigure('holders.first-ms', Math.round(median(first)), 'ms');
  reportFigure('holders.kept-ms', Number(median(kept).toFixed(3)), 'ms');
} finally {
  await connection.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
