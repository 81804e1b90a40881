import {
  ModelKitEntityName,
  ModelKitVersionSummary,
} from '@kitstage/plugin-modelkit-common';
import { isVersionReference } from '../lib/references';
import { useModelKitEntityName } from './useModelKitEntityName';
import {
  ModelKitVersionsState,
  useModelKitVersions,
} from './useModelKitVersions';
import { useVersionQueryParams } from './useVersionQueryParams';

const QUERY_KEYS = ['version'] as const;

/**
 * The version a tab of a ModelKit entity page shows, as
 * {@link useModelKitVersionSelection} reads it from the address.
 *
 * @public
 */
export interface ModelKitVersionSelection {
  /** The namespace and name of the ModelKit entity on the page. */
  entityName: ModelKitEntityName;
  /** The versions of the ModelKit listed so far, newest first. */
  versions: ModelKitVersionsState;
  /** The `version` query parameter as given; undefined when absent. */
  requested?: string;
  /**
   * The `version` query parameter when it is neither a tag nor a digest:
   * nothing is loaded then, and the tab says so.
   */
  invalidReference?: string;
  /** The version shown: the requested one, or the newest listed. */
  selected?: string;
  /**
   * The tag or digest to load: the selected version, or undefined while
   * there is none or the address names an invalid one.
   */
  reference?: string;
  /**
   * Whether a version picker has anything to offer: the list of versions
   * loaded without error, and it has versions or one is requested.
   */
  pickable: boolean;
  /**
   * The props of a `ModelKitVersionPicker` for this selection, all but its
   * label: it lists the versions, shows the selected one, writes the one
   * picked to the address and offers to load older versions.
   */
  pickerProps: {
    /** The versions listed so far, newest first. */
    versions: ModelKitVersionSummary[];
    /** The selected version: a tag or a manifest digest. */
    value?: string;
    /** Writes the digest picked to the `version` query parameter. */
    onChange(digest: string): void;
    /** Loads older versions; undefined when there are none. */
    onLoadMore?: () => void;
    /** True while older versions load. */
    loadingMore: boolean;
  };
}

/**
 * Reads the version that a tab of a ModelKit entity page shows from the
 * `version` query parameter (a tag or a digest; the newest listed version
 * when absent), checks it, and lists the versions to pick from.
 *
 * @remarks
 *
 * Keeping the version in the address means that a link to the tab opens the
 * same version. Pass `reference` to the hook that loads the version's data,
 * and the selection with that state to `ModelKitVersionTab`.
 *
 * @public
 */
export function useModelKitVersionSelection(): ModelKitVersionSelection {
  const entityName = useModelKitEntityName();
  const versions = useModelKitVersions(entityName);
  const [params, setParams] = useVersionQueryParams(QUERY_KEYS);

  const requested = params.version;
  const invalid = requested !== undefined && !isVersionReference(requested);
  const selected = requested ?? versions.versions[0]?.digest;
  return {
    entityName,
    versions,
    requested,
    invalidReference: invalid ? requested : undefined,
    selected,
    reference: invalid ? undefined : selected,
    pickable:
      !versions.loading &&
      !versions.error &&
      (versions.versions.length > 0 || requested !== undefined),
    pickerProps: {
      versions: versions.versions,
      value: selected,
      onChange: digest => setParams({ version: digest }),
      onLoadMore: versions.hasMore ? versions.loadMore : undefined,
      loadingMore: versions.loadingMore,
    },
  };
}
