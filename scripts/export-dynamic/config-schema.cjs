#!/usr/bin/env node
// Writes the self-contained configuration schema of a dynamic plugin export
// (`dist-dynamic/dist/configSchema.json` and `dist-dynamic/dist/.config-schema.json`): the
// schemas of the package and of every non-Backstage package it depends on, merged into one, as
// the export tool does. Used when the export tool's own schema compiler rejects a schema that
// the Backstage release line the packages target accepts (see ../export-dynamic.sh).
//
//   node scripts/export-dynamic/config-schema.cjs <package dir>
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const {
  loadConfigSchema,
  mergeConfigSchemas,
} = require('@backstage/config-loader');

async function main() {
  const packageDir = path.resolve(process.argv[2] ?? '');
  const manifest = path.join(packageDir, 'package.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(
      `${packageDir} is not a package directory (no package.json)`,
    );
  }
  const outDir = path.join(packageDir, 'dist-dynamic', 'dist');
  if (!fs.existsSync(outDir)) {
    throw new Error(`${outDir} does not exist: export the package first`);
  }
  const schema = await loadConfigSchema({
    dependencies: [],
    packagePaths: [manifest],
  });
  const own = schema
    .serialize()
    .schemas.filter(
      s => !/(^|[\\/])node_modules[\\/]@backstage[\\/]/.test(s.path),
    );
  if (own.length === 0) {
    throw new Error(`${packageDir} declares no configuration schema`);
  }
  const merged = mergeConfigSchemas(own.map(s => s.value));
  for (const file of ['configSchema.json', '.config-schema.json']) {
    fs.writeFileSync(
      path.join(outDir, file),
      `${JSON.stringify(merged, null, 2)}\n`,
    );
  }
  process.stdout.write(
    `${path.relative(process.cwd(), outDir)}: configuration schema from ${own
      .map(s => s.path)
      .join(', ')}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error.message ?? error}\n`);
  process.exit(1);
});
