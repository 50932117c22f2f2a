// autocannon's `setupRequest` for a measurement spread over many paths, loaded inside its worker
// thread (a worker cannot receive a function, only a file to require). The paths and their
// headers come from BENCH_SPREAD, which lib.ts sets before it starts the worker.
'use strict';
const spread = JSON.parse(process.env.BENCH_SPREAD || '[]');
module.exports = function setupRequest(req) {
  const pick = spread[Math.floor(Math.random() * spread.length)];
  return { ...req, path: pick.path, headers: { ...req.headers, ...(pick.headers || {}) } };
};
