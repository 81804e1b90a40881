import { PromotionHistoryEntry } from '@kitstage/plugin-modelkit-common';

/** Where the promote-modelkit template is, relative to the app's base URL. */
export const PROMOTE_TEMPLATE_PATH =
  '/create/templates/default/promote-modelkit';

/**
 * The entries of one environment, newest first by commit time.
 *
 * @internal
 */
export function environmentEntries(
  entries: readonly PromotionHistoryEntry[],
  environment: string,
): PromotionHistoryEntry[] {
  return entries
    .filter(e => e.environment === environment)
    .sort((a, b) => Date.parse(b.committedAt) - Date.parse(a.committedAt));
}

/**
 * The version to roll an environment back to: the newest earlier promotion whose
 * digest differs from the one in effect. Undefined when the environment has
 * never run another pinned version.
 *
 * @internal
 */
export function findRollbackTarget(
  entries: readonly PromotionHistoryEntry[],
  environment: string,
):
  | { current: PromotionHistoryEntry; previous: PromotionHistoryEntry }
  | undefined {
  const ordered = environmentEntries(entries, environment);
  const current = ordered[0];
  if (!current?.digest) {
    return undefined;
  }
  const previous = ordered
    .slice(1)
    .find(e => e.digest && e.digest !== current.digest);
  return previous ? { current, previous } : undefined;
}

/**
 * The link that opens the promote-modelkit template with the form prefilled
 * through Backstage's `formData` query parameter (a JSON object).
 *
 * @internal
 */
export function promoteTemplateLink(
  formData: {
    component: string;
    environment: string;
    version: string;
  },
  templatePath: string = PROMOTE_TEMPLATE_PATH,
): string {
  return `${templatePath}?${new URLSearchParams({
    formData: JSON.stringify(formData),
  })}`;
}
