import { compareModelCardWithKitfile } from '@kitstage/plugin-modelkit-common';
import {
  ModelCardView,
  ModelKitVersionPicker,
  ModelKitVersionTab,
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
    </ModelKitVersionTab>
  );
}
