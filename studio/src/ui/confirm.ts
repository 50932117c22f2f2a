import { ElMessageBox } from 'element-plus';

/**
 * Every destructive step goes through here: a confirmation naming what happens, with the
 * dangerous button in red. Resolves true when confirmed, false when cancelled or closed.
 */
export async function confirmDanger(
  t: (key: string, values?: Record<string, unknown>) => string,
  message: string,
  title: string,
  confirmLabel?: string,
): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      type: 'warning',
      confirmButtonText: confirmLabel ?? t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'el-button--danger',
      customClass: 'studio-confirm',
    });
    return true;
  } catch {
    return false;
  }
}
