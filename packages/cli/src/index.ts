// Programmatic entry of @scene/cli (the `scene` bin runs `main`).
export { main } from './main';
export type { Io } from './io';
