import { InfoCard } from '@backstage/core-components';
import type { ModelKitModelCardResponse } from '@kitstage/plugin-modelkit-common';
import { Alert } from '@material-ui/lab';
import { formatBytes } from '../../lib/format';
import { SafeMarkdown } from '../SafeMarkdown';
import { KitfileDescriptions } from './KitfileDescriptions';

/**
 * A model card: the Markdown of the docs layer rendered sanitized, or the
 * Kitfile descriptions when the backend found none.
 *
 * @public
 */
export function ModelCardView(props: { card: ModelKitModelCardResponse }) {
  const { card } = props;
  const title =
    card.source.type === 'docs-layer'
      ? `Model card · ${card.source.path}`
      : 'Model card · from the Kitfile';
  return (
    <InfoCard title={title}>
      {card.truncated && (
        <Alert severity="info" role="note">
          {`The model card is longer than ${formatBytes(
            card.maxBytes,
          )}; its beginning is shown.`}
        </Alert>
      )}
      {card.warnings.length > 0 && (
        <Alert severity="warning" role="note">
          {card.warnings.join(' ')}
        </Alert>
      )}
      {card.markdown !== null && card.source.type === 'docs-layer' ? (
        <SafeMarkdown content={card.markdown} />
      ) : (
        <KitfileDescriptions descriptions={card.descriptions} />
      )}
    </InfoCard>
  );
}
