import { describePasswordProblems, loadPasswordPolicy } from '@scene/passwords';
import { HttpError } from '../../http/errors';

/**
 * Refuses a new password the platform's policy (@scene/passwords: length, a strength estimate,
 * common lists incl. Chinese ones, the account's own names) rejects: 400 `weak_password` with
 * the reasons in both languages. Every way a password is set goes through here.
 */
export async function assertStrongPassword(password: string, personal: string[]): Promise<void> {
  const verdict = (await loadPasswordPolicy()).check(password, personal);
  if (verdict.ok) return;
  const message = describePasswordProblems(verdict.problems);
  throw new HttpError(400, 'weak_password', message.en, { problems: verdict.problems, message });
}
