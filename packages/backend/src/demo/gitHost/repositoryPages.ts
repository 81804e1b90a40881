import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { runDemoGit, runDemoGitBytes } from './runDemoGit';

/**
 * A repository path of the demo Git host: `<name>` or `<group>/<name>`, lower-case letters,
 * digits and `-`, without `.git`.
 */
export const REPOSITORY_PATH =
  /^(?:[a-z0-9][a-z0-9-]{0,99}\/)?[a-z0-9][a-z0-9-]{0,99}$/;

/** A branch or tag name the pages accept: no `..`, not starting with `-`. */
const REF = /^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9._/-]{0,99}$/;

/** A file path inside a repository: `/`-separated, no `.` or `..` segment, no leading `-`. */
function isFilePath(file: string): boolean {
  return (
    file.length > 0 &&
    file.length <= 500 &&
    !file.startsWith('-') &&
    file
      .split('/')
      .every(
        segment =>
          segment !== '' &&
          segment !== '.' &&
          segment !== '..' &&
          !segment.includes('\0'),
      )
  );
}

/** The bare repository of a repository path, when it exists. */
async function repositoryDirectory(
  root: string,
  repository: string,
): Promise<string | undefined> {
  if (!REPOSITORY_PATH.test(repository)) return undefined;
  const gitDir = path.join(root, `${repository}.git`);
  try {
    return (await fs.stat(gitDir)).isDirectory() ? gitDir : undefined;
  } catch {
    return undefined;
  }
}

/** A file at a ref, or undefined when the ref or the file does not exist. */
async function readFileAt(
  gitDir: string,
  ref: string,
  file: string,
): Promise<Buffer | undefined> {
  if (!REF.test(ref) || !isFilePath(file)) return undefined;
  try {
    return await runDemoGitBytes(gitDir, [
      'cat-file',
      'blob',
      `${ref}:${file}`,
    ]);
  } catch {
    return undefined;
  }
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );
}

function page(
  res: http.ServerResponse,
  status: number,
  title: string,
  body: string,
) {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
    })
    .end(
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(
        title,
      )}</title><style>body{font-family:sans-serif;margin:2em}pre{background:#f5f5f5;padding:1em;overflow:auto}.note{color:#8a4b00}</style></head><body><p class="note">SIMULATED: the Kitstage demo Git host, a read-only view of the repositories it serves.</p><h1>${escapeHtml(
        title,
      )}</h1>${body}</body></html>`,
    );
}

/**
 * `GET /api/v4/projects/<url-encoded repository path>/repository/files/<url-encoded file>/raw?ref=<ref>`:
 * the one endpoint of the GitLab REST API that Backstage's GitLab URL reader calls to read a
 * file (the catalog reading a registered `catalog-info.yaml`). The caller has already checked
 * the token.
 *
 * @returns false when the request is not this endpoint.
 */
export async function serveFileApi(
  root: string,
  url: URL,
  res: http.ServerResponse,
): Promise<boolean> {
  const match = url.pathname.match(
    /^\/api\/v4\/projects\/([^/]+)\/repository\/files\/([^/]+)\/raw$/,
  );
  if (!match) return false;
  let repository: string;
  let file: string;
  try {
    repository = decodeURIComponent(match[1]);
    file = decodeURIComponent(match[2]);
  } catch {
    repository = '';
    file = '';
  }
  const gitDir = await repositoryDirectory(root, repository);
  const content = gitDir
    ? await readFileAt(gitDir, url.searchParams.get('ref') ?? 'main', file)
    : undefined;
  if (!content) {
    res
      .writeHead(404, { 'content-type': 'application/json' })
      .end(JSON.stringify({ message: '404 File Not Found' }));
    return true;
  }
  res
    .writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
    .end(content);
  return true;
}

/**
 * Read-only web pages of a repository, at the addresses GitLab uses, so the links Backstage
 * builds for a GitLab host open something: `/<repository>` and
 * `/<repository>/-/tree/<ref>[/…]` list the files at the ref (main by default), and
 * `/<repository>/-/blob/<ref>/<file>` shows a file. Files are shown as escaped text.
 *
 * @returns false when the request names no repository of the host.
 */
export async function serveRepositoryPage(
  root: string,
  url: URL,
  res: http.ServerResponse,
): Promise<boolean> {
  const [repositoryPart, rest = ''] = url.pathname
    .replace(/^\/+|\/+$/g, '')
    .split('/-/');
  const gitDir = await repositoryDirectory(root, repositoryPart);
  if (!gitDir) return false;
  const repository = repositoryPart;
  const [kind = 'tree', ...restSegments] = rest.split('/').filter(Boolean);
  let decoded: string[];
  try {
    decoded = restSegments.map(decodeURIComponent);
  } catch {
    decoded = [];
  }
  const ref = decoded[0] ?? 'main';
  if (!REF.test(ref) || (kind !== 'tree' && kind !== 'blob')) {
    page(res, 404, repository, '<p>No such page.</p>');
    return true;
  }
  if (kind === 'blob') {
    const file = decoded.slice(1).join('/');
    const content = await readFileAt(gitDir, ref, file);
    if (!content) {
      page(res, 404, `${repository}: ${file}`, '<p>No such file.</p>');
      return true;
    }
    page(
      res,
      200,
      `${repository}: ${file} (${ref})`,
      `<p><a href="/${repository}/-/tree/${encodeURIComponent(
        ref,
      )}">All files</a></p><pre>${escapeHtml(content.toString('utf8'))}</pre>`,
    );
    return true;
  }
  let files: string[];
  try {
    files = (await runDemoGit(gitDir, ['ls-tree', '-r', '--name-only', ref]))
      .split('\n')
      .filter(Boolean);
  } catch {
    page(res, 404, repository, `<p>No branch ${escapeHtml(ref)} yet.</p>`);
    return true;
  }
  const items = files
    .map(
      file =>
        `<li><a href="/${repository}/-/blob/${encodeURIComponent(ref)}/${file
          .split('/')
          .map(encodeURIComponent)
          .join('/')}">${escapeHtml(file)}</a></li>`,
    )
    .join('');
  page(
    res,
    200,
    `${repository} (${ref})`,
    `<p>Clone: <code>git clone ${escapeHtml(
      `${url.origin}/${repository}.git`,
    )}</code> (the host's token as the password)</p><ul>${items}</ul>`,
  );
  return true;
}
