import { describe, expect, it } from 'vitest';
import { describePasswordProblems, loadPasswordPolicy } from './index';

describe('the password policy', () => {
  it('refuses common and weak passwords, in both languages', async () => {
    const policy = await loadPasswordPolicy();
    for (const weak of ['12345678', 'password', 'qwertyuiop', 'abcd1234', 'Password1']) {
      const verdict = policy.check(weak);
      expect(verdict.ok, weak).toBe(false);
      expect(verdict.problems, weak).toContain('common');
    }
    // Common among Chinese users, ranked low by the English-centred list alone.
    expect(policy.check('woaini1314').problems).toEqual(['common']);
    expect(policy.check('11112222').ok).toBe(false);
    expect(policy.check('short').problems).toContain('too_short');
    expect(policy.check('x'.repeat(201)).problems).toContain('too_long');
    const text = describePasswordProblems(policy.check('12345678').problems);
    expect(text['zh-CN']).toMatch(/常见密码/);
    expect(text.en).toMatch(/common password/);
    // The first load reads the dictionaries: seconds, more on a loaded machine than vitest's 5 s.
  }, 60_000);

  it('refuses a password built on the account’s own name', async () => {
    const policy = await loadPasswordPolicy();
    expect(policy.check('wangxiaohong88', ['wangxiaohong', '王小红']).problems).toEqual([
      'personal',
    ]);
    expect(policy.check('wangxiaohong88').ok).toBe(true);
  });

  it('accepts passphrases and random-looking passwords', async () => {
    const policy = await loadPasswordPolicy();
    for (const strong of [
      'demo-resident-2025',
      'correct horse battery',
      'Cuiyuan#2025',
      'tq7-Lm2x-9Vb',
    ]) {
      expect(policy.check(strong), strong).toMatchObject({ ok: true, problems: [] });
    }
  });
});
