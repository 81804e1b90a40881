import { Entity } from '@backstage/catalog-model';
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
    delivery?: PromotionDelivery;
  },
  templatePath: string = PROMOTE_TEMPLATE_PATH,
): string {
  return `${templatePath}?${new URLSearchParams({
    formData: JSON.stringify(formData),
  })}`;
}

/**
 * How the promote-modelkit template delivers a change (its `delivery` field): a GitHub pull
 * request, or a branch pushed to the deploy repository.
 *
 * @internal
 */
export type PromotionDelivery = 'github' | 'git';

/**
 * How a roll back of a Component is delivered, from the host of its deploy repository (its
 * `kitstage.dev/deploy-repository` annotation, else its `backstage.io/source-location`, as the
 * backend reads them): a pull request on github.com, a pushed branch on any other host (which
 * works on every Git host; a GitLab merge request can be picked in the form). Undefined when
 * the Component names no repository: the template's default then applies. The backend checks
 * the repository again, whatever the form says.
 *
 * @internal
 */
export function promotionDeliveryOf(
  entity: Entity,
): PromotionDelivery | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const deploy = annotations['kitstage.dev/deploy-repository']?.trim();
  const source = annotations['backstage.io/source-location']?.trim();
  let location: string | undefined;
  if (deploy) {
    location = deploy.split('#')[0];
  } else if (source?.startsWith('url:')) {
    location = source.slice('url:'.length);
  }
  if (!location) {
    return undefined;
  }
  let host: string;
  try {
    host = new URL(location).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
  return host === 'github.com' ? 'github' : 'git';
}
