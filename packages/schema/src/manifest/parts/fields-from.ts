// manifestVersion 2: a create action whose form fields come from the installation's config (a
// survey's questions). The meta-schema part, its type, and the one reading of it that the
// server (checking answers) and the portal (drawing the form) share.
import type { Issue } from '../../errors/issue';
import type { Filter } from '../../filter/types';
import { issue } from '../../errors/messages';

/** What a config entry may ask for; the platform knows how to draw and check each. */
export const FIELD_KINDS = ['choice', 'choices', 'rating', 'text'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/**
 * `"fieldsFrom": {"bind": "config.questions", "field": "answers", "types": {"single": "choice", …}}`:
 * each entry of the config array is one form field. `keys` names the entry's properties (defaults:
 * `id`, `title`, `type`, `required`, `options`); `types` maps the entry's type values to the
 * platform's field kinds. The caller sends `input.<field>` as an object keyed by entry id; the
 * record stores `<field>` as a list of `{q, choice | choices | rating | text}`.
 */
export interface FieldsFromDef {
  bind: string;
  field: string;
  keys?: { id?: string; label?: string; type?: string; required?: string; options?: string };
  types: Record<string, FieldKind>;
  /** A number field of the record that gets the mean of its rating answers (a satisfaction score). */
  score?: string;
  /** Results per question for these roles (never rows): counts, percentages, small groups hidden. */
  results?: FieldsFromResults;
}

export interface FieldsFromResults {
  roles: string[];
  /** Who also reads the free-text answers (e.g. `operator`); nobody when absent. */
  textRoles?: string[];
  /** Who may download the results as a file (CSV, XLSX); `roles` when absent. */
  exportRoles?: string[];
  /** Fewer answers than this (default 5, 2–1000): no figures, for the survey and each question. */
  minGroupSize?: number;
  /** Which records count, e.g. this round of the survey (`opensOn eq config.opensOn`). */
  where?: Filter;
}

const key = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' };

/** The `fieldsFrom` property of a create action in the manifest meta-schema. */
export const fieldsFromProperty = {
  type: 'object',
  properties: {
    bind: { type: 'string', pattern: '^config(?:\\.[A-Za-z_][A-Za-z0-9_]*){1,5}$' },
    field: key,
    score: key,
    keys: {
      type: 'object',
      properties: { id: key, label: key, type: key, required: key, options: key },
      additionalProperties: false,
    },
    types: {
      type: 'object',
      minProperties: 1,
      maxProperties: 20,
      propertyNames: { pattern: '^[A-Za-z0-9_-]{1,40}$' },
      additionalProperties: { enum: [...FIELD_KINDS] },
    },
    results: {
      type: 'object',
      properties: {
        roles: { $ref: '#/$defs/roleList' },
        textRoles: { $ref: '#/$defs/roleList' },
        exportRoles: { $ref: '#/$defs/roleList' },
        minGroupSize: { type: 'integer', minimum: 2, maximum: 1000 },
        where: { $ref: '#/$defs/filter' },
      },
      required: ['roles'],
      additionalProperties: false,
    },
  },
  required: ['bind', 'field', 'types'],
  additionalProperties: false,
};

/** One field as the platform reads it from a config entry. */
export interface ConfigField {
  id: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  options: string[];
}

/** Rating fields are 1–5 stars. */
export const RATING_MAX = 5;

function read(obj: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, name) ? obj[name] : undefined;
}

/** The fields the config array describes; entries without an id or a known type are left out. */
export function configFields(def: FieldsFromDef, list: unknown): ConfigField[] {
  if (!Array.isArray(list)) return [];
  const k = def.keys ?? {};
  const out: ConfigField[] = [];
  const seen = new Set<string>();
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    const id = read(e, k.id ?? 'id');
    const type = read(e, k.type ?? 'type');
    if (typeof id !== 'string' || !id || seen.has(id) || typeof type !== 'string') continue;
    const kind = Object.prototype.hasOwnProperty.call(def.types, type)
      ? def.types[type]
      : undefined;
    if (!kind) continue;
    seen.add(id);
    const label = read(e, k.label ?? 'title');
    const options = read(e, k.options ?? 'options');
    out.push({
      id,
      label: typeof label === 'string' && label ? label : id,
      kind,
      required: read(e, k.required ?? 'required') === true,
      options: Array.isArray(options)
        ? options.filter((o): o is string => typeof o === 'string' && o !== '')
        : [],
    });
  }
  return out;
}

