import { useRoute, useRouter } from '../router';
import { ref } from 'vue';
import { useI18n } from '../i18n';
import { useShell } from '../context';
import { failureMessage } from '../failure';
import { landsOnWork } from '../work-views';

/**
 * What logging in and registering share: one request at a time, the failure in plain words, and
 * afterwards who is signed in now (asked afresh), then the page the visitor was sent from
 * (`?next=/c/…`), else 工作台 for staff and their own page for everyone else.
 */
export function useSignIn(request: () => Promise<unknown>, messageFor401?: string) {
  const shell = useShell();
  const { t } = useI18n();
  const route = useRoute();
  const router = useRouter();
  const busy = ref(false);
  const error = ref('');

  async function submit(): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    error.value = '';
    try {
      await request();
      await shell.session.reload();
      void shell.refreshUnread();
      const next =
        typeof route.query.next === 'string' && route.query.next.startsWith('/c/')
          ? route.query.next
          : undefined;
      const home = landsOnWork(shell.bundle, shell.session.state.user) ? 'work' : 'me';
      await router.replace(next ?? { name: home, params: { communityId: shell.communityId } });
    } catch (err) {
      error.value =
        messageFor401 && (err as { status?: number }).status === 401
          ? messageFor401
          : failureMessage(err, t, shell.prefs.locale);
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, submit };
}
