import type { LocalizedText } from '../manifest/types';
import type { Issue, Severity } from './issue';

/** Builds an issue; every semantic rule states what is wrong and what is allowed, in both languages. */
export function issue(
  pointer: string,
  code: string,
  zh: string,
  en: string,
  severity: Severity = 'error',
): Issue {
  const message: LocalizedText = { 'zh-CN': zh, en };
  return { pointer, code, severity, message };
}
