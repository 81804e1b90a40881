import Grid from '@material-ui/core/Grid';
import {
  ModelKitCommandsCard,
  ModelKitLayersTable,
  ModelKitVersionSelectionTab,
  ModelKitVersionSummaryCard,
  useModelKitVersion,
  useModelKitVersionSelection,
} from '@kitstage/plugin-modelkit-react';

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
  const selection = useModelKitVersionSelection();
  const version = useModelKitVersion(selection.entityName, selection.reference);

  return (
    <ModelKitVersionSelectionTab selection={selection} state={version}>
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
    </ModelKitVersionSelectionTab>
  );
}
