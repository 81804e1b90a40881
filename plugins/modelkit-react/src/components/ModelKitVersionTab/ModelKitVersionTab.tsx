import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { ModelKitVersionsState } from '../../hooks/useModelKitVersions';
import { ModelKitErrorPanel } from '../ModelKitErrorPanel';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
}));

/**
 * The texts of a {@link ModelKitVersionTab}.
 *
 * @public
 */
export interface ModelKitVersionTabLabels {
  /**
   * The title of the warning shown when the address names a version that is
   * neither a tag nor a digest.
   */
  invalidReference(reference: string): string;
  /** The title of the error panel shown when the data fails to load. */
  loadError: string;
  /**
   * The title of the error panel shown when older versions fail to load;
   * such a failure is not shown when this is left out.
   */
  loadMoreError?: string;
  /**
   * What the tab shows when there is no version to load: an error panel
   * when the versions could not be listed, an empty state when the ModelKit
   * has none. Leave it out for data that loads without a version (the
   * newest then, as the lineage does): the tab shows progress until the data
   * has loaded.
   */
  noVersion?: {
    /** The title of the error panel shown when the versions could not be listed. */
    versionsLoadError: string;
    /** The title of the empty state of a ModelKit without versions. */
    emptyTitle: string;
    /** The description of the empty state of a ModelKit without versions. */
    emptyDescription: string;
  };
}

/**
 * Props of {@link ModelKitVersionTab}.
 *
 * @public
 */
export interface ModelKitVersionTabProps<T> {
  /** The versions of the ModelKit, as `useModelKitVersions` lists them. */
  versions: ModelKitVersionsState;
  /**
   * A version named in the address that is neither a tag nor a digest: the
   * tab then shows a warning naming it instead of the data.
   */
  invalidReference?: string;
  /** The state of the data loaded for the selected version or versions. */
  state: {
    /** True while the data loads. */
    loading: boolean;
    /** Why the data could not be loaded. */
    error?: Error;
    /** The data, once loaded. */
    value?: T;
  };
  /**
   * The version picker or pickers shown above the content; nothing (or
   * `false`) while there is nothing to pick.
   */
  pickers?: ReactNode;
  /** The texts of the warning, error panels and empty state. */
  labels: ModelKitVersionTabLabels;
  /** Renders the data once it has loaded. */
  children(value: T): ReactNode;
}

function Body<T>(props: ModelKitVersionTabProps<T>) {
  const { versions, invalidReference, state, labels } = props;
  if (invalidReference !== undefined) {
    return (
      <WarningPanel
        severity="error"
        title={labels.invalidReference(invalidReference)}
      />
    );
  }
  if (state.error) {
    return <ModelKitErrorPanel error={state.error} title={labels.loadError} />;
  }
  if (state.value) {
    return <>{props.children(state.value)}</>;
  }
  if (state.loading || versions.loading || !labels.noVersion) {
    return <Progress />;
  }
  if (versions.error) {
    return (
      <ModelKitErrorPanel
        error={versions.error}
        title={labels.noVersion.versionsLoadError}
      />
    );
  }
  return (
    <EmptyState
      missing="data"
      title={labels.noVersion.emptyTitle}
      description={labels.noVersion.emptyDescription}
    />
  );
}

/**
 * The frame of a tab of a ModelKit entity page that shows data of one
 * version (or two, as the Diff tab does): the version pickers, then the data,
 * or a warning when the address names no valid version, an error panel when
 * the data or the versions cannot be loaded, progress while they load, and an
 * empty state for a ModelKit without versions.
 *
 * @remarks
 *
 * With `useModelKitVersionSelection`, a tab for one version takes a few
 * lines:
 *
 * ```tsx
 * const selection = useModelKitVersionSelection();
 * const card = useModelKitModelCard(selection.entityName, selection.reference);
 * return (
 *   <ModelKitVersionTab
 *     versions={selection.versions}
 *     invalidReference={selection.invalidReference}
 *     state={card}
 *     pickers={
 *       selection.pickable && (
 *         <ModelKitVersionPicker label="Version" {...selection.pickerProps} />
 *       )
 *     }
 *     labels={labels}
 *   >
 *     {value => <ModelCardView card={value} />}
 *   </ModelKitVersionTab>
 * );
 * ```
 *
 * @public
 */
export function ModelKitVersionTab<T>(props: ModelKitVersionTabProps<T>) {
  const classes = useStyles();
  const { versions, labels } = props;
  return (
    <div className={classes.root}>
      {props.pickers}
      {versions.loadMoreError && labels.loadMoreError !== undefined && (
        <ModelKitErrorPanel
          error={versions.loadMoreError}
          title={labels.loadMoreError}
        />
      )}
      <Body {...props} />
    </div>
  );
}
