import { HealthObjectReference } from './DeploymentHealth';
import {
  isRecord,
  readList,
  readString,
  ReasonList,
  withMessage,
} from './objectView';

/**
 * Evaluates the ModelKit versions the workloads run: attestation policy outcome and
 * whether they are pinned by digest.
 */
export function evaluateModelKits(modelKits: unknown, reasons: ReasonList) {
  readList(modelKits, 'modelKits', reasons).forEach((entry, index) => {
    const reference = readString(entry.reference);
    if (!reference) {
      reasons.add(
        'status-malformed',
        `Entry ${index} of modelKits has no reference`,
      );
      return;
    }
    const object = readObject(entry.object);
    const digest = readString(entry.digest);
    const runner = object
      ? `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${
          object.name
        }`
      : undefined;
    const version =
      digest && !reference.endsWith(digest)
        ? `${reference} (${digest})`
        : reference;
    const about = (predicate: string) =>
      runner
        ? `${runner} runs ModelKit ${version}, which ${predicate}`
        : `ModelKit ${version} ${predicate}`;
    const policyMessage = readString(entry.policyMessage);

    if (entry.policy === 'failed') {
      reasons.add(
        'modelkit-policy-failed',
        withMessage(about('fails the attestation policy'), policyMessage),
        object,
      );
    } else if (entry.policy === 'missing') {
      reasons.add(
        'modelkit-policy-missing',
        withMessage(
          about('has no attestation the policy can check'),
          policyMessage,
        ),
        object,
      );
    } else if (entry.policy !== undefined && entry.policy !== 'passed') {
      reasons.add(
        'status-malformed',
        `Entry ${index} of modelKits has an unknown policy outcome "${String(
          entry.policy,
        )}"`,
        object,
      );
    }

    if (entry.pinnedByDigest !== true) {
      reasons.add(
        'modelkit-mutable-tag',
        `${
          runner
            ? `${runner} runs ModelKit ${reference}`
            : `ModelKit ${reference} is referenced`
        } by a mutable tag${
          digest
            ? `; it resolves to ${digest} now, and a push to the tag changes what the next pod runs`
            : ' that could not be resolved to a digest'
        }`,
        object,
      );
    }
  });
}

function readObject(value: unknown): HealthObjectReference | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const kind = readString(value.kind);
  const name = readString(value.name);
  if (!kind || !name) {
    return undefined;
  }
  const object: HealthObjectReference = { kind, name };
  const apiVersion = readString(value.apiVersion);
  const namespace = readString(value.namespace);
  if (apiVersion) {
    object.apiVersion = apiVersion;
  }
  if (namespace) {
    object.namespace = namespace;
  }
  return object;
}
