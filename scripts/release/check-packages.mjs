#!/usr/bin/env node
// Checks that every public package under plugins/ is ready to publish.
//
//   node scripts/release/check-packages.mjs              the package.json files and sources:
//                                                          fast, no build needed
//   node scripts/release/check-packages.mjs --packs DIR  also the tarballs in DIR, as written
//                                                          by scripts/release/pack.sh
//
// Sources: README.md and CHANGELOG.md exist; `files` ships dist, CHANGELOG.md, config.d.ts
// when the package declares a config schema and migrations/ when it has one; `exports` and
// `typesVersions` name the same entry points and every one exists; public access.
// Tarballs: one per package; the packed package.json points only into dist (main, types,
// module, exports, typesVersions) and every target is in the tarball; README.md,
// CHANGELOG.md, the config schema (config.d.ts compiled to config.schema.json by
// `backstage-cli package prepack`) and migrations/ are in it and src/ is not; every file the dist
// code imports is in the tarball and every package it imports is a declared dependency;
// and for Node packages each export path loads with Node (require, and import where the
// package has an ES module build) against the other packed Kitstage packages.
// Exits 1 with one line per problem, naming the package.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(join(import.meta.dirname, '..', '..'));
const args = process.argv.slice(2);
const packsIndex = args.indexOf('--packs');
const packsDir =
  packsIndex >= 0 ? resolve(args[packsIndex + 1] ?? '') : undefined;
if (packsIndex >= 0 && (!args[packsIndex + 1] || !existsSync(packsDir))) {
  console.error(
    `--packs needs a directory of tarballs, got '${
      args[packsIndex + 1] ?? ''
    }'`,
  );
  process.exit(2);
}

const NODE_ROLES = new Set([
  'backend-plugin',
  'backend-plugin-module',
  'node-library',
  'common-library',
]);
const problems = [];
const fail = (pkg, message) => problems.push(`${pkg}: ${message}`);
const readJson = file => JSON.parse(readFileSync(file, 'utf8'));

/**
 * Every file path an `exports` value names, with its condition. The `backstage` condition
 * names the kind of feature (`@backstage/BackendFeature`), not a file.
 */
