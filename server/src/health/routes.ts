import { Router } from 'express';
import type { Connection } from 'mongoose';
import { ping } from '../db/connection';

export function healthRoutes(
  connection: Connection,
  facts: () => Record<string, unknown> = () => ({}),
): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const up = await ping(connection);
    res
      .status(up ? 200 : 503)
      .json({ status: up ? 'ok' : 'degraded', database: up ? 'up' : 'down', ...facts() });
  });
  return router;
}
