/*
 * Lineage graph render benchmark. Prints the time headless Chromium takes to render a lineage
 * graph of 50, 200 and 1000 nodes, from the React render until every node is laid out, visible
 * and painted, with Kitstage's time as a multiple of the peer's from the same run:
 *
 * - `kitstage`: the Kitstage lineage canvas with every group expanded (all nodes drawn),
 * - `kitstage-collapsed`: the same graph as the Lineage tab first shows it (groups of more
 *   than 12 nodes of one kind collapsed),
 * - `default-nodes`: the peer, DependencyGraph from @backstage/core-components with its
 *   default nodes and labels, as @backstage/plugin-catalog-graph draws entity graphs.
 *
 * Then it pans and zooms the largest graph with real mouse input (wheel in, drag, wheel out) in
 * both renderers and prints the time between animation frames meanwhile (p50, p95, max), and
 * the machine's load average. Figures are printed, never asserted.
 *
 *   npx tsx bench/lineage/lineageBenchmark.ts [--sizes 50,200,1000] [--runs 5]
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright';
import { withBenchPage } from '../browserPage';
import { machineLoad, runBenchmark } from '../runBenchmark';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50,200,1000' },
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

/** The `p` quantile of `list` in ms, or a dash for no samples. */
function percentile(list: number[], p: number) {
  if (list.length === 0) return '-';
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor(p * sorted.length))
  ].toFixed(1);
}

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(line(widths.map(w => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

/**
 * Zooms in with the wheel over the middle of the drawing, drags it, and zooms out, with real
 * mouse input, and returns the time between animation frames meanwhile.
 */
async function panAndZoom(page: Page) {
  const [x, y] = [700, 450];
  const transform = (): Promise<string> =>
    page.evaluate(() => (window as any).drawingTransform());
  await page.mouse.move(x, y);
  const fitted = await transform();
  await page.evaluate(() => (window as any).startFrames());
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(50);
  const zoomed = await transform();
  await page.mouse.down();
  await page.mouse.move(x - 400, y - 250, { steps: 60 });
  await page.mouse.move(x + 300, y + 200, { steps: 60 });
  await page.mouse.up();
  await page.waitForTimeout(50);
  const panned = await transform();
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(100);
  const deltas: number[] = await page.evaluate(() =>
    (window as any).stopFrames(),
  );
  return { deltas, moved: fitted !== zoomed && zoomed !== panned };
}

async function main() {
  await withBenchPage({
    entryPoint: resolve(__dirname, 'page.tsx'),
    executablePath: values.chromium!,
    measure: async (page, errors) => {
      // Warm the page up (React, the theme, the styles of both renderers) so that the first
      // figure is not also the first render of the page.
      for (const variant of variants) {
        await page.evaluate(([v, n]) => (window as any).renderGraph(v, n), [
          variant,
          Math.min(...sizes),
        ] as const);
      }
      const loadBefore = machineLoad();
      const rows: string[][] = [];
      const medians = new Map<string, number>();
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
          medians.set(`${size} ${variant}`, median(times));
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
      for (const row of rows) {
        const peer = medians.get(`${row[0]} default-nodes`)!;
        row.push(
          row[1] === 'default-nodes'
            ? ''
            : `${(medians.get(`${row[0]} ${row[1]}`)! / peer).toFixed(2)}×`,
        );
      }

      if (errors.length > 0) {
        throw new Error(`The page failed: ${errors.join('; ')}`);
      }
      console.log(
        `\nLineage graph render time in headless Chromium (${values.chromium}), ${runs} runs each after a warm-up:\n`,
      );
      printTable(
        [
          'nodes',
          'renderer',
          'drawn',
          'median ms',
          'min ms',
          'max ms',
          '× default-nodes',
        ],
        rows,
      );
      console.log(
        '\nkitstage: lineage canvas, every node drawn; kitstage-collapsed: as the Lineage tab opens (large groups collapsed);',
      );
      console.log(
        "default-nodes: DependencyGraph default nodes and labels (the catalog-graph peer); × is the median over the peer's median at the same size.",
      );
      console.log(
        `Load average (1, 5, 15 min) after rendering: ${machineLoad()}`,
      );

      // Pan and zoom the largest graph, every node drawn, in both renderers.
      const frameSize = Math.max(...sizes);
      const frameRows: string[][] = [];
      for (const variant of ['kitstage', 'default-nodes'] as const) {
        await page.evaluate(([v, n]) => (window as any).renderGraph(v, n), [
          variant,
          frameSize,
        ] as const);
        await page.waitForTimeout(500);
        // Idle frames first: what the machine gives when nothing moves.
        await page.evaluate(() => (window as any).startFrames());
        await page.waitForTimeout(500);
        const idle: number[] = await page.evaluate(() =>
          (window as any).stopFrames(),
        );
        const { deltas, moved } = await panAndZoom(page);
        if (!moved) {
          throw new Error(
            `Panning and zooming did not move the ${variant} graph`,
          );
        }
        frameRows.push([
          String(frameSize),
          variant,
          String(deltas.length),
          percentile(deltas, 0.5),
          percentile(deltas, 0.95),
          percentile(deltas, 1),
          String(deltas.filter(d => d > 50).length),
          percentile(idle, 0.5),
        ]);
      }
      if (errors.length > 0) {
        throw new Error(`The page failed: ${errors.join('; ')}`);
      }

      console.log(
        `\nFrame times while panning and zooming ${frameSize} nodes (wheel in, drag, wheel out; real mouse input):\n`,
      );
      printTable(
        [
          'nodes',
          'renderer',
          'frames',
          'p50 ms',
          'p95 ms',
          'max ms',
          'frames > 50 ms',
          'idle p50 ms',
        ],
        frameRows,
      );
      console.log(
        `\nLoad average (1, 5, 15 min): ${loadBefore} at the start, ${machineLoad()} at the end (${
          cpus().length
        } cores).`,
      );
    },
  });
}

runBenchmark(main);
