import type { Schemas } from '../contract';
import type { HttpClient } from '../http';

export type MyDataExport = Schemas['MyDataExport'];
export type DeletionReport = Schemas['DeletionReport'];

/** My rights over my own data (PIPL): a copy, erasure, closing my account. */
export interface PrivacyApi {
  exportMyData(): Promise<MyDataExport>;
  deleteMyData(): Promise<DeletionReport>;
  /** Closes my account for good (my data is erased first); needs my password. */
  closeAccount(password: string): Promise<DeletionReport>;
}

export function privacyApi(http: HttpClient): PrivacyApi {
  return {
    exportMyData: () => http.request('GET', '/api/v1/me/data-export'),
    deleteMyData: () =>
      http.request('POST', '/api/v1/me/data-deletion', { body: { confirm: true } }),
    closeAccount: (password) =>
      http.request('POST', '/api/v1/me/account-closure', { body: { password } }),
  };
}
