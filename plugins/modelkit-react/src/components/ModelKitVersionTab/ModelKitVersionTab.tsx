import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ReactNode } from 'react';
import { ModelKitVersionsState } from '../../hooks/useModelKitVersions';
import { modelkitTranslationRef } from '../../translation';
import { ModelKitErrorPanel } from '../ModelKitErrorPanel';
import { VerticalStack } from '../VerticalStack';

/**
 * The texts of a {@link ModelKitVersionTab}.
 *
 * @remarks
 *
 * A tab takes the texts it is given and the default of each one it is not
 * given (a key left out): the messages the Contents tab shows, from the
 * package's translations. Giving `loadMoreError` or `noVersion` as
 * `undefined` turns off what it describes.
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
  /**
   * The texts of the warning, error panels and empty state; each one left
   * out takes its default (see {@link ModelKitVersionTabLabels}).
   */
  labels?: Partial<ModelKitVersionTabLabels>;
  /** Renders the data once it has loaded. */
  children(value: T): ReactNode;
}

function useLabels(
  labels: Partial<ModelKitVersionTabLabels> | undefined,
): ModelKitVersionTabLabels {
  const { t } = useTranslationRef(modelkitTranslationRef);
  return {
    invalidReference: reference => t('invalidReference', { reference }),
    loadError: t('contentsContent.loadError'),
    loadMoreError: t('contentsContent.versionsLoadError'),
    noVersion: {
      versionsLoadError: t('contentsContent.versionsLoadError'),
      emptyTitle: t('contentsContent.emptyTitle'),
      emptyDescription: t('contentsContent.emptyDescription'),
    },
    ...labels,
  };
}

function Body<T>(
  props: ModelKitVersionTabProps<T> & { labels: ModelKitVersionTabLabels },
) {
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
 *     labels={{ loadError: 'Could not load the model card' }}
 *   >
 *     {value => <ModelCardView card={value} />}
 *   </ModelKitVersionTab>
 * );
 * ```
 *
 * @public
 */
export function ModelKitVersionTab<T>(props: ModelKitVersionTabProps<T>) {
  const labels = useLabels(props.labels);
  const { versions } = props;
  return (
    <VerticalStack>
      {props.pickers}
      {versions.loadMoreError && labels.loadMoreError !== undefined && (
        <ModelKitErrorPanel
          error={versions.loadMoreError}
          title={labels.loadMoreError}
        />
      )}
      <Body {...props} labels={labels} />
    </VerticalStack>
  );
}
