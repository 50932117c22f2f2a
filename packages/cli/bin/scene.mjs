#!/usr/bin/env node
// Runs the TypeScript entry through tsx (packages export TS source; there is no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
