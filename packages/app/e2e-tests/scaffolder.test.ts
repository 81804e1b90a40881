import { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { openPage } from './helpers';

// The modelkit-project template in the portal's template editor (/create/edit): the editor
// loads the template directory, renders the template's form, and runs the scaffolder backend's
// real dry run with the values typed in. The directory comes from the repository through a
// stand-in for the browser's directory picker (headless Chromium cannot show one); everything
// after that is the portal's own code.

const TEMPLATE_DIR = resolve(__dirname, '../../../templates/modelkit-project');

function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else {
        files[relative(dir, path)] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(dir);
  return files;
}

/** Makes `window.showDirectoryPicker` return an in-memory directory holding `files`. */
async function provideDirectory(page: Page, files: Record<string, string>) {
  await page.addInitScript(
    ({ name, tree }) => {
      type Node = { [entry: string]: Node | string };
      const root: Node = {};
      for (const [path, content] of Object.entries(tree)) {
        const parts = path.split('/');
        let dir = root;
        for (const part of parts.slice(0, -1)) {
          dir = (dir[part] ??= {}) as Node;
        }
        dir[parts[parts.length - 1]] = content;
      }
      const fileHandle = (parent: Node, fileName: string) => ({
        kind: 'file',
        name: fileName,
        getFile: async () =>
          new File([parent[fileName] as string], fileName, {
            type: 'text/plain',
          }),
        createWritable: async () => {
          let data = '';
          return {
            write: async (chunk: unknown) => {
              data += typeof chunk === 'string' ? chunk : String(chunk);
            },
            close: async () => {
              parent[fileName] = data;
            },
          };
        },
      });
      const dirHandle = (node: Node, dirName: string): any => ({
        kind: 'directory',
        name: dirName,
        async *values() {
          for (const [entry, value] of Object.entries(node)) {
            yield typeof value === 'string'
              ? fileHandle(node, entry)
              : dirHandle(value, entry);
          }
        },
        async *entries() {
          for await (const handle of this.values()) {
            yield [handle.name, handle];
          }
        },
        getDirectoryHandle: async (
          entry: string,
          opts?: { create?: boolean },
        ) => {
          if (!(entry in node) && opts?.create) node[entry] = {};
          if (typeof node[entry] !== 'object')
            throw new DOMException('', 'NotFoundError');
          return dirHandle(node[entry] as Node, entry);
        },
        getFileHandle: async (entry: string, opts?: { create?: boolean }) => {
          if (!(entry in node) && opts?.create) node[entry] = '';
          if (typeof node[entry] !== 'string')
            throw new DOMException('', 'NotFoundError');
          return fileHandle(node, entry);
        },
        queryPermission: async () => 'granted',
        requestPermission: async () => 'granted',
      });
      (window as any).showDirectoryPicker = async () => dirHandle(root, name);
      // The editor keeps the directory handle in IndexedDB, which cannot hold these objects:
      // keep that one entry in memory instead.
      const KEY = 'scalfolder-template-editor-directory';
      let stored: unknown;
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function patchedPut(value, key) {
        if (key === KEY) {
          stored = value;
          return put.call(this, null, key);
        }
        return put.call(this, value, key);
      };
      const get = IDBObjectStore.prototype.get;
      IDBObjectStore.prototype.get = function patchedGet(key) {
        const request = get.call(this, key);
        if (key === KEY) {
          Object.defineProperty(request, 'result', { get: () => stored });
        }
        return request;
      };
    },
    { name: 'modelkit-project', tree: files },
  );
}

test('the modelkit-project template form completes a dry run that writes the Kitfile and manifests', async ({
  page,
}) => {
  await provideDirectory(page, readTree(TEMPLATE_DIR));
  await openPage(page, '/create/edit');
  await page.getByText('Load Template Directory').click();

  // The editor lists the directory; the form is the one of the selected template.yaml.
  await page.getByText('template.yaml', { exact: true }).click();
  await expect(
    page.getByText('Project', { exact: true }).first(),
  ).toBeVisible();

  // Project
  await page.getByRole('textbox', { name: /^Name/ }).fill('churn-model');
  await page
    .getByRole('textbox', { name: /^Description/ })
    .fill('Predicts which customers leave');
  const owner = page.getByRole('textbox', { name: 'Owner', exact: true });
  await owner.click();
  // The owner picker takes a typed entity reference (it allows values not in its list).
  await owner.fill('group:default/ml-platform');
  await owner.press('Tab');
  await page.getByRole('button', { name: /^Framework/ }).click();
  await page.getByRole('option', { name: 'PyTorch' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  // Model and registry: no base model, the default registry.
  await page
    .getByRole('textbox', { name: /^Repository/ })
    .fill('ml/churn-model');
  await page.getByRole('button', { name: 'Next' }).click();

  // Deployment: the defaults (FastAPI server, staging and production), in namespace ml.
  await page.getByRole('textbox', { name: /^Namespace/ }).fill('ml');
  await page.getByRole('button', { name: 'Next' }).click();

  // Repository location
  const repoOwner = page.getByRole('textbox', { name: 'Owner', exact: true });
  await repoOwner.fill('example-org');
  await repoOwner.press('Tab');
  const repoName = page.getByRole('textbox', {
    name: 'Repository',
    exact: true,
  });
  await repoName.fill('churn-model');
  await repoName.press('Tab');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText('churn-model').first()).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The dry run's result: the files the template wrote.
  await expect(page.getByText('Dry-run results')).toBeVisible({
    timeout: 120_000,
  });
  const files = page.getByText('Files', { exact: true });
  await files.click();
  // The generated repository: Kitfile, catalog-info.yaml, the Kustomize overlays (deploy)
  // and the Flux objects (clusters).
  for (const name of [
    'Kitfile',
    'catalog-info.yaml',
    'Dockerfile',
    'deploy',
    'clusters',
  ]) {
    await expect(
      page.getByRole('treeitem', { name, exact: true }).last(),
    ).toBeVisible();
  }
  await page.getByRole('treeitem', { name: 'Kitfile', exact: true }).click();
  const editor = page.locator('.cm-content').last();
  await expect(editor).toContainText('name: churn-model');
  await expect(editor).toContainText('Predicts which customers leave');

  // Production runs nothing until its first promotion: its overlay names a digest that no
  // content has, for the ModelKit the init container unpacks as for the rest, never a tag.
  for (const name of ['deploy', 'overlays', 'production']) {
    await page.getByRole('treeitem', { name, exact: true }).last().click();
  }
  const production = page
    .getByRole('treeitem', { name: 'production', exact: true })
    .last();
  await production
    .getByRole('treeitem', { name: 'modelkit.yaml', exact: true })
    .click();
  const unpinned = `ghcr.io/ml/churn-model@sha256:${'0'.repeat(64)}`;
  await expect(editor).toContainText('- name: modelkit');
  await expect(editor).toContainText(`value: ${unpinned}`);
  await expect(editor).not.toContainText(':latest');
});
