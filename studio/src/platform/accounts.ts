import type { MemberRole, NewAccount } from '@scene/client';

export type AccountKind = 'operator' | 'staff' | 'vendor' | 'admin';

export interface AccountForm {
  kind: AccountKind;
  username: string;
  displayName: string;
  password: string;
  vendorId: string;
  communityIds: string[];
}

export const emptyAccountForm = (): AccountForm => ({
  kind: 'operator',
  username: '',
  displayName: '',
  password: '',
  vendorId: '',
  communityIds: [],
});

export const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/;
export const VENDOR_ID = /^[a-z][a-z0-9-]{0,29}$/;

/**
 * What creating an account means on the server: the account itself (platform roles for admins
 * and vendors), then one membership per chosen community for operators and staff.
 */
export function planAccount(form: AccountForm): {
  account: NewAccount;
  memberships: { communityId: string; role: MemberRole }[];
} {
  const account: NewAccount = {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    password: form.password,
  };
  if (form.kind === 'admin') account.platformRoles = ['admin'];
  if (form.kind === 'vendor') {
    account.platformRoles = ['vendor'];
    account.vendorId = form.vendorId.trim();
  }
  const memberships =
    form.kind === 'operator' || form.kind === 'staff'
      ? form.communityIds.map((communityId) => ({ communityId, role: form.kind as MemberRole }))
      : [];
  return { account, memberships };
}

/** Field names that are wrong, for the form to mark. */
export function accountProblems(form: AccountForm): string[] {
  const out: string[] = [];
  if (!USERNAME.test(form.username.trim())) out.push('username');
  if (!form.displayName.trim()) out.push('displayName');
  if (form.password.length < 8) out.push('password');
  if (form.kind === 'vendor' && !VENDOR_ID.test(form.vendorId.trim())) out.push('vendorId');
  return out;
}
