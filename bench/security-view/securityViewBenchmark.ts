/*
 * Security view render benchmark. Prints the time headless Chromium takes to render the
 * Security tab of a ModelKit entity page (ModelKitSecurityContent) for a ModelKit with 50
 * versions × 5 attestations, side by side with peers of the same view (1 version × 5
 * attestations, 50 versions × 1 attestation):
 *
 * - `first render`: from `root.render()` until every attestation card of the newest version
 *   is in the DOM and a frame is painted (the fixture API answers at once, so this is the
 *   view's own work: the picker with every version, policy panel, counts and cards);
 * - `switch`: picking another version in the version picker until that version's cards
 *   replaced the previous ones and a frame is painted (`--switches` per run).
 *
 * Figures are printed, never asserted.
 *
 *   npx tsx bench/security-view/securityViewBenchmark.ts [--shapes 50x5,1x5,50x1] [--runs 5] [--switches 4]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { withBenchPage } from '../browserPage';
import { runBenchmark } from '../runBenchmark';

const { values } = parseArgs({
  options: {
    shapes: { type: 'string', default: '50x5,1x5,50x1' },
    runs: { type: 'string', default: '5' },
    switches: { type: 'string', default: '4' },
    chromium: {
      type: 'string',
      default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    },
  },
});

const shapes = values.shapes!.split(',').map(s => {
  const match = /^(\d+)x(\d+)$/.exec(s.trim());
  const versions = Number(match?.[1]);
  const attestations = Number(match?.[2]);
  if (
    !match ||
    versions < 1 ||
    versions > 1000 ||
    attestations < 1 ||
    attestations > 500
  ) {
    throw new Error(
      `--shapes takes VERSIONSxATTESTATIONS pairs (1-1000 versions, 1-500 attestations), got "${s}"`,
    );
  }
  return { versions, attestations };
});
function wholeNumber(name: string, text: string | undefined, min: number) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(
      `--${name} takes a whole number of at least ${min}, got "${text}"`,
    );
  }
  return n;
}
const runs = wholeNumber('runs', values.runs, 1);
const switches = wholeNumber('switches', values.switches, 0);

function median(list: number[]) {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function figures(list: number[]) {
  if (list.length === 0) return ['–', '–', '–'];
  return [
    median(list).toFixed(0),
    Math.min(...list).toFixed(0),
    Math.max(...list).toFixed(0),
  ];
}

async function main() {
  await withBenchPage({
    entryPoint: resolve(__dirname, 'page.tsx'),
    executablePath: values.chromium!,
    measure: async (page, errors) => {
      const rows: string[][] = [];
      const stateLines: string[] = [];
      for (const { versions, attestations } of shapes) {
        const render = () =>
          page.evaluate(([v, a]) => (window as any).renderView(v, a), [
            versions,
            attestations,
          ] as const);
        // One warm-up render (and switch), so that each figure is of a hot page.
        await render();
        if (versions > 1 && switches > 0) {
          await page.evaluate(() => (window as any).switchVersion(1));
        }
        const renderTimes: number[] = [];
        const switchTimes: number[] = [];
        let drawn = 0;
        let states: string[] = [];
        for (let i = 0; i < runs; i++) {
          const result = await render();
          renderTimes.push(result.ms);
          drawn = result.cards;
          states = result.states;
          if (versions > 1) {
            // Walk down the list from the newest version (selected first), wrapping around.
            for (let s = 1; s <= switches; s++) {
              const index = s % versions === 0 ? 1 : s % versions;
              const switched = await page.evaluate(
                n => (window as any).switchVersion(n),
                index,
              );
              switchTimes.push(switched.ms);
            }
          }
        }
        stateLines.push(`${versions} × ${attestations}: ${states.join(', ')}`);
        rows.push([
          `${versions} × ${attestations}`,
          String(drawn),
          ...figures(renderTimes),
          String(switchTimes.length),
          ...figures(switchTimes),
        ]);
      }
      if (errors.length > 0) {
        throw new Error(`The page failed: ${errors.join('; ')}`);
      }
      const header = [
        'versions × attestations',
        'cards',
        'render median ms',
        'min',
        'max',
        'switches',
        'switch median ms',
        'min',
        'max',
      ];
      const widths = header.map((h, i) =>
        Math.max(h.length, ...rows.map(r => r[i].length)),
      );
      const line = (cells: string[]) =>
        cells.map((c, i) => c.padEnd(widths[i])).join('  ');
      console.log(
        `\nSecurity view (ModelKitSecurityContent) in headless Chromium (${values.chromium}), ${runs} first renders each after a warm-up, ${switches} version switches after each:\n`,
      );
      console.log(line(header));
      console.log(line(widths.map(w => '-'.repeat(w))));
      for (const row of rows) console.log(line(row));
      console.log(
        '\nrender: root.render() until every attestation card of the newest version is in the DOM and painted;',
      );
      console.log(
        'switch: a version picked in the version picker until its cards replaced the previous ones and painted.',
      );
      console.log('\nCard states of the newest version, as rendered:');
      for (const stateLine of stateLines) console.log(`  ${stateLine}`);
      console.log(
        '\nThe fixture ModelKit API answers from memory: no backend or registry time is included (see bench/attestations).',
      );
    },
  });
}

runBenchmark(main);
