import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { errorText } from './errors';

/**
 * One request at a time from a button: `busy` drives its spinner, and a failure becomes a toast
 * in plain words, so each screen only says what to do when it works.
 */
export function useSubmit() {
  const { t } = useI18n();
  const busy = ref(false);

  async function submit(work: () => Promise<void>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    try {
      await work();
    } catch (err) {
      ElMessage.error(errorText(err, t));
    } finally {
      busy.value = false;
    }
  }

  return { busy, submit };
}
