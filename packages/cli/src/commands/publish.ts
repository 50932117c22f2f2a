import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiError, createApi, type PluginFixturesInput } from '@scene/client';
import type { Io } from '../io';
import { loadJson, printIssues } from '../io';
import { validateFile } from './validate';

const TIMEOUT_MS = 30_000;

/**
 * `scene plugin publish <plugin.json> --server URL --token T`: validates locally, then publishes
 * through the API client (`POST {server}/api/v1/plugins` with the token as bearer), and with it
 * the example data in `fixtures/` beside plugin.json (`config.json`, `records.json`), which the
 * studio's previews of the plugin show.
 */
export async function publishCommand(
  file: string | undefined,
  server: string | undefined,
  token: string | undefined,
  io: Io,
): Promise<number> {
  if (!file || !server || !token) {
    io.err('用法 / usage: scene plugin publish <plugin.json> --server <URL> --token <token>');
    return 2;
  }
  const local = await validateFile(file);
  if (!local.ok) {
    io.out(`✖ ${file}: 本地校验未通过，未发布 / local validation failed, nothing was published`);
    printIssues(io, local.errors);
    return 1;
  }
  const loaded = await loadJson(file);
  if (!loaded.ok) return 1;
  const fixtures = await loadFixtures(dirname(file), io);
  if (fixtures === 'invalid') return 1;
  let base: URL;
  try {
    base = new URL(server);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(base.protocol);
  } catch {
    io.err(`✖ 服务器地址无效 / invalid server URL: ${server}`);
    return 2;
  }
  const api = createApi({
    baseUrl: server,
    token,
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) }),
  });
  let published: Awaited<ReturnType<typeof api.registry.publish>>;
  try {
    published = await api.registry.publish(loaded.json);
    io.out(
      `✔ 已提交，等待审核 / published ${published.pluginId}@${published.version}, waiting for review`,
    );
    io.out(JSON.stringify(published, null, 2));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    reportFailure(err, server, base, io);
    return 1;
  }
  if (!fixtures) return 0;
  try {
    const stored = await api.registry.publishFixtures(
      published.pluginId,
      published.version,
      fixtures,
    );
    const count = Object.values(stored.records).reduce((n, r) => n + r.length, 0);
    io.out(`✔ 示例数据已随版本发布 / example data published with it (${count} records)`);
    return 0;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    io.err('✖ 版本已发布，但示例数据被拒绝 / the version is published, its example data was not:');
    reportFailure(err, server, base, io);
    return 1;
  }
}

/** `fixtures/config.json` and `fixtures/records.json` beside plugin.json, when there are any. */
async function loadFixtures(
  dir: string,
  io: Io,
): Promise<PluginFixturesInput | undefined | 'invalid'> {
  const files = {
    config: join(dir, 'fixtures', 'config.json'),
    records: join(dir, 'fixtures', 'records.json'),
  };
  if (!existsSync(files.config) && !existsSync(files.records)) return undefined;
  const out: Record<string, unknown> = { config: {}, records: {} };
  for (const [part, path] of Object.entries(files)) {
    if (!existsSync(path)) continue;
    const loaded = await loadJson(path);
    if (!loaded.ok) {
      io.out(`✖ ${path}: 未发布 / nothing was published`);
      printIssues(io, [loaded.issue]);
      return 'invalid';
    }
    out[part] = loaded.json;
  }
  // The registry checks the data against the manifest and answers with what is wrong.
  return out as unknown as PluginFixturesInput;
}

function reportFailure(err: ApiError, server: string, base: URL, io: Io): void {
  if (err.isNetworkError) {
    io.err(`✖ 无法连接 ${base.origin} / cannot reach ${base.origin}: ${err.message}`);
    return;
  }
  if (err.status === 404) {
    // Publishing itself never answers 404: the server at this address has no such API.
    io.err(
      `✖ ${server} 上没有 Scene Platform 的插件仓库接口（返回 404），请检查 --server 地址（不含 /api/v1）。`,
    );
    io.err(
      `✖ There is no Scene Platform registry at ${server} (it answered 404): check --server, the address the studio is served from, without /api/v1.`,
    );
    return;
  }
  if (err.status === 401) {
    io.err(
      '✖ 令牌无效、已过期或已吊销（修改密码后所有令牌失效）/ the token is unknown, expired or revoked (changing the password revokes every token) (HTTP 401)',
    );
    io.err(`  ${err.message}`);
    return;
  }
  if (err.status === 403 && err.code === 'token_scope') {
    io.err(
      '✖ 此令牌没有“提交组件”权限，请在组件商控制台创建带该权限的令牌 / this token lacks the "Submit plugins" (plugins:publish) scope: create one with it in the vendor console',
    );
    return;
  }
  io.err(`✖ 发布失败 / publish failed: HTTP ${err.status} ${err.code}`);
  io.err(`  ${err.message}`);
  if (err.details !== undefined)
    io.err(`  details: ${JSON.stringify(err.details, null, 2).replace(/\n/g, '\n  ')}`);
}
