/*
 * Lineage graph render benchmark. Prints the time headless Chromium takes to render a lineage
 * graph of 200 nodes (and a 50-node baseline), from the React render until every node is laid
 * out, visible and painted:
 *
 * - `kitstage`: the Kitstage lineage canvas with every group expanded (all nodes drawn),
 * - `kitstage-collapsed`: the same graph as the Lineage tab first shows it (groups of more
 *   than 12 nodes of one kind collapsed),
 * - `default-nodes`: the peer, DependencyGraph from @backstage/core-components with its
 *   default nodes and labels, as @backstage/plugin-catalog-graph draws entity graphs.
 *
 * Figures are printed, never asserted.
 *
 *   npx tsx bench/lineage/lineageBenchmark.ts [--sizes 50,200] [--runs 5]
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50,200' },
    runs: { type: 'string', default: '5' },
    chromium: {
      type: 'string',
      default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    },
  },
});

const sizes = values.sizes!.split(',').map(s => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 10 || n > 2000) {
    throw new Error(`--sizes takes whole numbers from 10 to 2000, got "${s}"`);
  }
  return n;
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  throw new Error(
    `--runs takes a whole number of at least 1, got "${values.runs}"`,
  );
}
const variants = ['kitstage', 'kitstage-collapsed', 'default-nodes'] as const;

function median(list: number[]) {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kitstage-lineage-bench-'));
  try {
    const bundleStart = performance.now();
    await build({
      entryPoints: [resolve(__dirname, 'page.tsx')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      jsx: 'automatic',
      minify: true,
      outfile: join(dir, 'page.js'),
      define: {
        'process.env.NODE_ENV': '"production"',
        global: 'globalThis',
      },
      loader: {
        '.svg': 'dataurl',
        '.png': 'dataurl',
        '.woff': 'dataurl',
        '.woff2': 'dataurl',
      },
      logLevel: 'error',
    });
    const css = existsSync(join(dir, 'page.css'))
      ? '<link rel="stylesheet" href="page.css">'
      : '';
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html><head><meta charset="utf-8">${css}</head><body><div id="root"></div><script src="page.js"></script></body></html>`,
    );
    console.log(
      `Bundled the benchmark page in ${(
        (performance.now() - bundleStart) /
        1000
      ).toFixed(1)} s`,
    );

    const browser = await chromium.launch({
      executablePath: values.chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const page = await browser.newPage({
        viewport: { width: 1440, height: 900 },
      });
      const errors: string[] = [];
      page.on('pageerror', error => errors.push(String(error)));
      await page.goto(`file://${join(dir, 'index.html')}`);
      await page.waitForFunction(() => (window as any).benchReady === true);

      const rows: string[][] = [];
      for (const size of sizes) {
        for (const variant of variants) {
          // One warm-up render, so that each figure is of a hot page.
          await page.evaluate(([v, n]) => (window as any).renderGraph(v, n), [
            variant,
            size,
          ] as const);
          const times: number[] = [];
          let drawn = 0;
          for (let i = 0; i < runs; i++) {
            const result = await page.evaluate(
              ([v, n]) => (window as any).renderGraph(v, n),
              [variant, size] as const,
            );
            times.push(result.ms);
            drawn = result.drawnNodes;
          }
          rows.push([
            String(size),
            variant,
            String(drawn),
            median(times).toFixed(0),
            Math.min(...times).toFixed(0),
            Math.max(...times).toFixed(0),
          ]);
        }
      }
      if (errors.length > 0) {
        throw new Error(`The page failed: ${errors.join('; ')}`);
      }
      const header = [
        'nodes',
        'renderer',
        'drawn',
        'median ms',
        'min ms',
        'max ms',
      ];
      const widths = header.map((h, i) =>
        Math.max(h.length, ...rows.map(r => r[i].length)),
      );
      const line = (cells: string[]) =>
        cells.map((c, i) => c.padEnd(widths[i])).join('  ');
      console.log(
        `\nLineage graph render time in headless Chromium (${values.chromium}), ${runs} runs each after a warm-up:\n`,
      );
      console.log(line(header));
      console.log(line(widths.map(w => '-'.repeat(w))));
      for (const row of rows) console.log(line(row));
      console.log(
        '\nkitstage: lineage canvas, every node drawn; kitstage-collapsed: as the Lineage tab opens (large groups collapsed);',
      );
      console.log(
        'default-nodes: DependencyGraph default nodes and labels (the catalog-graph peer).',
      );
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
