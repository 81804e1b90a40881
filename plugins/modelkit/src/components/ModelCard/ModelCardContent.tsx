import { compareModelCardWithKitfile } from '@kitstage/plugin-modelkit-common';
import {
  ModelCardView,
  ModelKitVersionSelectionTab,
  useModelKitModelCard,
  useModelKitVersionSelection,
} from '@kitstage/plugin-modelkit-react';
import { ModelCardMetadata } from './ModelCardMetadata';

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
    <ModelKitVersionSelectionTab
      selection={selection}
      state={card}
      labels={{ loadError: 'The model card could not be loaded' }}
    >
      {value => (
        <ModelCardView
          card={value}
          renderFrontMatter={document => (
            // The front matter's metadata, flagged where it disagrees with the Kitfile.
            <ModelCardMetadata
              frontMatter={document.frontMatter}
              disagreements={
                document.frontMatter
                  ? compareModelCardWithKitfile(
                      document.frontMatter,
                      value.descriptions,
                    )
                  : []
              }
              problems={document.problems}
            />
          )}
        />
      )}
    </ModelKitVersionSelectionTab>
  );
}
