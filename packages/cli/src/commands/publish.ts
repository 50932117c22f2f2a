import type { Io } from '../io';
import { loadJson, printIssues } from '../io';
import { validateFile } from './validate';

interface ApiError {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

/**
 * `scene plugin publish <plugin.json> --server URL --token T`: validates locally, then
 * `POST {server}/api/v1/plugins` with the manifest as body and a bearer token.
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
  let url: URL;
  try {
    url = new URL('api/v1/plugins', server.endsWith('/') ? server : `${server}/`);
  } catch {
    io.err(`✖ 服务器地址无效 / invalid server URL: ${server}`);
    return 2;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(loaded.json),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    io.err(`✖ 无法连接 ${url.origin} / cannot reach ${url.origin}: ${(e as Error).message}`);
    return 1;
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.ok) {
    io.out(`✔ 已提交 / published ${local.plugin} (HTTP ${res.status})`);
    if (body !== undefined) io.out(JSON.stringify(body, null, 2));
    return 0;
  }
  if (res.status === 404) {
    io.err(
      `✖ 该服务器尚未提供插件仓库接口（POST ${url.pathname} 返回 404）。插件已通过本地校验，可稍后再发布。`,
    );
    io.err(
      `✖ The registry API is not available yet on this server (POST ${url.pathname} returned 404). The plugin passed local validation; publish again once the registry is live.`,
    );
    return 1;
  }
  const err = (body as ApiError | undefined)?.error;
  io.err(
    `✖ 发布失败 / publish failed: HTTP ${res.status}${err?.code ? ` ${String(err.code)}` : ''}`,
  );
  if (typeof err?.message === 'string') io.err(`  ${err.message}`);
  if (err?.details !== undefined)
    io.err(`  details: ${JSON.stringify(err.details, null, 2).replace(/\n/g, '\n  ')}`);
  if (!err && text) io.err(`  ${text.slice(0, 500)}`);
  return 1;
}
