import { computed, ref, watch } from 'vue';
import { ApiError, type PublishResult } from '@scene/client';
import { exampleManifest, type PluginManifest } from '@scene/schema';
import { api } from '../api';
import { checkManifestText, locateServerIssues, type LocatedIssue } from './manifest-check';

/** `1.2.3` → `1.2.4` (patch) or `1.3.0` (minor); anything else is left for the vendor. */
export function bumpVersion(version: string, part: 'patch' | 'minor' = 'patch'): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return version;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return part === 'minor' ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
}

export const toText = (manifest: unknown) => `${JSON.stringify(manifest, null, 2)}\n`;

/** The next version of a published manifest: same plugin, bumped version, changelog entry. */
export function nextVersionOf(manifest: PluginManifest): PluginManifest {
  const version = bumpVersion(manifest.version);
  const changelog = [...(manifest.changelog ?? [])];
  changelog.push({ version, notes: { 'zh-CN': '修复与改进', en: 'Fixes and improvements' } });
  return { ...manifest, version, changelog };
}

function refusalIssue(text: string, err: ApiError): LocatedIssue {
  const [issue] = locateServerIssues(text, [
    { pointer: REFUSAL_POINTERS[err.code] ?? '', message: err.message, code: err.code },
  ]);
  return issue!;
}

/** The browser and the registry run the same checks; each finding is listed once. */
function distinct(issues: LocatedIssue[]): LocatedIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.severity}\u0000${i.pointer}\u0000${i.code}\u0000${i.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** Refusals that carry no pointer still belong on a line the vendor can fix. */
const REFUSAL_POINTERS: Record<string, string> = {
  version_exists: '/version',
  version_not_newer: '/version',
  vendor_mismatch: '/vendor/id',
};

/**
 * The vendor's manifest editor: text, live validation (debounced while typing), submission and
 * the registry's answer. Validation runs in two steps: the browser runs `scene plugin validate`'s
 * own checks at once (manifest-check.ts), then, when those pass, the registry's dry run
 * (`POST /api/v1/plugins/validate`) adds what only the registry knows: the upgrade gate against
 * the published versions, the vendor and the version. Issues from the registry stay on their
 * lines until the text changes; one the browser already reported is shown once.
 */
export function useManifestWorkbench(
  options: { debounceMs?: number; onPublished?: (r: PublishResult) => void } = {},
) {
  const text = ref('');
  const checkedText = ref('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(text, (t) => {
    clearTimeout(timer);
    const wait = options.debounceMs ?? 250;
    if (wait <= 0) checkedText.value = t;
    else timer = setTimeout(() => (checkedText.value = t), wait);
  });

  const check = computed(() =>
    checkedText.value.trim() ? checkManifestText(checkedText.value) : null,
  );
  const submitting = ref(false);
  const published = ref<PublishResult | null>(null);
  const refusal = ref<Refusal | null>(null);
  const serverIssues = ref<LocatedIssue[]>([]);
  const submittedText = ref<string | null>(null);

  // The registry's verdict on the last structurally valid text; a newer check supersedes it.
  const registry = ref<{ text: string; issues: LocatedIssue[] } | null>(null);
  let checkSeq = 0;
  watch(check, async (c) => {
    if (!c?.json || c.errors > 0) return;
    const forText = checkedText.value;
    const seq = ++checkSeq;
    let found: LocatedIssue[];
    try {
      found = locateServerIssues(forText, (await api().registry.check(c.json)).warnings);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.isNetworkError) return;
      found = locateServerIssues(forText, err.details);
      if (!found.length) found = [refusalIssue(forText, err)];
    }
    if (seq === checkSeq) registry.value = { text: forText, issues: found };
  });
  const registryChecked = computed(() => registry.value?.text === text.value);

  const issues = computed<LocatedIssue[]>(() =>
    distinct([
      ...(check.value?.issues ?? []),
      ...(registryChecked.value && submittedText.value !== text.value
        ? registry.value!.issues
        : []),
      ...(submittedText.value === text.value ? serverIssues.value : []),
    ]),
  );
  const errorCount = computed(() => issues.value.filter((i) => i.severity === 'error').length);
  const upToDate = computed(() => checkedText.value === text.value);
  const canSubmit = computed(
    () => upToDate.value && !!check.value?.manifest && errorCount.value === 0 && !submitting.value,
  );

  function load(next: string | PluginManifest): void {
    text.value = typeof next === 'string' ? next : toText(next);
    checkedText.value = text.value;
    published.value = null;
    refusal.value = null;
  }

  function startNew(vendorId: string): void {
    load(exampleManifest(`${vendorId || 'acme'}.my-plugin`));
  }

  async function submit(): Promise<boolean> {
    checkedText.value = text.value;
    const manifest = check.value?.manifest;
    if (!manifest || check.value!.errors > 0) return false;
    submitting.value = true;
    published.value = null;
    refusal.value = null;
    serverIssues.value = [];
    submittedText.value = text.value;
    try {
      published.value = await api().registry.publish(manifest);
      options.onPublished?.(published.value);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      refusal.value = { status: err.status, code: err.code, message: err.message };
      serverIssues.value = locateServerIssues(text.value, err.details);
      return false;
    } finally {
      submitting.value = false;
    }
  }

  return {
    text,
    check,
    registryChecked,
    issues,
    errorCount,
    upToDate,
    canSubmit,
    submitting,
    published,
    refusal,
    load,
    startNew,
    submit,
  };
}
