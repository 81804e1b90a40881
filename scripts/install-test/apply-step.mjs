#!/usr/bin/env node
// Applies one README installation step (extracted by readme-steps.mjs) to the app under test.
//
//   node apply-step.mjs command STEP.sh PACKS_DIR   prints the step's npm commands, each
//       @kitstage/* package name replaced by its packed tarball in PACKS_DIR (the tarballs
//       stand in for the npm registry; everything else in the command is kept as written)
//   node apply-step.mjs code STEP.ts APP_DIR        edits the file the step's first line names
//       (`// packages/backend/src/index.ts`): its imports go after the file's imports, its
//       other lines before `backend.start();`
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

function die(message) {
  console.error(`README installation step: ${message}`);
  process.exit(1);
}

function command(stepFile, packsDir) {
  const text = readFileSync(stepFile, 'utf8').replace(/\\\n\s*/g, ' ');
  const tarballs = readdirSync(packsDir).filter(f => f.endsWith('.tgz'));
  const lines = text
    .split('\n')
    .filter(l => l.trim() && !l.trim().startsWith('#'));
  for (const line of lines) {
    if (!/^npm install\s/.test(line.trim()))
      die(`expected only npm install commands, found: ${line}`);
  }
  return lines
    .map(line =>
      line.trim().replace(/@kitstage\/[a-z0-9-]+/g, name => {
        const prefix = `${name.slice(1).replace('/', '-')}-`;
        const match = tarballs.filter(
          f => f.startsWith(prefix) && /^\d/.test(f.slice(prefix.length)),
        );
        if (match.length !== 1)
          die(`no single tarball for ${name} in ${packsDir}`);
        return resolve(packsDir, match[0]);
      }),
    )
    .join('\n');
}

function code(stepFile, appDir) {
  const lines = readFileSync(stepFile, 'utf8').split('\n');
  const target = /^\/\/\s*(\S+)\s*$/.exec(lines[0] ?? '');
  if (!target)
    die(
      `${stepFile}: the first line must name the file to edit, as "// packages/backend/src/index.ts"`,
    );
  const file = join(appDir, target[1]);
  if (!existsSync(file)) die(`${target[1]} does not exist in the created app`);
  const body = lines.slice(1).filter(l => l.trim() !== '');
  const imports = body.filter(l => /^import\s/.test(l));
  const statements = body.filter(l => !/^import\s/.test(l));
  const source = readFileSync(file, 'utf8').split('\n');
  const start = source.findIndex(l => l.trim() === 'backend.start();');
  if (start < 0)
    die(
      `${target[1]} has no "backend.start();" to add the step's lines before`,
    );
  source.splice(start, 0, ...statements, '');
  let lastImport = -1;
  source.forEach((l, i) => {
    if (
      /^import\s/.test(l) ||
      (lastImport === i - 1 && /^\s+\S|^}/.test(l) && lastImport >= 0)
    )
      lastImport = i;
  });
  source.splice(lastImport + 1, 0, ...imports);
  writeFileSync(file, source.join('\n'));
  console.log(
    `edited ${target[1]}: ${imports.length} imports, ${statements.length} lines before backend.start()`,
  );
}

const [mode, stepFile, dir] = process.argv.slice(2);
if (mode === 'command' && stepFile && dir) console.log(command(stepFile, dir));
else if (mode === 'code' && stepFile && dir) code(stepFile, dir);
else
  die('usage: apply-step.mjs command STEP.sh PACKS_DIR | code STEP.ts APP_DIR');
