/*
 * The verifier as a package build runs it: `@kitstage/plugin-modelkit-node` and
 * `@kitstage/plugin-modelkit-common` compiled from their current sources by esbuild, as
 * `backstage-cli package build` compiles them (esbuild, ES2024, CommonJS), into one module.
 *
 * Run through tsx, the sources pay for tsx's module wrappers: every import from another module
 * is read through an export getter on each call. Built packages have plain exports, and the
 * verifier makes many small calls across its modules (readers, checks), so the same code runs
 * a few per cent slower through tsx than built (most visibly for RSA, whose signature check is
 * the cheapest). A build of both packages by `backstage-cli package build` ran as fast as this
 * module.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

type NodeLibrary = typeof import('@kitstage/plugin-modelkit-node');

const ROOT = resolve(__dirname, '..', '..');

/**
 * Compiles the two packages from their sources into one CommonJS module and loads it. Their
 * dependencies stay outside (required from the repository's `node_modules`, as the built
 * packages require them).
 */
export async function loadCompiledVerifier(): Promise<NodeLibrary> {
  const dir = mkdtempSync(join(tmpdir(), 'kitstage-bench-verifier-'));
  const outfile = join(dir, 'plugin-modelkit-node.cjs');
  try {
    await build({
      entryPoints: [join(ROOT, 'plugins/modelkit-node/src/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2024',
      outfile,
      logLevel: 'error',
      alias: {
        '@kitstage/plugin-modelkit-common': join(
          ROOT,
          'plugins/modelkit-common/src/index.ts',
        ),
      },
      plugins: [
        {
          name: 'dependencies-from-the-repository',
          setup(builder) {
            // Bare imports other than the two packages: required by absolute path from here,
            // so the module loads from the temporary directory.
            builder.onResolve({ filter: /^[^./]/ }, args => {
              if (
                isBuiltin(args.path) ||
                args.path.startsWith('@kitstage/plugin-modelkit-common')
              ) {
                return undefined;
              }
              return {
                path: require.resolve(args.path, { paths: [args.resolveDir] }),
                external: true,
              };
            });
          },
        },
      ],
    });
    return require(outfile) as NodeLibrary;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
