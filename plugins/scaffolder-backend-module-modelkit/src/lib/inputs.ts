import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  InvalidOciReferenceError,
  parseModelKitReference,
  parseOciRepository,
  PromotionEnvironment,
} from '@kitstage/plugin-modelkit-common';
import { readPromotionEnvironments } from '@kitstage/plugin-modelkit-node';
import type { z as zv3 } from 'zod/v3';
import * as patterns from './patterns';

/**
 * The zod namespace the scaffolder hands to action schemas.
 *
 * @internal
 */
export type Zod = typeof zv3;

/**
 * Frameworks the template offers; each maps to a KServe model format and pinned packages.
 *
 * @internal
 */
export const FRAMEWORKS = [
  'transformers',
  'pytorch',
  'onnx',
  'sklearn',
  'tensorflow',
  'gguf',
] as const;

/**
 * How the model is served.
 *
 * @internal
 */
export const SERVING_STYLES = ['fastapi', 'init-container', 'kserve'] as const;

/**
 * Deployment environments the template knows.
 *
 * @internal
 */
export const ENVIRONMENTS = ['staging', 'production'] as const;

/**
 * A deployment environment the template knows.
 *
 * @internal
 */
export type Environment = (typeof ENVIRONMENTS)[number];

/**
 * The environments gated always, whatever `kitstage.environments` says: only promotions change
 * them, so CI never pins a build into their overlays, and their overlays start pinned to a digest
 * that names no content, running nothing until the first promotion.
 *
 * @internal
 */
export const DEFAULT_GATED_ENVIRONMENTS: readonly Environment[] = [
  'production',
];

/**
 * Which environments are gated, and why.
 *
 * @internal
 */
export interface EnvironmentGates {
  /**
   * Why the environment is gated, as a phrase such as `its policy production` or
   * `its lifecycle rules`; undefined when it is not gated.
   */
  reasonGated(environment: string): string | undefined;
}

/** The gates an environment of `kitstage.environments` names, or undefined when it names none. */
function gatesOf(environment: PromotionEnvironment): string | undefined {
  const gates = [
    ...(environment.policy !== undefined
      ? [`policy ${environment.policy}`]
      : []),
    ...(environment.allowedLifecycles !== undefined ||
    environment.forbiddenLifecycles !== undefined
      ? ['lifecycle rules']
      : []),
  ];
  return gates.length > 0 ? gates.join(' and ') : undefined;
}

/**
 * Reads which environments are gated from `kitstage.environments`, as the promote action reads
 * them: an environment is gated when an entry with a gate (a `policy`, `allowedLifecycles` or
 * `forbiddenLifecycles`) names it, or promotes into its overlay (`overlayPath`
 * `deploy/overlays/<environment>`), since CI pinning into that overlay would bypass the gate.
 * The {@link DEFAULT_GATED_ENVIRONMENTS} (production) are gated always, also when
 * `kitstage.environments` lists them without a gate or configures no environment: who may
 * change them is decided by the promote permission, which CI pinning would bypass.
 *
 * @throws InputError naming the wrong field of `kitstage.environments`.
 * @internal
 */
export function readEnvironmentGates(config?: Config): EnvironmentGates {
  const configured = config ? readPromotionEnvironments(config) : [];
  if (configured.length === 0) {
    return {
      reasonGated: environment =>
        (DEFAULT_GATED_ENVIRONMENTS as readonly string[]).includes(environment)
          ? 'the default while kitstage.environments configures no environment'
          : undefined,
    };
  }
  return {
    reasonGated(environment) {
      const overlayPath = `deploy/overlays/${environment}`;
      const reasons = configured.flatMap(entry => {
        const gates = gatesOf(entry);
        if (gates === undefined) {
          return [];
        }
        if (entry.name === environment) {
          return [`its ${gates}`];
        }
        return entry.overlayPath === overlayPath
          ? [
              `the ${gates} of ${entry.name}, which promotes into ${overlayPath}`,
            ]
          : [];
      });
      if (reasons.length > 0) {
        return reasons.join('; ');
      }
      return (DEFAULT_GATED_ENVIRONMENTS as readonly string[]).includes(
        environment,
      )
        ? `${environment} always is, with or without gates in kitstage.environments: who may change it is decided by the promote permission`
        : undefined;
    },
  };
}

/**
 * Longest free text accepted for descriptions.
 *
 * @internal
 */
export const DESCRIPTION_MAX_LENGTH = 1000;

