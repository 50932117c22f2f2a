import type { Body, Schemas } from '../contract';
import { seg } from '../contract';
import type { HttpClient } from '../http';

export type ApiToken = Schemas['ApiToken'];
export type NewApiToken = Schemas['NewApiToken'];
export type TokenRequest = Body<'/api/v1/auth/tokens', 'post'>;
export type TokenScope = ApiToken['scopes'][number];

/**
 * My API tokens, for the CLI and scripts (vendors and admins): each has scopes (`read`,
 * `plugins:publish`) and expires; a token cannot create tokens.
 */
export interface TokensApi {
  list(): Promise<ApiToken[]>;
  /** The answer holds the token's value; it is never shown again. */
  create(input: TokenRequest): Promise<NewApiToken>;
  revoke(tokenId: string): Promise<void>;
}

export function tokensApi(http: HttpClient): TokensApi {
  return {
    list: async () =>
      (await http.request<{ items: ApiToken[] }>('GET', '/api/v1/auth/tokens')).items,
    create: (input) => http.request('POST', '/api/v1/auth/tokens', { body: input }),
    async revoke(tokenId) {
      await http.request('DELETE', `/api/v1/auth/tokens/${seg(tokenId)}`);
    },
  };
}
