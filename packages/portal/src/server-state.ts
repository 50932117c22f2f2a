import type { MeInCommunity } from '@scene/client/family';
import type { RuntimeBundle } from '@scene/client/runtime';
import type { Me } from '@scene/client/session';
import type { Preferences } from './state/preferences';

/** The id of the non-executed JSON element the server writes its state into. */
export const SERVER_STATE_ID = 'sp-state';

/**
 * The signed-in member a page was drawn for: the answers of `GET /auth/me`, `GET
 * /communities/:id/me` and the unread count, as the server's services gave them.
 */
export interface Viewer {
  me: Me;
  here: MeInCommunity | null;
  unread: number;
}

/**
 * What the server rendered the first page from, handed to the browser so it hydrates the same
 * page without asking again: the community's runtime bundle (its plugins' projections are
 * preloaded with the page), the language and mode it drew in, and the member it drew for.
 */
export interface ServerState {
  runtime: RuntimeBundle;
  etag: string;
  prefs: Preferences;
  viewer?: Viewer;
}

/** The server's state, when the page came drawn by the server. */
export function readServerState(doc: Document): ServerState | undefined {
  const el = doc.getElementById(SERVER_STATE_ID);
  if (!el?.textContent) return undefined;
  try {
    const state = JSON.parse(el.textContent) as ServerState;
    return state?.runtime?.portal && state.prefs ? state : undefined;
  } catch {
    return undefined;
  }
}