function exportTargets(value, condition = 'default') {
  if (condition === 'backstage') return [];
  if (typeof value === 'string') return [{ condition, target: value }];
  return Object.entries(value ?? {}).flatMap(([c, v]) => exportTargets(v, c));
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

// ---- Sources ------------------------------------------------------------------------------
const packages = [];
for (const dir of readdirSync(join(root, 'plugins')).sort()) {
  const pkgDir = join(root, 'plugins', dir);
  if (!existsSync(join(pkgDir, 'package.json'))) continue;
  const pkg = readJson(join(pkgDir, 'package.json'));
  if (pkg.private) continue;
  packages.push({ dir: pkgDir, pkg });
  const name = pkg.name;
  const files = new Set(pkg.files ?? []);
  for (const doc of ['README.md', 'CHANGELOG.md']) {
    if (!existsSync(join(pkgDir, doc))) fail(name, `${doc} is missing`);
  }
  const changelog = existsSync(join(pkgDir, 'CHANGELOG.md'))
    ? readFileSync(join(pkgDir, 'CHANGELOG.md'), 'utf8')
    : '';
  if (changelog && !changelog.startsWith(`# ${name}\n`)) {
    fail(
      name,
      `CHANGELOG.md must start with "# ${name}" (the heading changesets writes)`,
    );
  }
  if (!files.has('dist')) fail(name, '"files" does not ship dist');
  if (!files.has('CHANGELOG.md'))
    fail(name, '"files" does not ship CHANGELOG.md');
  if (pkg.configSchema) {
    if (!existsSync(join(pkgDir, pkg.configSchema)))
      fail(name, `configSchema ${pkg.configSchema} does not exist`);
    if (!files.has(pkg.configSchema))
      fail(name, `"files" does not ship the config schema ${pkg.configSchema}`);
  } else if (existsSync(join(pkgDir, 'config.d.ts'))) {
    fail(name, 'has config.d.ts but no "configSchema" field');
  }
  if (existsSync(join(pkgDir, 'migrations')) && !files.has('migrations')) {
    fail(name, '"files" does not ship migrations/');
  }
  if (pkg.publishConfig?.access !== 'public')
    fail(name, 'publishConfig.access is not "public"');
  if (!pkg.backstage?.role) fail(name, 'backstage.role is not set');
  if (pkg.repository?.directory !== relative(root, pkgDir)) {
    fail(name, `repository.directory is not ${relative(root, pkgDir)}`);
  }
  if (!pkg.exports) {
    fail(
      name,
      'has no "exports" (run: npx backstage-cli migrate package-exports)',
    );
    continue;
  }
  if (!pkg.exports['.'] || pkg.exports['./package.json'] !== './package.json') {
    fail(
      name,
      '"exports" must have "." and "./package.json": "./package.json"',
    );
  }
  for (const [subpath, value] of Object.entries(pkg.exports)) {
    for (const { target } of exportTargets(value)) {
      if (!existsSync(join(pkgDir, target)))
        fail(name, `export ${subpath} points at missing ${target}`);
    }
    if (subpath === '.') continue;
    const key = subpath.slice(2);
    const typesTarget = pkg.typesVersions?.['*']?.[key]?.[0];
    const exportTarget = typeof value === 'string' ? value : value.default;
    if (!typesTarget)
      fail(name, `typesVersions has no entry for export ${subpath}`);
    else if (`./${typesTarget}` !== exportTarget) {
      fail(
        name,
        `typesVersions maps ${key} to ${typesTarget}, but exports map ${subpath} to ${exportTarget}`,
      );
    }
  }
  for (const key of Object.keys(pkg.typesVersions?.['*'] ?? {})) {
    if (!pkg.exports[`./${key}`])
      fail(name, `typesVersions has ${key}, which is not an export`);
  }
}

// ---- Tarballs -----------------------------------------------------------------------------
/** Bare and relative module specifiers a built file imports. */
function importsOf(code) {
  const specs = new Set();
  // The bundled output has one import or export statement a line.
  const patterns = [
    /^\s*(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"\n]+)['"]/gm,
    /^\s*import\s*['"]([^'"\n]+)['"]/gm,
    /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns)
    for (const m of code.matchAll(pattern)) specs.add(m[1]);
  return specs;
}

const packageNameOf = spec =>
  spec.startsWith('@')
    ? spec.split('/').slice(0, 2).join('/')
    : spec.split('/')[0];

function checkTarball(name, tgz, checkRoot) {
  const target = join(checkRoot, 'node_modules', name);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tgz, '-C', target, '--strip-components=1']);
  const packed = readJson(join(target, 'package.json'));
  const source = packages.find(p => p.pkg.name === name).pkg;
  const has = path => existsSync(join(target, path));
  const files = listFiles(target).map(f => relative(target, f));

  for (const doc of ['README.md', 'CHANGELOG.md', 'package.json']) {
    if (!has(doc)) fail(name, `tarball has no ${doc}`);
  }
  // `backstage-cli package prepack` compiles config.d.ts into config.schema.json, as the
  // published Backstage packages ship it.
  if (source.configSchema) {
    if (!packed.configSchema || !has(packed.configSchema)) {
      fail(
        name,
        `tarball has no config schema (packed configSchema: ${packed.configSchema})`,
      );
    } else if (packed.configSchema.endsWith('.json')) {
      try {
        readJson(join(target, packed.configSchema));
      } catch (error) {
        fail(name, `${packed.configSchema} is not JSON: ${error.message}`);
      }
    }
  }
  if (source.files?.includes('migrations')) {
    if (!files.some(f => f.startsWith('migrations/')))
      fail(name, 'tarball has no migrations/');
  }
  if (files.some(f => f.startsWith('src/')))
    fail(name, 'tarball contains src/');
  if (files.some(f => /\.test\.[jt]sx?$/.test(f)))
    fail(name, 'tarball contains test files');
  for (const entry of packed.files ?? []) {
    if (!has(entry))
      fail(name, `"files" names ${entry}, which the tarball lacks`);
  }
  for (const field of ['main', 'types', 'module']) {
    if (packed[field] === undefined) continue;
    if (!packed[field].replace(/^\.\//, '').startsWith('dist/'))
      fail(name, `packed ${field} is ${packed[field]}, not in dist/`);
    if (!has(packed[field]))
      fail(name, `packed ${field} ${packed[field]} is not in the tarball`);
  }
  if (!packed.main || !packed.types)
    fail(name, 'packed package.json lacks main or types');
  for (const [subpath, value] of Object.entries(packed.exports ?? {})) {
    if (subpath === './package.json') continue;
    const targets = exportTargets(value);
    if (!targets.some(t => t.condition === 'types'))
      fail(name, `packed export ${subpath} has no types`);
    for (const { condition, target: file } of targets) {
      if (!file.startsWith('./dist/'))
        fail(
          name,
          `packed export ${subpath} (${condition}) is ${file}, not in dist/`,
        );
      else if (!has(file))
        fail(
          name,
          `packed export ${subpath} (${condition}) ${file} is not in the tarball`,
        );
    }
  }
  for (const [key, [file]] of Object.entries(
    packed.typesVersions?.['*'] ?? {},
  )) {
    if (!has(file))
      fail(name, `packed typesVersions ${key} → ${file} is not in the tarball`);
  }

  // What the built code imports: relative files must be shipped, packages declared.
  const declared = new Set([
    ...Object.keys(packed.dependencies ?? {}),
    ...Object.keys(packed.peerDependencies ?? {}),
    name,
  ]);
  const builtins = new Set(builtinModules.flatMap(m => [m, `node:${m}`]));
  for (const file of files.filter(f => /^dist\/.*\.(c?js|mjs)$/.test(f))) {
    for (const spec of importsOf(readFileSync(join(target, file), 'utf8'))) {
      if (spec.startsWith('.')) {
        const base = resolve(target, dirname(file), spec);
        if (
          ![base, `${base}.js`, join(base, 'index.js')].some(p => existsSync(p))
        ) {
          fail(name, `${file} imports ${spec}, which the tarball lacks`);
        }
      } else if (
        !builtins.has(spec) &&
        !builtins.has(spec.split('/')[0]) &&
        !declared.has(packageNameOf(spec))
      ) {
        fail(
          name,
          `${file} imports ${packageNameOf(
            spec,
          )}, which is not a dependency or peer dependency`,
        );
      }
    }
  }
  return packed;
}

/** Loads each export of a Node package with Node, from the check directory. */
function loadExports(name, packed, checkRoot) {
  for (const [subpath, value] of Object.entries(
    packed.exports ?? { '.': packed.main },
  )) {
    if (subpath === './package.json') continue;
    const spec = subpath === '.' ? name : `${name}/${subpath.slice(2)}`;
    const conditions = exportTargets(value).map(t => t.condition);
    const probes = [`const m = require(${JSON.stringify(spec)});`];
    if (conditions.includes('import'))
      probes.push(`const e = await import(${JSON.stringify(spec)});`);
    const script = `
      ${probes.join('\n')}
      const keys = Object.keys(typeof m === 'object' && m ? m : {});
      if (keys.length === 0) throw new Error('no exports');
      ${
        conditions.includes('import')
          ? "if (Object.keys(e).length === 0) throw new Error('no ES module exports');"
          : ''
      }`;
    try {
      execFileSync(
        process.execPath,
        [
          '--input-type=commonjs',
          '-e',
          `(async () => {${script}})().catch(e => { console.error(e && e.stack || e); process.exit(1); })`,
        ],
        {
          cwd: checkRoot,
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 60_000,
        },
      );
    } catch (error) {
      const detail = String(error.stderr ?? error.message)
        .trim()
        .split('\n')
        .slice(0, 4)
        .join(' | ');
      fail(name, `export ${spec} does not load with Node: ${detail}`);
    }
  }
}

if (packsDir) {
  // Inside the repository, so the packed packages resolve their npm dependencies from its
  // node_modules, and each other from the check directory (the packed copies, not src/).
  const checkRoot = join(root, '.kitstage', 'pack-check');
  rmSync(checkRoot, { recursive: true, force: true });
  mkdirSync(join(checkRoot, 'node_modules'), { recursive: true });
  const tarballs = readdirSync(packsDir).filter(f => f.endsWith('.tgz'));
  const loaded = [];
  for (const { pkg } of packages) {
    const expected = `${pkg.name.replace(/^@/, '').replace('/', '-')}-${
      pkg.version
    }.tgz`;
    if (!tarballs.includes(expected)) {
      fail(pkg.name, `no tarball ${expected} in ${packsDir}`);
      continue;
    }
    const packed = checkTarball(pkg.name, join(packsDir, expected), checkRoot);
    const size = statSync(join(packsDir, expected)).size;
    console.log(`${expected}  ${(size / 1024).toFixed(0)} KiB`);
    if (NODE_ROLES.has(pkg.backstage?.role)) loaded.push([pkg.name, packed]);
  }
  for (const [name, packed] of loaded) loadExports(name, packed, checkRoot);
  rmSync(checkRoot, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`Package check failed (${problems.length} problems):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(
  `${packages.length} packages ready to publish${
    packsDir
      ? ` (sources and tarballs in ${packsDir})`
      : ' (sources; pass --packs DIR to check tarballs)'
  }`,
);
