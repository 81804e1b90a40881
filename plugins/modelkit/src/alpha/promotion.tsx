import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';

/**
 * The Promotions tab of the entity pages of Components that depend on a
 * ModelKit, at `/promotions`: per
 * environment, which ModelKit digest was promoted when, by whom and through
 * which pull request, which version was live at a given time, and "Roll back"
 * to the previously promoted version.
 *
 * @alpha
 */
export const modelkitPromotionsEntityContent = EntityContentBlueprint.make({
  name: 'promotions',
  params: {
    path: '/promotions',
    title: 'Promotions',
    group: 'deployment',
    icon: <TimelineIcon fontSize="inherit" />,
    // Components that serve a ModelKit: those are the ones promoted.
    filter: {
      $all: [
        { kind: 'component' },
        {
          relations: {
            $contains: {
              type: 'dependsOn',
              targetRef: { $hasPrefix: 'modelkit:' },
            },
          },
        },
      ],
    },
    loader: () =>
      import('../components/PromotionHistory').then(m => (
        <m.PromotionHistoryContent />
      )),
  },
});

/**
 * The `ModelKitVersionPicker` scaffolder field (`ui:field: ModelKitVersionPicker`):
 * the versions of the ModelKit the form's Component runs, with their policy
 * badges; its value is the version's digest.
 *
 * @alpha
 */
export const modelkitVersionPickerFormField = FormFieldBlueprint.make({
  name: 'modelkit-version-picker',
  params: {
    field: () =>
      import('../components/ModelKitVersionPickerField').then(m =>
        createFormField({
          name: 'ModelKitVersionPicker',
          component: m.ModelKitVersionPickerField,
          validation: m.validateModelKitVersion,
        }),
      ),
  },
});

/**
 * The `ModelKitEnvironmentPicker` scaffolder field
 * (`ui:field: ModelKitEnvironmentPicker`): the environments of
 * `kitstage.environments`, each with its gates.
 *
 * @alpha
 */
export const modelkitEnvironmentPickerFormField = FormFieldBlueprint.make({
  name: 'modelkit-environment-picker',
  params: {
    field: () =>
      import('../components/ModelKitVersionPickerField').then(m =>
        createFormField({
          name: 'ModelKitEnvironmentPicker',
          component: m.ModelKitEnvironmentPickerField,
        }),
      ),
  },
});

/** @internal */
export const promotionContents = [modelkitPromotionsEntityContent];

/** @internal */
export const scaffolderFormFields = [
  modelkitVersionPickerFormField,
  modelkitEnvironmentPickerFormField,
];
