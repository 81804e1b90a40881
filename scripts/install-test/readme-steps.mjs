#!/usr/bin/env node
// Reads the installation steps out of the README, so the install test runs the very snippets
// a reader copies. A step is the code block right after a marker line
// `<!-- install-step: NAME -->`. Every step the install test applies must be present exactly
// once: a missing, doubled or unfenced step fails here, naming it.
//
//   node scripts/install-test/readme-steps.mjs README.md OUT_DIR
//
// writes OUT_DIR/<NAME>.<fence language> per step and prints the names.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The steps the install test applies, with the language each must be written in. */
export const REQUIRED_STEPS = {
  'backend-packages': 'sh',
  'backend-code': 'ts',
  'app-config': 'yaml',
  'frontend-packages': 'sh',
};

/** Parses the marked steps of a Markdown text: `{ name: { lang, code } }`. */
export function readSteps(markdown) {
  const lines = markdown.split('\n');
  const steps = {};
  const errors = [];
  lines.forEach((line, index) => {
    const marker = /^<!--\s*install-step:\s*([a-z0-9-]+)\s*-->\s*$/.exec(line);
    if (!marker) return;
    const name = marker[1];
    let i = index + 1;
    while (i < lines.length && lines[i].trim() === '') i += 1;
    const fence = /^```([a-z]+)\s*$/.exec(lines[i] ?? '');
    if (!fence) {
      errors.push(
        `install step "${name}" (line ${
          index + 1
        }) is not followed by a code block`,
      );
      return;
    }
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) {
      errors.push(
        `install step "${name}" (line ${index + 1}) has an unclosed code block`,
      );
      return;
    }
    if (steps[name]) errors.push(`install step "${name}" is marked twice`);
    steps[name] = {
      lang: fence[1],
      code: `${lines.slice(i + 1, end).join('\n')}\n`,
    };
  });
  for (const [name, lang] of Object.entries(REQUIRED_STEPS)) {
    if (!steps[name])
      errors.push(
        `install step "${name}" is not marked in the README (<!-- install-step: ${name} -->)`,
      );
    else if (steps[name].lang !== lang) {
      errors.push(
        `install step "${name}" must be a ${lang} code block, found ${steps[name].lang}`,
      );
    }
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return steps;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [readme, outDir] = process.argv.slice(2);
  if (!readme || !outDir) {
    console.error(
      'usage: node scripts/install-test/readme-steps.mjs README.md OUT_DIR',
    );
    process.exit(2);
  }
  try {
    const steps = readSteps(readFileSync(readme, 'utf8'));
    mkdirSync(outDir, { recursive: true });
    for (const [name, { lang, code }] of Object.entries(steps)) {
      writeFileSync(join(outDir, `${name}.${lang}`), code);
      console.log(name);
    }
  } catch (error) {
    console.error(`README installation steps: ${error.message}`);
    process.exit(1);
  }
}
