import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ModelKitVersionSelection } from '../../hooks/useModelKitVersionSelection';
import { modelkitTranslationRef } from '../../translation';
import { ModelKitVersionPicker } from '../ModelKitVersionPicker';
import {
  ModelKitVersionTab,
  ModelKitVersionTabProps,
} from './ModelKitVersionTab';

/**
 * Props of {@link ModelKitVersionSelectionTab}.
 *
 * @public
 */
export interface ModelKitVersionSelectionTabProps<T>
  extends Pick<ModelKitVersionTabProps<T>, 'state' | 'labels' | 'children'> {
  /** The version the address selects, as `useModelKitVersionSelection` reads it. */
  selection: ModelKitVersionSelection;
}

/**
 * A {@link ModelKitVersionTab} for one version, selected through
 * `useModelKitVersionSelection`: it shows that selection's version picker
 * (labelled "Version") whenever there is a version to pick.
 *
 * @remarks
 *
 * ```tsx
 * const selection = useModelKitVersionSelection();
 * const card = useModelKitModelCard(selection.entityName, selection.reference);
 * return (
 *   <ModelKitVersionSelectionTab selection={selection} state={card}>
 *     {value => <ModelCardView card={value} />}
 *   </ModelKitVersionSelectionTab>
 * );
 * ```
 *
 * @public
 */
export function ModelKitVersionSelectionTab<T>(
  props: ModelKitVersionSelectionTabProps<T>,
) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { selection } = props;
  return (
    <ModelKitVersionTab
      versions={selection.versions}
      invalidReference={selection.invalidReference}
      state={props.state}
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
      labels={props.labels}
    >
      {props.children}
    </ModelKitVersionTab>
  );
}
