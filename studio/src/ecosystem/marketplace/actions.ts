import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import type { Installation } from '@scene/client';
import { localize } from '@scene/schema';
import { api } from '../../api';
import { confirmDanger } from '../shared/confirm';
import { errorText } from '../shared/errors';
import { uninstallPolicy } from '../shared/manifest-facts';
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
      pinned ? t('eco.market.pinnedDone', { name: nameOf(i) }) : t('eco.market.unpinnedDone'),
    );
  }

  async function setEnabled(i: Installation, enabled: boolean) {
    if (!enabled) {
      const ok = await confirmDanger(
        t,
        t('eco.market.disableConfirm', { name: nameOf(i) }),
        t('eco.market.disableTitle'),
        t('eco.market.disable'),
      );
      if (!ok) return false;
    }
    return run(
      () => api().installations.update(community(), i.pluginId, { enabled }),
      t(enabled ? 'eco.market.enabledDone' : 'eco.market.disabledDone', { name: nameOf(i) }),
    );
  }

  async function uninstall(i: Installation) {
    const policy = i.manifest ? uninstallPolicy(i.manifest) : 'export-then-delete';
    const message = t('eco.market.uninstallConfirm', {
      name: nameOf(i),
      policy: t(`eco.uninstall.${policy}`),
    });
    if (
      !(await confirmDanger(t, message, t('eco.market.uninstallTitle'), t('eco.market.uninstall')))
    )
      return false;
    return run(
      () => api().installations.uninstall(community(), i.pluginId),
      t('eco.market.uninstalled', { name: nameOf(i) }),
    );
  }

  return { setPinned, setEnabled, uninstall, nameOf };
}
