import { Entity, KindValidator } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { isEntityRef } from './entityRef';
import { InvalidOciReferenceError, parseOciRepository } from '../reference';

/**
 * The `apiVersion` of version v1alpha1 of the ModelKit entity kind.
 *
 * @public
 */
export const MODELKIT_API_VERSION_V1ALPHA1 = 'kitstage.dev/v1alpha1';

/**
 * The `kind` of ModelKit entities.
 *
 * @public
 */
export const MODELKIT_KIND = 'ModelKit';

/**
 * A catalog entity for one ModelKit repository in an OCI registry: a packaged model, dataset
 * or other ML artifact, with its owner and lineage.
 *
 * @public
 */
export interface ModelKitEntityV1alpha1 extends Entity {
  /** Always `kitstage.dev/v1alpha1` ({@link MODELKIT_API_VERSION_V1ALPHA1}). */
  apiVersion: typeof MODELKIT_API_VERSION_V1ALPHA1;
  /** Always `ModelKit` ({@link MODELKIT_KIND}). */
  kind: typeof MODELKIT_KIND;
  /** What the ModelKit is, who owns it, where its versions live and what it was built from. */
  spec: {
    /** What the ModelKit packages: `model`, `dataset` or another lowercase word. */
    type?: string;
    /** Entity reference to the owner; the kind defaults to Group. */
    owner: string;
    /** Lifecycle stage, such as `experimental`, `production` or `deprecated`. */
    lifecycle: string;
    /**
     * The OCI repository holding the ModelKit's versions, without tag or digest, for example
     * `registry.example.com/team/sentiment`.
     */
    repository: string;
    /** ML framework of the model, such as `transformers`, `pytorch` or `sklearn`. */
    framework?: string;
    /** License of the packaged artifact, preferably an SPDX identifier. */
    license?: string;
    /** Entity reference to the ModelKit this one was derived from; the kind defaults to ModelKit. */
    baseModel?: string;
    /** Entity references to the datasets this ModelKit was built from; the kind defaults to ModelKit. */
    datasets?: string[];
    /** Entity reference to the system the ModelKit belongs to; the kind defaults to System. */
    system?: string;
  };
}

/** Reports a missing value as "Required" and leaves other problems to zod's messages. */
const requiredError = {
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? 'Required' : undefined,
};

function entityRef(example: string) {
  return z.string(requiredError).refine(isEntityRef, {
    error: issue =>
      `must be an entity reference [<kind>:][<namespace>/]<name> such as "${example}", got ${JSON.stringify(
        issue.input,
      )}`,
  });
}

/** What is wrong with an OCI repository reference, or undefined when nothing is. */
function ociRepositoryProblem(value: string): string | undefined {
  try {
    parseOciRepository(value);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidOciReferenceError) {
      return error.problem;
    }
    throw error;
  }
}

const nonEmptyString = z.string(requiredError).min(1, 'must not be empty');

/**
 * Zod schema of {@link ModelKitEntityV1alpha1}. Unknown fields are kept, as the catalog does.
 * Use {@link modelKitEntityV1alpha1Validator} for error messages that name each bad field.
 *
 * @public
 */
export const modelKitEntityV1alpha1Schema = z.looseObject({
  apiVersion: z.literal(MODELKIT_API_VERSION_V1ALPHA1),
  kind: z.literal(MODELKIT_KIND),
  metadata: z.looseObject({ name: nonEmptyString }, requiredError),
  spec: z.looseObject(
    {
      type: z
        .string()
        .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, {
          error: issue =>
            `must be a lowercase word such as "model" or "dataset", got ${JSON.stringify(
              issue.input,
            )}`,
        })
        .optional(),
      owner: entityRef('group:nlp-team'),
      lifecycle: nonEmptyString,
      repository: z.string(requiredError).superRefine((value, ctx) => {
        const problem = ociRepositoryProblem(value);
        if (problem !== undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `must be an OCI repository without tag or digest, got ${JSON.stringify(
              value,
            )} (${problem})`,
          });
        }
      }),
      framework: nonEmptyString.optional(),
      license: nonEmptyString.optional(),
      baseModel: entityRef('modelkit:sentiment-base').optional(),
      datasets: z.array(entityRef('modelkit:support-tickets')).optional(),
      system: entityRef('customer-insights').optional(),
    },
    requiredError,
  ),
});

/** `spec.datasets[1]`-style path of a zod issue. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      result += `[${segment}]`;
    } else {
      result += result ? `.${String(segment)}` : String(segment);
    }
  }
  return result || '<root>';
}

/**
 * Typeguard for ModelKit entities of version v1alpha1. It checks `apiVersion` and `kind` only;
 * the catalog has validated the rest of any entity it returns.
 *
 * @public
 */
export function isModelKitEntity(
  entity: Entity,
): entity is ModelKitEntityV1alpha1 {
  return (
    entity.apiVersion === MODELKIT_API_VERSION_V1ALPHA1 &&
    entity.kind === MODELKIT_KIND
  );
}

/**
 * Entity data validator for {@link ModelKitEntityV1alpha1}. `check` resolves to false for
 * other kinds and API versions, to true for a valid ModelKit, and rejects with an `InputError`
 * naming each bad field otherwise, for example
 * `spec.owner: Required; spec.repository: must be an OCI repository without tag or digest, got "x:1"`
 * followed by the reason (here that a repository names no tag, but this one names tag "1").
 *
 * @public
 */
export const modelKitEntityV1alpha1Validator: KindValidator = {
  async check(entity: Entity) {
    if (!isModelKitEntity(entity)) {
      return false;
    }
    const result = modelKitEntityV1alpha1Schema.safeParse(entity);
    if (!result.success) {
      throw new InputError(
        result.error.issues
          .map(issue => `${formatPath(issue.path)}: ${issue.message}`)
          .join('; '),
      );
    }
    return true;
  },
};
