// Temporary (not committed): CPU profile of the create action in the service bench's setup.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatabase } from '@scene/devdb';
import mongoose from 'mongoose';
import { runAction } from '../src/data/actions/service';
import { loadStandardPlugin, member, testDataPlane } from '../src/data/records/test-kit';
const dir = mkdtempSync(join(tmpdir(), 'scene-prof-'));
const server = await startDatabase({ dataDir: dir, log: () => {} });
const connection = mongoose.createConnection(server.uri, { dbName: 'bench', autoIndex: false });
await connection.asPromise();
const C = 'bench-community';
const repair = loadStandardPlugin('property-repair');
const dp = await testDataPlane(connection);
await dp.install(C, repair);
const resident = member(C, ['resident'], 'bench');
dp.members.add(C, member(C, ['staff'], 'staff').accountId, ['staff']);
const input = { category: 'plumbing', locationType: 'room', room: '3幢2单元1201', title: '厨房水管漏水', contactName: '张三', contactPhone: '13812341234' };
const once = () => runAction(dp, { communityId: C, pluginId: repair.id, action: 'report', caller: resident, input });
for (let i = 0; i < 50; i++) await once();
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect();
await s.post('Profiler.enable'); await s.post('Profiler.start');
const t0 = performance.now();
for (let i = 0; i < 400; i++) await once();
const ms = performance.now() - t0;
const { profile } = await s.post('Profiler.stop');
console.log(`400 actions: ${(ms / 400).toFixed(2)} ms each`);
// self time by function
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const dt = profile.timeDeltas; const samples = profile.samples;
for (let i = 0; i < samples.length; i++) { const n: any = byId.get(samples[i]); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); }
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / 1000).toFixed(0).padStart(6)} ms ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
// inclusive time for our files
const incl = new Map<string, number>();
const parent = new Map<number, number>();
for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id);
for (let i = 0; i < samples.length; i++) { const seen = new Set<string>(); let id: number | undefined = samples[i]; while (id !== undefined) { const n: any = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}`; if (n.callFrame.url.includes('/server/src/') && !seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + (dt[i] ?? 0)); } id = parent.get(id); } }
console.log('--- inclusive (server/src) ---');
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / 1000).toFixed(0).padStart(6)} ms ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
console.log(`total sampled ${(total / 1000).toFixed(0)} ms (idle included)`);
await connection.close(); await server.stop();
