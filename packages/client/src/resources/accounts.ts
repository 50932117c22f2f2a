import type { Body, Query, Schemas } from '../contract';
import { seg } from '../contract';
import type { HttpClient } from '../http';

export type Account = Schemas['Account'];
export type NewAccount = Body<'/api/v1/accounts', 'post'>;
export type AccountPatch = Body<'/api/v1/accounts/{accountId}', 'patch'>;
export type AccountFilter = Query<'/api/v1/accounts', 'get'>;
export type PlatformAccountRole = Account['platformRoles'][number];

/** Platform accounts (admins only). */
export interface AccountsApi {
  list(filter?: AccountFilter): Promise<Account[]>;
  create(input: NewAccount): Promise<Account>;
  update(accountId: string, patch: AccountPatch): Promise<Account>;
}

export function accountsApi(http: HttpClient): AccountsApi {
  return {
    list: async (filter = {}) =>
      (await http.request<{ items: Account[] }>('GET', '/api/v1/accounts', { query: filter }))
        .items,
    create: (input) => http.request('POST', '/api/v1/accounts', { body: input }),
    update: (accountId, patch) =>
      http.request('PATCH', `/api/v1/accounts/${seg(accountId)}`, { body: patch }),
  };
}
