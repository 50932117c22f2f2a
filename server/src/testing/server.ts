import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Connection } from 'mongoose';
import { createAppWithServices } from '../app';
import { loadConfig } from '../config';
import { ensureIndexes } from '../services';
import { createLogger } from '../logger';
import type { Services } from '../services';
import type { AnswerProblem } from '../http/answer-check';

export interface TestServer {
  base: string;
  services: Services;
  /** Stops the server; fails when any answer broke the API contract (see `answerChecker`). */
  close(): Promise<void>;
  /** fetch against the server; `body` is sent as JSON; `as` is a session token or `Bearer x`. */
  call(
    method: string,
    path: string,
    opts?: { body?: unknown; raw?: string; as?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; json: any; text: string }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read answers loosely
}

/** Builds the app on a test database (indexes included) and listens on a free loopback port. */
export async function startTestServer(
  connection: Connection,
  env: Record<string, string> = {},
): Promise<TestServer> {
  await ensureIndexes(connection);
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'x'.repeat(32),
    ...(process.env.TEST_LOG_LEVEL ? { LOG_LEVEL: process.env.TEST_LOG_LEVEL } : {}),
    ...env,
  });
  const problems: AnswerProblem[] = [];
  const { app, services } = createAppWithServices({
    config,
    connection,
    logger: createLogger(config),
    staticDirs: { studioDist: '/nonexistent/studio', portalDist: '/nonexistent/portal' },
    onAnswerProblem: (p) => problems.push(p),
  });
  // As in a real process: notices to roles and webhook deliveries go out in the background.
  services.dataPlane.notifications.start();
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    services,
    async close() {
      services.feed.stop();
      await services.dataPlane.notifications.stop();
      await new Promise<void>((r) => server.close(() => r()));
      // Also an answer no assertion looked at must keep the contract.
      if (problems.length) {
        const list = problems.map((p) => `${p.route} ${p.status}: ${p.problem}`);
        throw new Error(`answers outside the API contract:\n${[...new Set(list)].join('\n')}`);
      }
    },
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.as) {
        if (opts.as.startsWith('Bearer ')) headers.authorization = opts.as;
        else headers.cookie = `scene_session=${opts.as}`;
      }
      let body: string | undefined;
      if (opts.raw !== undefined) body = opts.raw;
      else if (opts.body !== undefined) body = JSON.stringify(opts.body);
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(base + path, { method, headers, body });
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, json, text };
    },
  };
}

/** The password `sessionFor` gives its accounts (strong enough for the password policy). */
export const TEST_PASSWORD = 'test-Quill-7402';

/** Creates an account and a session for it without going through the (slow) password check. */
export async function sessionFor(
  services: Services,
  account: { username: string; platformRoles?: ('admin' | 'vendor')[]; vendorId?: string },
): Promise<{ token: string; accountId: string }> {
  const existing = await services.auth.findByUsername(account.username);
  const accountId =
    existing?._id ??
    (
      await services.auth.createAccount({
        username: account.username,
        displayName: account.username,
        password: TEST_PASSWORD,
        platformRoles: account.platformRoles ?? [],
        ...(account.vendorId ? { vendorId: account.vendorId } : {}),
      })
    ).id;
  const { token } = await services.auth.openSession(accountId);
  return { token, accountId };
}
