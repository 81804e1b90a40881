import { InputError } from '@backstage/errors';
import { PromotionEnvironment } from './types';

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LIFECYCLE = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;
const OVERLAY_PATH = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

function stringList(
  value: unknown,
  where: string,
  pattern: RegExp,
): string[] | undefined {
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.some(item => typeof item !== 'string' || !pattern.test(item))
  ) {
    throw new InputError(
      `${where} must be a list of lifecycle names (letters, digits, ".", "_", "-")`,
    );
  }
  return value as string[];
}

/**
 * Reads `kitstage.environments`: a list of environments with their gates. Absent config gives
 * an empty list.
 *
 * @example
 * ```yaml
 * kitstage:
 *   environments:
 *     - name: staging
 *     - name: production
 *       policy: production
 *       forbiddenLifecycles: [experimental]
 * ```
 *
 * @throws InputError naming the first wrong field.
 * @public
 */
export function parsePromotionEnvironments(
  value: unknown,
): PromotionEnvironment[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new InputError('kitstage.environments must be a list');
  }
  const seen = new Set<string>();
  return value.map((raw, index) => {
    const where = `kitstage.environments[${index}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new InputError(`${where} must be an object`);
    }
    const entry = raw as Record<string, unknown>;
    const known = [
      'name',
      'title',
      'overlayPath',
      'policy',
      'allowedLifecycles',
      'forbiddenLifecycles',
    ];
    const unknown = Object.keys(entry).find(key => !known.includes(key));
    if (unknown) {
      throw new InputError(
        `${where} has the unknown field "${unknown}" (known: ${known.join(
          ', ',
        )})`,
      );
    }
    if (typeof entry.name !== 'string' || !NAME.test(entry.name)) {
      throw new InputError(
        `${where}.name must be a lowercase DNS label such as "production"`,
      );
    }
    if (seen.has(entry.name)) {
      throw new InputError(
        `${where}.name "${entry.name}" is listed more than once`,
      );
    }
    seen.add(entry.name);
    if (entry.title !== undefined && typeof entry.title !== 'string') {
      throw new InputError(`${where}.title must be a string`);
    }
    const overlayPath = entry.overlayPath ?? `deploy/overlays/${entry.name}`;
    if (
      typeof overlayPath !== 'string' ||
      !OVERLAY_PATH.test(overlayPath) ||
      overlayPath
        .split('/')
        .some(segment => segment === '..' || segment === '.')
    ) {
      throw new InputError(
        `${where}.overlayPath must be a relative directory such as deploy/overlays/${entry.name}, without "." or ".." segments`,
      );
    }
    if (
      entry.policy !== undefined &&
      (typeof entry.policy !== 'string' || !LIFECYCLE.test(entry.policy))
    ) {
      throw new InputError(
        `${where}.policy must name a lifecycle policy of kitstage.policies`,
      );
    }
    return {
      name: entry.name,
      ...(entry.title ? { title: entry.title as string } : {}),
      overlayPath,
      ...(entry.policy ? { policy: entry.policy as string } : {}),
      ...(entry.allowedLifecycles !== undefined
        ? {
            allowedLifecycles: stringList(
              entry.allowedLifecycles,
              `${where}.allowedLifecycles`,
              LIFECYCLE,
            ),
          }
        : {}),
      ...(entry.forbiddenLifecycles !== undefined
        ? {
            forbiddenLifecycles: stringList(
              entry.forbiddenLifecycles,
              `${where}.forbiddenLifecycles`,
              LIFECYCLE,
            ),
          }
        : {}),
    };
  });
}
