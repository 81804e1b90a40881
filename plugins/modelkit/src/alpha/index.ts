/**
 * The Kitstage frontend plugin for apps on the new frontend system: the cards of
 * ModelKit entity pages (`entity-card:modelkit/about`,
 * `entity-card:modelkit/relations`), their Versions, Contents, Diff, Security
 * and Where it runs tabs (`entity-content:modelkit/versions`,
 * `entity-content:modelkit/contents`, `entity-content:modelkit/diff`,
 * `entity-content:modelkit/security`, `entity-content:modelkit/where-it-runs`),
 * the Lineage and Model card tabs of ModelKits (`entity-content:modelkit/lineage`,
 * `entity-content:modelkit/model-card`), the Deployments tab of Components
 * (`entity-content:modelkit/deployments`), the Model lineage card of Components
 * (`entity-card:modelkit/component-lineage`), the Models card of Groups
 * (`entity-card:modelkit/group-models`), the ModelKit catalog filters
 * (`catalog-filter:modelkit`), the Model fleet page
 * (`page:modelkit/fleet`), the ModelKit and deployments APIs (`api:modelkit`,
 * `api:modelkit/deployments`) and the plugin's translation ref.
 *
 * @packageDocumentation
 */

export { default } from './plugin';
export { fleetPageRouteRef } from './routes';
export { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
