import type { ModelKitModelCardDescriptions } from '../api/modelCardTypes';
import { getModelKitReference } from '../kitfile/modelReference';
import type { ModelCardDisagreement, ModelCardFrontMatter } from './types';

const same = (a: string, b: string) =>
  a.trim().toLowerCase() === b.trim().toLowerCase();

/** The last path segment of a model id or repository, without tag or digest. */
function modelBaseName(name: string): string {
  const withoutDigest = name.split('@')[0];
  const last = withoutDigest.split('/').pop() ?? withoutDigest;
  return last.split(':')[0].trim().toLowerCase();
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v?.trim()))];
}

/**
 * Compares a model card's front matter with the Kitfile of the same ModelKit version and names
 * where they disagree: the license, the base model, and the model's name. A field only one of
 * them states is no disagreement.
 *
 * @remarks
 * Licenses are compared case-insensitively (`apache-2.0` is `Apache-2.0`). A base model is
 * compared by its last path segment without tag or digest, so `example/sentiment-base` agrees
 * with `registry.example.com/kitstage-demo/sentiment-base:v2.0.0`. Names are compared
 * case-insensitively.
 *
 * @public
 */
export function compareModelCardWithKitfile(
  frontMatter: ModelCardFrontMatter,
  descriptions: ModelKitModelCardDescriptions,
): ModelCardDisagreement[] {
  const disagreements: ModelCardDisagreement[] = [];

  const licenses = unique([
    descriptions.package?.license,
    descriptions.model?.license,
  ]);
  const license = frontMatter.license;
  if (license && licenses.length > 0 && !licenses.some(l => same(l, license))) {
    const kitfile = licenses.join(', ');
    disagreements.push({
      field: 'license',
      card: license,
      kitfile,
      message: `The model card says the license is ${license}; the Kitfile says ${kitfile}.`,
    });
  }

  const path = descriptions.model?.path;
  const base = path ? getModelKitReference(path) : undefined;
  if (base && frontMatter.baseModels.length > 0) {
    const kitfileName = modelBaseName(base.repository);
    if (!frontMatter.baseModels.some(m => modelBaseName(m) === kitfileName)) {
      const card = frontMatter.baseModels.join(', ');
      disagreements.push({
        field: 'base-model',
        card,
        kitfile: path!,
        message: `The model card names the base model ${card}; the Kitfile's model builds on ${path}.`,
      });
    }
  }

  const names = unique([descriptions.package?.name, descriptions.model?.name]);
  if (
    names.length > 0 &&
    frontMatter.modelNames.length > 0 &&
    !frontMatter.modelNames.some(m => names.some(n => same(m, n)))
  ) {
    const card = frontMatter.modelNames.join(', ');
    const kitfile = names.join(', ');
    disagreements.push({
      field: 'model-name',
      card,
      kitfile,
      message: `The model card's results are for ${card}; the Kitfile names ${kitfile}.`,
    });
  }

  return disagreements;
}
