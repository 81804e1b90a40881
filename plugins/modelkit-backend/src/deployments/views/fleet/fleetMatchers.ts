import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { matcherOfEntity } from '../../entities';
import type { ServiceMatcher } from '../../matching/matchService';

interface Known {
  /** The annotations the matcher was read from. */
  annotations: Record<string, string>;
  matcher?: ServiceMatcher;
  error?: string;
  /** When a request last asked for it (ms). */
  seen: number;
}

/** Components no request asked about for this long are forgotten. */
const FORGET_AFTER_MS = 10 * 60_000;

function sameAnnotations(
  a: Record<string, string>,
  b: Record<string, string>,
): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * The matcher of each Component, read once while its annotations stay the same.
 *
 * @remarks
 * Keeping the same matcher object across requests lets the service memo find its entries
 * without serializing the selector again, and a label selector that is not valid is logged
 * once, when it is first seen, not on every request.
 *
 * @internal
 */
export class FleetMatchers {
  readonly #known = new Map<string, Known>();
  #sweptAt = Date.now();

  /** The Component's matcher, or why its label selector is not valid. */
  of(
    ref: string,
    entity: Entity,
    logger: LoggerService,
  ): { matcher?: ServiceMatcher; error?: string } {
    const now = Date.now();
    this.#forgetUnused(now);
    const annotations = entity.metadata.annotations ?? {};
    const known = this.#known.get(ref);
    if (known && sameAnnotations(known.annotations, annotations)) {
      known.seen = now;
      return known;
    }
    const next: Known = { annotations, seen: now };
    try {
      next.matcher = matcherOfEntity(entity);
    } catch (error) {
      next.error = (error as Error).message;
      logger.warn(next.error);
    }
    this.#known.set(ref, next);
    return next;
  }

  #forgetUnused(now: number) {
    if (now - this.#sweptAt < FORGET_AFTER_MS) return;
    this.#sweptAt = now;
    for (const [ref, known] of this.#known) {
      if (now - known.seen > FORGET_AFTER_MS) this.#known.delete(ref);
    }
  }
}
