import {
  compareModelCardWithKitfile,
  ModelKitModelCardResponse,
  readModelCard,
} from '@kitstage/plugin-modelkit-common';
import {
  ModelCardView,
  ModelKitVersionPicker,
  ModelKitVersionTab,
  useModelKitModelCard,
  useModelKitVersionSelection,
} from '@kitstage/plugin-modelkit-react';
import Grid from '@material-ui/core/Grid';
import { useMemo } from 'react';
import { ModelCardMetadata } from './ModelCardMetadata';

/**
 * A model card with its front matter read: the Markdown body on the left and,
 * when the card has front matter (or front matter that could not be read),
 * its metadata next to it, flagged where it disagrees with the Kitfile.
 */
function ModelCardWithMetadata(props: { card: ModelKitModelCardResponse }) {
  const { card } = props;
  const read = useMemo(
    () =>
      card.markdown !== null && card.source.type === 'docs-layer'
        ? readModelCard(card.markdown)
        : undefined,
    [card.markdown, card.source.type],
  );
  if (!read || (!read.frontMatter && read.problems.length === 0)) {
    return <ModelCardView card={card} />;
  }
  const disagreements = read.frontMatter
    ? compareModelCardWithKitfile(read.frontMatter, card.descriptions)
    : [];
  return (
    <Grid container spacing={2} alignItems="flex-start">
      <Grid item xs={12} lg={8}>
        <ModelCardView card={{ ...card, markdown: read.body }} />
      </Grid>
      <Grid item xs={12} lg={4}>
        <ModelCardMetadata
          frontMatter={read.frontMatter}
          disagreements={disagreements}
          problems={read.problems}
        />
      </Grid>
    </Grid>
  );
}

/**
 * The Model card tab of a ModelKit entity page, for one version (the newest
 * by default, or `?version=` a tag or digest).
 *
 * @internal
 */
export function ModelCardContent() {
  const selection = useModelKitVersionSelection();
  const card = useModelKitModelCard(selection.entityName, selection.reference);
  return (
    <ModelKitVersionTab
      versions={selection.versions}
      invalidReference={selection.invalidReference}
      state={card}
      pickers={
        selection.pickable && (
          <div>
            <ModelKitVersionPicker label="Version" {...selection.pickerProps} />
          </div>
        )
      }
      labels={{
        invalidReference: reference =>
          `"${reference}" is not a tag or a manifest digest`,
        loadError: 'The model card could not be loaded',
        noVersion: {
          versionsLoadError: 'The versions could not be loaded',
          emptyTitle: 'No version',
          emptyDescription: 'This ModelKit has no version in its registry yet.',
        },
      }}
    >
      {value => <ModelCardWithMetadata card={value} />}
    </ModelKitVersionTab>
  );
}