/** Limits the collection's item schema sets on stored answers. */
export interface AnswerLimits {
  textMaxLength: number;
}

/** One stored answer. */
export interface StoredAnswer {
  q: string;
  choice?: string;
  choices?: string[];
  rating?: number;
  text?: string;
}

const say = (pointer: string, code: string, zh: string, en: string) => issue(pointer, code, zh, en);

/**
 * Checks an answer object (`{<field id>: value}`) against the fields and turns it into the
 * stored list. Unknown ids, values of the wrong kind, options not offered, ratings outside 1–5,
 * over-long text and missing required answers are issues with pointers `/<field>/<id>`.
 */
export function answersFromInput(
  fields: ConfigField[],
  value: unknown,
  at: string,
  limits: AnswerLimits,
): { answers: StoredAnswer[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const answers: StoredAnswer[] = [];
  if (value === undefined) value = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      answers,
      issues: [
        say(`/${at}`, 'type', '答案格式不正确。', 'The answers are not in the right shape.'),
      ],
    };
  }
  const given = value as Record<string, unknown>;
  const ids = new Set(fields.map((f) => f.id));
  for (const id of Object.keys(given))
    if (!ids.has(id))
      issues.push(say(`/${at}/${id}`, 'unknown', '没有这个问题。', 'There is no such question.'));
  for (const f of fields) {
    const ptr = `/${at}/${f.id}`;
    const v = read(given, f.id);
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (f.required)
        issues.push(say(ptr, 'required', '此题必答。', 'This question needs an answer.'));
      continue;
    }
    if (f.kind === 'choice') {
      if (typeof v !== 'string' || !f.options.includes(v))
        issues.push(say(ptr, 'options', '请选择一个给出的选项。', 'Choose one of the options.'));
      else answers.push({ q: f.id, choice: v });
    } else if (f.kind === 'choices') {
      const list = Array.isArray(v) ? v : [v];
      if (
        !list.every((o) => typeof o === 'string' && f.options.includes(o)) ||
        new Set(list).size !== list.length
      )
        issues.push(say(ptr, 'options', '请只选择给出的选项。', 'Choose only among the options.'));
      else answers.push({ q: f.id, choices: list as string[] });
    } else if (f.kind === 'rating') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > RATING_MAX)
        issues.push(say(ptr, 'rating', '请打 1 到 5 星。', 'Give 1 to 5 stars.'));
      else answers.push({ q: f.id, rating: v });
    } else if (typeof v !== 'string' || v.trim().length > limits.textMaxLength) {
      issues.push(
        say(
          ptr,
          'text',
          `请填写不超过 ${limits.textMaxLength} 个字。`,
          `Write at most ${limits.textMaxLength} characters.`,
        ),
      );
    } else if (v.trim()) answers.push({ q: f.id, text: v.trim() });
    else if (f.required)
      issues.push(say(ptr, 'required', '此题必答。', 'This question needs an answer.'));
  }
  return { answers, issues };
}

/**
 * The form schema (the platform's vendor-schema subset) for the fields: one property per
 * field, in config order, so a form library draws them like any declared input.
 */
export function fieldsFormSchema(
  fields: ConfigField[],
  limits: AnswerLimits,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const f of fields) {
    const title = { 'zh-CN': f.label, en: f.label };
    const labels = Object.fromEntries(f.options.map((o) => [o, { 'zh-CN': o, en: o }]));
    if (f.kind === 'choice')
      properties[f.id] = {
        type: 'string',
        title,
        enum: f.options,
        'x-labels': labels,
        'x-widget': 'radio',
      };
    else if (f.kind === 'choices')
      properties[f.id] = {
        type: 'array',
        title,
        maxItems: f.options.length || 1,
        uniqueItems: true,
        'x-widget': 'checkbox',
        items: { type: 'string', enum: f.options, 'x-labels': labels },
      };
    else if (f.kind === 'rating')
      properties[f.id] = {
        type: 'integer',
        title,
        minimum: 1,
        maximum: RATING_MAX,
        'x-widget': 'rate',
      };
    else
      properties[f.id] = {
        type: 'string',
        title,
        maxLength: limits.textMaxLength,
        'x-widget': 'textarea',
      };
  }
  return {
    type: 'object',
    properties,
    required: fields.filter((f) => f.required).map((f) => f.id),
    additionalProperties: false,
  };
}

