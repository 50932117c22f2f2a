// Public surface of @scene/passwords: the platform's one password policy, the same on the
// server (which enforces it) and in the browser (which says so before the request). The
// estimator and its dictionaries (about 0.5 MB) load on first use, so a browser fetches them
// only on the pages that ask for a new password.
import { verdictOf, type PasswordVerdict } from './policy';

export {
  describe as describePasswordProblems,
  MIN_SCORE,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MESSAGES,
  PASSWORD_MIN_LENGTH,
  type PasswordProblem,
  type PasswordVerdict,
} from './policy';

export interface PasswordPolicy {
  /**
   * Judges a new password. `personal` are words of the account itself (username, name): a
   * password built on them is refused.
   */
  check(password: string, personal?: string[]): PasswordVerdict;
}

let loading: Promise<PasswordPolicy> | undefined;

/** The policy, with the estimator loaded once per process or page. */
export function loadPasswordPolicy(): Promise<PasswordPolicy> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common, { ZH_COMMON_PASSWORDS }] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('./zh'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, zh: ZH_COMMON_PASSWORDS },
      graphs: common.adjacencyGraphs,
    });
    return {
      check(password, personal = []) {
        // The estimator's cost grows with length; past the limit the verdict is "too long" anyway.
        const judged =
          password.length <= 256 ? zxcvbn.check(password, personal.filter(Boolean)) : null;
        return verdictOf(password, judged);
      },
    };
  })();
  return loading;
}
