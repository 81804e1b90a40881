#!/usr/bin/env node
// Checks that the published packages fit the Backstage release named in backstage.json: every
// @backstage/* range in the `dependencies` and `peerDependencies` of each plugins/* package
// must be satisfied by that package's version in the release manifest, so an app on that
// release installs one copy of each Backstage package next to Kitstage. This is the offline
// counterpart of `backstage-cli versions:bump --release <version>` (which needs
// versions.backstage.io): the manifest is kept in scripts/release/manifests/<version>.json,
// in the format of the official one (`{ releaseVersion, packages: [{ name, version }] }`), so
// `BACKSTAGE_MANIFEST_FILE=scripts/release/manifests/<version>.json backstage-cli versions:bump`
// bumps an app to the same versions.
//
// Usage: node scripts/release/check-backstage-versions.mjs [repository root]
// Exits 1 naming each package and dependency that does not fit.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..'));
const require = createRequire(join(root, 'package.json'));
// semver comes with the Backstage CLI, a dependency of the repository root.
const semver = require(require.resolve('semver', {
  paths: [require.resolve('@backstage/cli/package.json')],
}));

const readJson = file => JSON.parse(readFileSync(file, 'utf8'));
const problems = [];

const backstageJson = join(root, 'backstage.json');
if (!existsSync(backstageJson)) {
  console.error(
    'backstage.json is missing: it names the Backstage release Kitstage supports',
  );
  process.exit(1);
}
const release = readJson(backstageJson).version;
const manifestFile = join(
  root,
  'scripts',
  'release',
  'manifests',
  `${release}.json`,
);
if (!existsSync(manifestFile)) {
  console.error(
    `backstage.json names Backstage ${release}, but there is no release manifest ` +
      `scripts/release/manifests/${release}.json (fetch it with ` +
      `node scripts/release/fetch-manifest.mjs ${release})`,
  );
  process.exit(1);
}
const manifest = readJson(manifestFile);
if (manifest.releaseVersion !== release) {
  problems.push(
    `${manifestFile} is the manifest of ${manifest.releaseVersion}, not of ${release} (backstage.json)`,
  );
}
const releaseVersions = new Map(
  manifest.packages.map(p => [p.name, p.version]),
);

let checked = 0;
for (const dir of readdirSync(join(root, 'plugins')).sort()) {
  const file = join(root, 'plugins', dir, 'package.json');
  if (!existsSync(file)) continue;
  const pkg = readJson(file);
  if (pkg.private) continue;
  for (const field of ['dependencies', 'peerDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (!name.startsWith('@backstage/')) continue;
      checked += 1;
      const version = releaseVersions.get(name);
      if (!version) {
        problems.push(
          `${pkg.name}: ${field} ${name} is not part of Backstage ${release} (not in ${manifestFile})`,
        );
      } else if (!semver.validRange(range)) {
        problems.push(
          `${pkg.name}: ${field} ${name} has an invalid range "${range}"`,
        );
      } else if (!semver.satisfies(version, range)) {
        problems.push(
          `${pkg.name}: ${field} ${name}@"${range}" does not accept ${version}, the version in ` +
            `Backstage ${release}; use "^${version}" or state another release in backstage.json`,
        );
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`Backstage release check failed (release ${release}):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(
  `Backstage ${release}: all ${checked} @backstage/* dependency ranges of the plugins/* packages accept the release's versions`,
);
