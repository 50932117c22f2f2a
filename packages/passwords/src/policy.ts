import type { ZxcvbnResult } from '@zxcvbn-ts/core';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's score 3: about 10^8 guesses, "safely unguessable" for a throttled online attack. */
export const MIN_SCORE = 3;

export type PasswordProblem =
  'too_short' | 'too_long' | 'common' | 'personal' | 'pattern' | 'guessable';

export interface PasswordVerdict {
  ok: boolean;
  /** 0 (trivial) … 4 (strong), zxcvbn's estimate. */
  score: number;
  /** Why it is refused, most telling first; empty when `ok`. */
  problems: PasswordProblem[];
}

const COMMON_WARNINGS = new Set(['topTen', 'topHundred', 'common', 'similarToCommon', 'pwned']);
const PATTERN_WARNINGS = new Set([
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
]);

/** Turns the estimator's result into the platform's verdict (pure, for both sides). */
export function verdictOf(password: string, result: ZxcvbnResult | null): PasswordVerdict {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const score = result?.score ?? 0;
  if (result && score < MIN_SCORE) {
    const warning = result.feedback.warning ?? '';
    const fromZh = result.sequence.some(
      (m) => m.pattern === 'dictionary' && 'dictionaryName' in m && m.dictionaryName === 'zh',
    );
    if (warning === 'userInputs') problems.push('personal');
    else if (COMMON_WARNINGS.has(warning) || fromZh) problems.push('common');
    else if (PATTERN_WARNINGS.has(warning)) problems.push('pattern');
    if (!problems.some((p) => p !== 'too_short' && p !== 'too_long')) problems.push('guessable');
  }
  return { ok: problems.length === 0, score, problems };
}

/** What each problem means, in the platform's two languages. */
export const PASSWORD_MESSAGES: Record<PasswordProblem, { 'zh-CN': string; en: string }> = {
  too_short: {
    'zh-CN': `密码至少 ${PASSWORD_MIN_LENGTH} 位。`,
    en: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  },
  too_long: {
    'zh-CN': `密码最多 ${PASSWORD_MAX_LENGTH} 位。`,
    en: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  },
  common: {
    'zh-CN': '这是常见密码，很容易被猜到，请换一个。',
    en: 'This is a common password and easy to guess. Choose another one.',
  },
  personal: {
    'zh-CN': '密码不能以用户名或称呼为主。',
    en: 'The password must not be built on your username or name.',
  },
  pattern: {
    'zh-CN': '请避免连续或重复的字符、键盘上相邻的键和日期。',
    en: 'Avoid runs, repeated characters, keys next to each other and dates.',
  },
  guessable: {
    'zh-CN': '密码太容易被猜到：请加长，或用几个不相关的词组合。',
    en: 'Too easy to guess: make it longer, or combine a few unrelated words.',
  },
};

/** One sentence per problem, joined, in both languages. */
export function describe(problems: PasswordProblem[]): { 'zh-CN': string; en: string } {
  return {
    'zh-CN': problems.map((p) => PASSWORD_MESSAGES[p]['zh-CN']).join(''),
    en: problems.map((p) => PASSWORD_MESSAGES[p].en).join(' '),
  };
}
