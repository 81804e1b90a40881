/**
 * What every demo ModelKit builder shares: where the demo ModelKits live, the shape of a demo
 * ModelKit and its versions, and the seeded metrics their model cards report.
 */
import { random } from './files';
import { KitSpec } from './modelkit';

export const DEMO_HOST = 'registry.example.com';
export const DEMO_NAMESPACE = 'kitstage-demo';

/** The repository of a demo ModelKit, e.g. `kitstage-demo/sentiment-base`. */
export function demoRepository(name: string): string {
  return `${DEMO_NAMESPACE}/${name}`;
}

/** A full reference to a demo ModelKit version, as Kitfiles write lineage. */
export function demoReference(name: string, version: string): string {
  return `${DEMO_HOST}/${demoRepository(name)}:v${version}`;
}

/** One version of a demo ModelKit: its Kitfile and files, and when it was created. */
export interface DemoVersion {
  version: string;
  created: string;
  spec: Omit<KitSpec, 'annotations'>;
}

/** What the Kitfile `package` section of every version of one demo ModelKit says. */
export type DemoPackage = Omit<KitSpec['package'], 'version'>;

/** The Kitfile `package` section of one version of a demo ModelKit. */
export function demoPackage(
  kit: DemoPackage,
  version: string,
): KitSpec['package'] {
  const { name, description, license, authors } = kit;
  return { name, version, description, license, authors };
}

/** A demo ModelKit with its versions, oldest first. */
export interface DemoModelKit {
  name: string;
  versions: DemoVersion[];
}

/** Seeded evaluation metrics for a model card, near `base`. */
export function metrics(seed: string, base: number) {
  const next = random(seed);
  const accuracy = Math.min(0.99, base + next() * 0.02);
  return {
    accuracy: accuracy.toFixed(3),
    f1: (accuracy - 0.01 - next() * 0.02).toFixed(3),
  };
}
