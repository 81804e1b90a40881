/**
 * The demo ModelKits of `examples/modelkits.yaml`, several versions each, as KitOps ModelKits in
 * an OCI image layout. Lineage follows the catalog: the fine-tunes name `sentiment-base` as
 * their base model (`model.path`) and take their datasets from the dataset ModelKits
 * (`datasets[].remotePath`), pinned to the versions that were current when they were trained.
 */
import { DEMO_HOST, demoRepository } from './demoKit';
import { demoModelKits } from './demoModelKits';
import { LayoutWriter } from './layout';
import { packModelKit } from './modelkit';

/** A version in the demo layout. */
export interface DemoVersionInfo {
  name: string;
  version: string;
  digest: string;
  /** The size of the manifest, for descriptors of referrers that name it as `subject`. */
  size: number;
  /** When the version was created (`org.opencontainers.image.created`). */
  created: string;
  tags: string[];
}

/**
 * Builds the demo layout: each version under `v<version>`, and `latest` on the newest. More
 * artifacts (for example attestations that refer to a version through their `subject`) can be
 * added to the returned writer with `addUntagged` before it is written.
 */
export function buildDemoLayout(): {
  writer: LayoutWriter;
  versions: DemoVersionInfo[];
} {
  const writer = new LayoutWriter(DEMO_HOST);
  const versions: DemoVersionInfo[] = [];
  for (const kit of demoModelKits()) {
    kit.versions.forEach((v, i) => {
      const tags = [`v${v.version}`];
      if (i === kit.versions.length - 1) {
        tags.push('latest');
      }
      const artifact = packModelKit({
        ...v.spec,
        annotations: { 'org.opencontainers.image.created': v.created },
      });
      writer.add(demoRepository(kit.name), tags, artifact);
      versions.push({
        name: kit.name,
        version: v.version,
        digest: artifact.descriptor.digest,
        size: artifact.descriptor.size,
        created: v.created,
        tags,
      });
    });
  }
  return { writer, versions };
}