/** The answer limits the collection declares for `fieldsFrom.field` (its items' `text.maxLength`). */
export function fieldsFromLimits(
  collectionSchema: { properties?: Record<string, unknown> } | undefined,
  field: string,
): AnswerLimits {
  const prop = collectionSchema?.properties?.[field] as
    { items?: { properties?: { text?: { maxLength?: number } } } } | undefined;
  return { textMaxLength: prop?.items?.properties?.text?.maxLength ?? 500 };
}

/** One question's figures; absent figures mean too few answered it to show any. */
export interface QuestionResult {
  id: string;
  label: string;
  kind: FieldKind;
  answered: number;
  suppressed?: true;
  /** choice / choices: every option in config order; rating: the stars 1–5. */
  counts?: { value: string; count: number; percent: number }[];
  /** rating: the mean stars. */
  average?: number | null;
  /** text: the answers, sorted (arrival order could tell who wrote which). */
  texts?: string[];
}

export interface FieldsResults {
  total: number;
  minGroupSize: number;
  suppressed?: true;
  questions: QuestionResult[];
}

const percent = (n: number, of: number) => (of ? Math.round((n * 1000) / of) / 10 : 0);

/**
 * Tallies stored answers per question of the current config. Percentages are of the people who
 * answered that question (for `choices` they may add up to more than 100). Fewer answers than
 * `minGroupSize` hide the figures (and texts) — of everything when the survey itself has too few.
 */
export function tallyAnswers(
  fields: ConfigField[],
  records: { answers?: unknown }[],
  opts: { minGroupSize: number; withText: boolean; maxTexts?: number },
): FieldsResults {
  const total = records.length;
  const hideAll = total < opts.minGroupSize;
  const questions = fields.map((f): QuestionResult => {
    const given = records
      .map((r) =>
        Array.isArray(r.answers)
          ? (r.answers as StoredAnswer[]).find((a) => a && a.q === f.id)
          : undefined,
      )
      .filter((a): a is StoredAnswer => a !== undefined);
    const base: QuestionResult = { id: f.id, label: f.label, kind: f.kind, answered: given.length };
    if (hideAll || given.length < opts.minGroupSize)
      return { ...base, answered: hideAll ? 0 : given.length, suppressed: true };
    if (f.kind === 'text') {
      if (!opts.withText) return base;
      const texts = given
        .map((a) => a.text)
        .filter((t): t is string => typeof t === 'string')
        .sort((a, b) => a.localeCompare(b, 'zh-CN'));
      return { ...base, texts: texts.slice(0, opts.maxTexts ?? 1000) };
    }
    const values =
      f.kind === 'rating' ? Array.from({ length: RATING_MAX }, (_, i) => String(i + 1)) : f.options;
    const tally = new Map(values.map((v) => [v, 0]));
    let sum = 0;
    for (const a of given) {
      const picked =
        f.kind === 'rating'
          ? [String(a.rating)]
          : f.kind === 'choice'
            ? [a.choice]
            : (a.choices ?? []);
      for (const v of picked) if (v !== undefined && tally.has(v)) tally.set(v, tally.get(v)! + 1);
      if (f.kind === 'rating' && typeof a.rating === 'number') sum += a.rating;
    }
    return {
      ...base,
      counts: values.map((value) => ({
        value,
        count: tally.get(value)!,
        percent: percent(tally.get(value)!, given.length),
      })),
      ...(f.kind === 'rating'
        ? { average: given.length ? Math.round((sum / given.length) * 100) / 100 : null }
        : {}),
    };
  });
  return {
    total: hideAll ? 0 : total,
    minGroupSize: opts.minGroupSize,
    ...(hideAll ? { suppressed: true as const } : {}),
    questions,
  };
}

/** Rows as CSV text (UTF-8 with a BOM so spreadsheet programs read the Chinese right). */
export function csvText(rows: (string | number)[][]): string {
  const cell = (value: string | number) => {
    const v = String(value);
    // A leading = + - @ would run as a formula in a spreadsheet (a number is written as it is).
    const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The mean stars of one answer's rating items, rounded to 2 places; undefined without any. */
export function ratingScore(answers: StoredAnswer[]): number | undefined {
  const stars = answers.map((a) => a.rating).filter((r): r is number => typeof r === 'number');
  if (!stars.length) return undefined;
  return Math.round((stars.reduce((x, y) => x + y, 0) / stars.length) * 100) / 100;
}
