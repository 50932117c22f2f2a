import { describe, expect, it } from 'vitest';
import { SharedStrings } from './shared-strings';

describe('SharedStrings', () => {
  it('hands back the first equal string it was given, and stays within its bound', () => {
    const strings = new SharedStrings(2);
    const first = strings.share(['{"a":', '1}'].join(''));
    expect(strings.share('{"a":1}')).toBe(first);
    strings.share('b');
    // Full: the table starts afresh, so the next string is kept and the first is forgotten.
    const c = strings.share('c');
    expect(c).toBe('c');
    expect(strings.share('c')).toBe(c);
    expect(strings.share('{"a":1}')).toBe('{"a":1}');
  });
});
