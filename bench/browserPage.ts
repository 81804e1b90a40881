/*
 * What the browser benchmarks share: their page (a `page.tsx` beside them) bundled with
 * esbuild as production React, opened from a temporary directory in headless Chromium, and
 * everything removed again after the benchmark ran.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright';

/**
 * Bundles `entryPoint`, opens it in headless Chromium (`executablePath`) at 1440 × 900, waits
 * until the page sets `window.benchReady`, and runs `measure` with the page; page errors are
 * collected in `errors`. The browser and the bundle are removed afterwards, also on failure.
 */
export async function withBenchPage<T>(options: {
  entryPoint: string;
  executablePath: string;
  measure: (page: Page, errors: string[]) => Promise<T>;
}): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'kitstage-bench-page-'));
  try {
    const bundleStart = performance.now();
    await build({
      entryPoints: [options.entryPoint],
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
      executablePath: options.executablePath,
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
      return await options.measure(page, errors);
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
