// Public surface of @scene/runtime: the renderer library (the studio preview uses it) and the
// small helpers the shell shares with it. The shell app itself starts from shell/main.ts.
export * from './renderer';
export { communityIdFromPath } from './shell/community';
