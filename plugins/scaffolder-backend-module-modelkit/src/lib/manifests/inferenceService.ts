import { ANNOTATION_MODELKIT } from '@kitstage/plugin-modelkit-common';
import { initialModelKitReference, kitUri, ManifestsSpec } from './spec';
import { httpProbe, labels, resources } from './workloadParts';

const KSERVE_PORT = 8080;

/**
 * How KServe serves each framework: the model format a ClusterServingRuntime must support, and
 * the inference protocol. TensorFlow Serving speaks only the v1 protocol; the Hugging Face,
 * TorchServe, Triton (ONNX) and MLServer (scikit-learn) runtimes speak v2, which has standard
 * health endpoints. `gguf` has no runtime shipped with KServe: the cluster needs a custom one.
 *
 * @internal
 */
export const KSERVE_RUNTIMES: Record<
  string,
  { modelFormat: string; protocolVersion: 'v1' | 'v2' }
> = {
  transformers: { modelFormat: 'huggingface', protocolVersion: 'v2' },
  pytorch: { modelFormat: 'pytorch', protocolVersion: 'v2' },
  onnx: { modelFormat: 'onnx', protocolVersion: 'v2' },
  sklearn: { modelFormat: 'sklearn', protocolVersion: 'v2' },
  tensorflow: { modelFormat: 'tensorflow', protocolVersion: 'v1' },
  gguf: { modelFormat: 'gguf', protocolVersion: 'v2' },
};

function kserveProbes(spec: ManifestsSpec) {
  const { protocolVersion } = KSERVE_RUNTIMES[spec.framework];
  if (protocolVersion === 'v1') {
    return {
      readinessProbe: httpProbe(`/v1/models/${spec.name}`, KSERVE_PORT),
      livenessProbe: {
        tcpSocket: { port: KSERVE_PORT },
        initialDelaySeconds: 30,
        periodSeconds: 10,
        timeoutSeconds: 5,
        failureThreshold: 3,
      },
    };
  }
  return {
    readinessProbe: httpProbe('/v2/health/ready', KSERVE_PORT),
    livenessProbe: httpProbe('/v2/health/live', KSERVE_PORT, {
      initialDelaySeconds: 30,
    }),
  };
}

/**
 * The KServe InferenceService of the `kserve` style: the ModelKit is loaded through a `kit://` storage URI by the serving runtime of its framework.
 *
 * @internal
 */
export function inferenceService(spec: ManifestsSpec) {
  const reference = initialModelKitReference(spec);
  const runtime = KSERVE_RUNTIMES[spec.framework];
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: spec.name,
      labels: labels(spec),
      annotations: { [ANNOTATION_MODELKIT]: reference },
    },
    spec: {
      predictor: {
        minReplicas: spec.replicas,
        labels: labels(spec),
        annotations: { [ANNOTATION_MODELKIT]: reference },
        model: {
          modelFormat: { name: runtime.modelFormat },
          protocolVersion: runtime.protocolVersion,
          storageUri: kitUri(reference),
          resources: resources(spec),
          ...kserveProbes(spec),
        },
      },
    },
  };
}
