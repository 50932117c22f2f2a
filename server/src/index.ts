export { createApp, type AppParts } from './app';
export { loadConfig, type Config } from './config';
export { connect } from './db/connection';
export { createLogger } from './logger';
export { defaultStaticDirs } from './paths';
export { HttpError } from './http/errors';
