import { localize } from '@scene/schema';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import type { Installation } from '@scene/client';
import { api } from '../api';
import { confirmDanger } from '../ui/confirm';
import { errorText } from '../ui/errors';
import { uninstallPolicy } from '../manifest/manifest-facts';
import { useMarketplaceStore } from './store';

/** Pin, disable and uninstall an installation; the destructive ones are confirmed first. */
export function useInstallationActions() {
  const { t, locale } = useI18n();
  const store = useMarketplaceStore();
  const nameOf = (i: Installation) =>
    i.manifest ? localize(i.manifest.name, locale.value) : i.pluginId;

  async function run(work: () => Promise<unknown>, done: string): Promise<boolean> {
    try {
      await work();
      await store.refreshInstallations();
      ElMessage.success(done);
      return true;
    } catch (err) {
      ElMessage.error(errorText(err, t));
      return false;
    }
  }

  const community = () => store.communityId!;

  function setPinned(i: Installation, pinned: boolean) {
    return run(
      () => api().installations.update(community(), i.pluginId, { pinned }),
      pinned ? t('market.pinnedDone', { name: nameOf(i) }) : t('market.unpinnedDone'),
    );
  }

  async function setEnabled(i: Installation, enabled: boolean) {
    if (!enabled) {
      const ok = await confirmDanger(
        t,
        t('market.disableConfirm', { name: nameOf(i) }),
        t('market.disableTitle'),
        t('common.disable'),
      );
      if (!ok) return false;
    }
    return run(
      () => api().installations.update(community(), i.pluginId, { enabled }),
      t(enabled ? 'market.enabledDone' : 'market.disabledDone', { name: nameOf(i) }),
    );
  }

  async function uninstall(i: Installation) {
    const policy = i.manifest ? uninstallPolicy(i.manifest) : 'export-then-delete';
    const message = t('market.uninstallConfirm', {
      name: nameOf(i),
      policy: t(`uninstallPolicy.${policy}`),
    });
    if (!(await confirmDanger(t, message, t('market.uninstallTitle'), t('market.uninstall'))))
      return false;
    return run(
      () => api().installations.uninstall(community(), i.pluginId),
      t('market.uninstalled', { name: nameOf(i) }),
    );
  }

  return { setPinned, setEnabled, uninstall, nameOf };
}
