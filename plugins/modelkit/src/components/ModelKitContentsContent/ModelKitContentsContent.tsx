import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import {
  ModelKitCommandsCard,
  ModelKitLayersTable,
  ModelKitVersionPicker,
  ModelKitVersionSummaryCard,
  ModelKitVersionTab,
  useModelKitVersion,
  useModelKitVersionSelection,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';

/**
 * The Contents tab of a ModelKit entity page: pick a version (the newest by
 * default), then see its Kitfile summary, its `kit` commands and its layers.
 *
 * @remarks
 *
 * The selected version is kept in the `version` query parameter (a tag or a
 * digest), so a link to the page opens the same version.
 *
 * @internal
 */
export function ModelKitContentsContent() {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const selection = useModelKitVersionSelection();
  const version = useModelKitVersion(selection.entityName, selection.reference);

  return (
    <ModelKitVersionTab
      versions={selection.versions}
      invalidReference={selection.invalidReference}
      state={version}
      pickers={
        selection.pickable && (
          <div>
            <ModelKitVersionPicker
              label={t('contentsContent.version')}
              {...selection.pickerProps}
            />
          </div>
        )
      }
      labels={{
        invalidReference: reference => t('invalidReference', { reference }),
        loadError: t('contentsContent.loadError'),
        loadMoreError: t('contentsContent.versionsLoadError'),
        noVersion: {
          versionsLoadError: t('contentsContent.versionsLoadError'),
          emptyTitle: t('contentsContent.emptyTitle'),
          emptyDescription: t('contentsContent.emptyDescription'),
        },
      }}
    >
      {value => (
        <Grid container spacing={2}>
          <Grid item xs={12} md={7}>
            <ModelKitVersionSummaryCard version={value} />
          </Grid>
          <Grid item xs={12} md={5}>
            <ModelKitCommandsCard commands={value.commands} />
          </Grid>
          <Grid item xs={12}>
            <ModelKitLayersTable layers={value.layers} />
          </Grid>
        </Grid>
      )}
    </ModelKitVersionTab>
  );
}
