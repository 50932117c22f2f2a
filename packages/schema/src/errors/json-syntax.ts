import type { LocalizedText } from '../manifest/types';
import type { Issue } from './issue';

/** A JSON text that did not parse: where it broke (1-based line and column) and why. */
export interface JsonSyntaxIssue extends Issue {
  line: number;
  column: number;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; issue: JsonSyntaxIssue };

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

const WHY = {
  value: t(
    '这里应为一个值（对象、数组、字符串、数字、true、false 或 null）',
    'a value (object, array, string, number, true, false or null) is expected here',
  ),
  name: t('这里应为用双引号括起的属性名', 'a property name in double quotes is expected here'),
  colon: t('属性名后应为 “:”', 'a ":" is expected after the property name'),
  objectNext: t(
    '这里应为 “,” 或 “}”（可能少了逗号或多了逗号）',
    'a "," or "}" is expected here (a comma may be missing or extra)',
  ),
  arrayNext: t(
    '这里应为 “,” 或 “]”（可能少了逗号或多了逗号）',
    'a "," or "]" is expected here (a comma may be missing or extra)',
  ),
  trailing: t(
    'JSON 已在前面结束，这里不应再有内容',
    'the JSON has already ended; nothing may follow',
  ),
  end: t(
    '内容意外结束（可能缺少 “}”、“]” 或 “"”）',
    'the text ends too early (a "}", "]" or " may be missing)',
  ),
  control: t(
    '字符串中不能直接换行或含控制字符（换行请写 \\n）',
    'a string cannot hold a line break or control character (write \\n for a line break)',
  ),
  escape: t(
    '无效的转义（可用 \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX）',
    'invalid escape (use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)',
  ),
  number: t('无效的数字', 'invalid number'),
};

class Stop {
  constructor(
    readonly at: number,
    readonly why: LocalizedText,
  ) {}
}

/** Finds the first syntax error of a text that JSON.parse refused (a small JSON grammar walk). */
function locate(text: string): Stop {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (why: LocalizedText): never => {
    throw new Stop(i, i >= text.length ? WHY.end : why);
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail(WHY.end);
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail(WHY.control);
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail(WHY.escape);
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail(WHY.escape);
      } else i++;
    }
  };
  const digits = () => {
    if (!(text[i]! >= '0' && text[i]! <= '9')) fail(WHY.number);
    while (text[i]! >= '0' && text[i]! <= '9') i++;
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
    // `01`, `1.2.3`: still a number to the reader, so say so.
    if (text[i] !== undefined && /[0-9.]/.test(text[i]!)) fail(WHY.number);
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(WHY.name);
        string();
        ws();
        if (text[i] !== ':') fail(WHY.colon);
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail(WHY.objectNext);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail(WHY.arrayNext);
      }
    }
    if (c === '"') return string();
    const word = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : undefined;
    if (word) {
      for (const ch of word)
        if (text[i] === ch) i++;
        else fail(WHY.value);
      return;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(WHY.value);
  };
  try {
    value();
    ws();
    if (i < text.length) fail(WHY.trailing);
  } catch (e) {
    if (e instanceof Stop) return e;
    throw e;
  }
  // JSON.parse refused what the walk accepts (e.g. a BOM): point at the start.
  return new Stop(0, WHY.value);
}

/**
 * JSON.parse, but a failure is an issue every reader understands: Chinese and English, with the
 * line and column where the text broke (JSON.parse's own message is English and engine-specific).
 */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const stop = locate(text);
    const before = text.slice(0, stop.at).split('\n');
    const line = before.length;
    const column = before[before.length - 1]!.length + 1;
    return {
      ok: false,
      issue: {
        pointer: '',
        code: 'json.parse',
        severity: 'error',
        line,
        column,
        message: t(
          `JSON 格式错误（第 ${line} 行第 ${column} 列）：${stop.why['zh-CN']}。`,
          `Not valid JSON (line ${line}, column ${column}): ${stop.why.en}.`,
        ),
      },
    };
  }
}
