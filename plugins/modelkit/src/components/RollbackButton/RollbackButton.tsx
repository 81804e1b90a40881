import { stringifyEntityRef } from '@backstage/catalog-model';
import { LinkButton } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  modelkitPromotePermission,
  PromotionHistoryEntry,
} from '@kitstage/plugin-modelkit-common';
import UndoIcon from '@material-ui/icons/Undo';
import { shortDigestHex } from '@kitstage/plugin-modelkit-react';
import {
  findRollbackTarget,
  promoteTemplateLink,
  promotionDeliveryOf,
} from './rollback';

/**
 * "Roll back" for one environment of the Component on the entity page: opens
 * the promote-modelkit template prefilled with the previously promoted digest
 * of that environment, delivered the way the host of the Component's deploy
 * repository takes it (a pull request on github.com, a pushed branch elsewhere).
 * Nothing is shown when no earlier version exists or the user may not promote
 * the Component.
 *
 * @internal
 */
export function RollbackButton(props: {
  environment: string;
  entries: readonly PromotionHistoryEntry[];
  templatePath?: string;
}) {
  const { entity } = useEntity();
  const componentRef = stringifyEntityRef(entity);
  const { allowed, loading } = usePermission({
    permission: modelkitPromotePermission,
    resourceRef: componentRef,
  });
  const target = findRollbackTarget(props.entries, props.environment);
  if (!target || loading || !allowed) {
    return null;
  }
  const version = target.previous.digest!;
  const delivery = promotionDeliveryOf(entity);
  return (
    <LinkButton
      to={promoteTemplateLink(
        {
          component: componentRef,
          environment: props.environment,
          version,
          ...(delivery ? { delivery } : {}),
        },
        props.templatePath,
      )}
      variant="outlined"
      size="small"
      startIcon={<UndoIcon fontSize="small" />}
      aria-label={`Roll back ${props.environment} to ${version}`}
      title={`Promote ${version} into ${props.environment} again (promoted ${target.previous.committedAt})`}
    >
      Roll back to {shortDigestHex(version)}
    </LinkButton>
  );
}
