import type {
  Kitfile,
  ModelKitModelCardDescriptions,
} from '@kitstage/plugin-modelkit-common';
import { compact, text } from '../service/values';

/**
 * The descriptive fields of a Kitfile: the model card's fallback.
 *
 * @internal
 */
export function kitfileDescriptions(
  kitfile: Kitfile,
): ModelKitModelCardDescriptions {
  const list = (value: unknown) =>
    Array.isArray(value)
      ? value.filter(
          (item): item is Record<string, unknown> =>
            !!item && typeof item === 'object',
        )
      : [];
  const pkg = kitfile.package;
  const model = kitfile.model;
  const authors = Array.isArray(pkg?.authors)
    ? pkg!.authors.filter((a): a is string => typeof a === 'string')
    : undefined;
  return compact({
    package: pkg
      ? compact({
          name: text(pkg.name),
          version: text(pkg.version),
          description: text(pkg.description),
          license: text(pkg.license),
          authors: authors?.length ? authors : undefined,
        })
      : undefined,
    model: model
      ? compact({
          name: text(model.name),
          path: text(model.path),
          framework: text(model.framework),
          version: text(model.version),
          description: text(model.description),
          license: text(model.license),
        })
      : undefined,
    datasets: list(kitfile.datasets).map(d =>
      compact({
        name: text(d.name),
        path: text(d.path),
        description: text(d.description),
        license: text(d.license),
      }),
    ),
    code: list(kitfile.code).map(c =>
      compact({
        path: text(c.path),
        description: text(c.description),
        license: text(c.license),
      }),
    ),
    docs: list(kitfile.docs).map(d =>
      compact({ path: text(d.path), description: text(d.description) }),
    ),
  });
}