/**
 * Adds the problem the shared OCI parser finds (such as a registry port out of range), so that
 * the actions accept exactly the references that the catalog and the registry client accept.
 */
function parsedBy(parse: (value: string) => unknown) {
  return (value: string, ctx: zv3.RefinementCtx) => {
    try {
      parse(value);
    } catch (error) {
      if (!(error instanceof InvalidOciReferenceError)) {
        throw error;
      }
      ctx.addIssue({ code: 'custom', message: error.problem });
    }
  };
}

/**
 * Field builders shared by the action schemas.
 *
 * @internal
 */
export const fields = {
  projectName: (z: Zod) =>
    z
      .string()
      .max(patterns.PROJECT_NAME_MAX_LENGTH)
      .regex(
        patterns.KUBERNETES_NAME,
        'must be lowercase letters, digits and "-", starting and ending with a letter or digit',
      ),
  kubernetesName: (z: Zod) =>
    z
      .string()
      .max(63)
      .regex(
        patterns.KUBERNETES_NAME,
        'must be a DNS-1123 label: lowercase letters, digits and "-"',
      ),
  description: (z: Zod) => z.string().max(DESCRIPTION_MAX_LENGTH),
  entityRef: (z: Zod) =>
    z
      .string()
      .max(255)
      .regex(
        patterns.ENTITY_REF,
        'must be an entity reference such as group:default/team',
      ),
  modelKitRepository: (z: Zod) =>
    z
      .string()
      .max(255)
      .regex(
        patterns.OCI_REPOSITORY,
        'must be an OCI repository with its registry host and no tag, such as registry.example.com/team/model',
      )
      .superRefine(parsedBy(parseOciRepository)),
  modelKitReference: (z: Zod) =>
    z
      .string()
      .max(400)
      .regex(
        patterns.MODELKIT_REFERENCE,
        'must be a ModelKit reference such as registry.example.com/team/model:1.0.0 or ...@sha256:<digest>',
      )
      .superRefine(parsedBy(parseModelKitReference)),
  tag: (z: Zod) =>
    z
      .string()
      .regex(
        patterns.OCI_TAG,
        'must be an OCI tag (letters, digits, ".", "_", "-")',
      ),
  license: (z: Zod) =>
    z
      .string()
      .max(100)
      .regex(
        patterns.SPDX_EXPRESSION,
        'must be an SPDX license identifier such as Apache-2.0',
      ),
  relativePath: (z: Zod) =>
    z
      .string()
      .max(200)
      .regex(
        /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*\/?$/,
        'must be a path relative to the project root, without ".." or "." segments',
      ),
  cpu: (z: Zod) =>
    z
      .string()
      .regex(patterns.CPU_QUANTITY, 'must be a CPU quantity such as 500m or 2'),
  memory: (z: Zod) =>
    z
      .string()
      .regex(
        patterns.MEMORY_QUANTITY,
        'must be a memory quantity such as 512Mi or 4Gi',
      ),
  duration: (z: Zod) =>
    z
      .string()
      .max(20)
      .regex(patterns.DURATION, 'must be a duration such as 1m or 10m30s'),
};

/**
 * Accepts the empty string besides the schema: templates pass `''` for an optional value
 * that the user left out (`$\{{ parameters.system }}` renders to nothing). Handlers read `''`
 * as absent.
 *
 * @internal
 */
export function orBlank<T extends zv3.ZodTypeAny>(z: Zod, schema: T) {
  return schema.or(z.literal(''));
}

/**
 * Turns the empty string into undefined.
 *
 * @internal
 */
export function blankToUndefined<T>(value: T | '' | undefined): T | undefined {
  return value === '' ? undefined : value;
}

/**
 * Parses an action input with its schema and throws an InputError naming each failing field.
 * The scaffolder validates inputs against the JSON form of the same schema before a step runs;
 * this second check also covers direct calls and the refinements JSON schema cannot express.
 *
 * @internal
 */
export function parseInput<T>(
  schema: {
    safeParse(
      value: unknown,
    ): { success: true; data: T } | { success: false; error: zv3.ZodError };
  },
  input: unknown,
  actionId: string,
): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues
      .map(
        issue =>
          `${issue.path.length ? issue.path.join('.') : '(input)'}: ${
            issue.message
          }`,
      )
      .join('; ');
    throw new InputError(`Invalid input to ${actionId}: ${problems}`);
  }
  return result.data;
}
