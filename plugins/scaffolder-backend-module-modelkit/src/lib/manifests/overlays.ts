import { ANNOTATION_MODELKIT } from '@kitstage/plugin-modelkit-common';
import {
  initialModelKitReference,
  kitUri,
  ManifestsSpec,
  overlayImage,
  workloadKind,
} from './spec';

/**
 * The patch each overlay applies: it carries the ModelKit reference of that environment, at
 * every place that names it (annotations, the init container's `MODELKIT_REF` that `kit unpack`
 * fetches, the server's `MODELKIT_REF` it reports, or the `kit://` storage URI), so that CI and
 * promotions change one small file per environment.
 *
 * @internal
 */
export function modelKitPatch(spec: ManifestsSpec, environment: string) {
  const reference = initialModelKitReference(spec, environment);
  const annotations = { [ANNOTATION_MODELKIT]: reference };
  if (spec.servingStyle === 'kserve') {
    return {
      ...workloadKind(spec),
      metadata: { name: spec.name, annotations },
      spec: {
        predictor: {
          annotations,
          model: { storageUri: kitUri(reference) },
        },
      },
    };
  }
  return {
    ...workloadKind(spec),
    metadata: { name: spec.name, annotations },
    spec: {
      template: {
        metadata: { annotations },
        spec: {
          initContainers: [
            {
              name: 'modelkit',
              env: [{ name: 'MODELKIT_REF', value: reference }],
            },
          ],
          containers: [
            {
              name: 'server',
              env: [{ name: 'MODELKIT_REF', value: reference }],
            },
          ],
        },
      },
    },
  };
}

/**
 * The Kustomization of an environment's overlay: the base, an environment label, the ModelKit
 * patch and the serving image (see {@link overlayImage}).
 *
 * @internal
 */
export function overlayKustomization(spec: ManifestsSpec, environment: string) {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['../../base'],
    labels: [
      {
        pairs: { 'kitstage.dev/environment': environment },
        includeSelectors: false,
        includeTemplates: true,
      },
    ],
    patches: [{ path: 'modelkit.yaml' }],
    ...(spec.image
      ? {
          images: [overlayImage(spec, spec.image, environment)],
        }
      : {}),
  };
}
