#!/usr/bin/env node
// Fetches the official manifest of a Backstage release (versions.backstage.io, through
// @backstage/release-manifests) into scripts/release/manifests/<version>.json, the file that
// check-backstage-versions.mjs and the install test read. Needs internet access; run it when
// moving Kitstage to a new Backstage release, then set that version in backstage.json.
//
// Usage: node scripts/release/fetch-manifest.mjs <release version, such as 1.57.0>
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const version = process.argv[2];
if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version ?? '')) {
  console.error(
    'usage: node scripts/release/fetch-manifest.mjs <release version, such as 1.57.0>',
  );
  process.exit(2);
}
const root = join(import.meta.dirname, '..', '..');
const require = createRequire(join(root, 'package.json'));
const { getManifestByVersion } = require(require.resolve(
  '@backstage/release-manifests',
  {
    paths: [require.resolve('@backstage/cli/package.json')],
  },
));
const manifest = await getManifestByVersion({ version });
const file = join(root, 'scripts', 'release', 'manifests', `${version}.json`);
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`wrote ${file} (${manifest.packages.length} packages)`);
