import { InfoCard } from '@backstage/core-components';
import {
  readModelCard,
  type ModelCardDocument,
  type ModelKitModelCardResponse,
} from '@kitstage/plugin-modelkit-common';
import Grid from '@material-ui/core/Grid';
import { Alert } from '@material-ui/lab';
import { ReactNode, useMemo } from 'react';
import { formatBytes } from '../../lib/format';
import { SafeMarkdown } from '../SafeMarkdown';
import { KitfileDescriptions } from './KitfileDescriptions';

/**
 * A model card: the Markdown of the docs layer, its front matter split off with
 * `readModelCard` and its body rendered sanitized, or the Kitfile descriptions when the
 * backend found none.
 *
 * @param props - `card`: the model card, as the backend answers it; `renderFrontMatter`:
 *   renders what the card's front matter declares, shown next to the card when the card has
 *   front matter, or front matter that could not be read (`document.problems`). Without it, the
 *   front matter is left out and only the Markdown body is shown.
 * @public
 */
export function ModelCardView(props: {
  card: ModelKitModelCardResponse;
  renderFrontMatter?: (
    document: ModelCardDocument,
    card: ModelKitModelCardResponse,
  ) => ReactNode;
}) {
  const { card, renderFrontMatter } = props;
  const document = useMemo(
    () =>
      card.markdown !== null && card.source.type === 'docs-layer'
        ? readModelCard(card.markdown)
        : undefined,
    [card.markdown, card.source.type],
  );
  const title =
    card.source.type === 'docs-layer'
      ? `Model card · ${card.source.path}`
      : 'Model card · from the Kitfile';
  const view = (
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
      {document ? (
        <SafeMarkdown content={document.body} />
      ) : (
        <KitfileDescriptions descriptions={card.descriptions} />
      )}
    </InfoCard>
  );
  if (
    !renderFrontMatter ||
    !document ||
    (!document.frontMatter && document.problems.length === 0)
  ) {
    return view;
  }
  return (
    <Grid container spacing={2} alignItems="flex-start">
      <Grid item xs={12} lg={8}>
        {view}
      </Grid>
      <Grid item xs={12} lg={4}>
        {renderFrontMatter(document, card)}
      </Grid>
    </Grid>
  );
}
