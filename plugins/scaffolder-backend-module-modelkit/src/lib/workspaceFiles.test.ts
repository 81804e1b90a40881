import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeWorkspaceFile } from './workspaceFiles';

describe('writeWorkspaceFile', () => {
  let root: string;
  let workspace: string;
  let outside: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kitstage-ws-'));
    workspace = path.join(root, 'workspace');
    outside = path.join(root, 'outside');
    fs.mkdirSync(workspace);
    fs.mkdirSync(outside);
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes nested files inside the workspace', async () => {
    await writeWorkspaceFile(workspace, 'deploy/base/a.yaml', 'x: 1\n');
    expect(
      fs.readFileSync(path.join(workspace, 'deploy/base/a.yaml'), 'utf8'),
    ).toBe('x: 1\n');
  });

  it.each([
    ['../outside/a.yaml', /leaves the workspace through "\.\."/],
    ['deploy/../../outside/a.yaml', /leaves the workspace/],
    ['/etc/passwd', /is absolute/],
    ['deploy\\a.yaml', /backslash/],
    ['', /must not be empty/],
  ])('refuses %j', async (target, message) => {
    await expect(writeWorkspaceFile(workspace, target, 'x')).rejects.toThrow(
      message,
    );
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('refuses to write through a symbolic link to a directory outside', async () => {
    fs.symlinkSync(outside, path.join(workspace, 'deploy'));
    await expect(
      writeWorkspaceFile(workspace, 'deploy/a.yaml', 'x'),
    ).rejects.toThrow(
      'path "deploy/a.yaml" goes through the symbolic link "deploy", which may point outside the workspace',
    );
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('refuses to overwrite a symbolic link planted at the file', async () => {
    const target = path.join(outside, 'victim');
    fs.writeFileSync(target, 'original');
    fs.symlinkSync(target, path.join(workspace, 'Kitfile'));
    await expect(writeWorkspaceFile(workspace, 'Kitfile', 'x')).rejects.toThrow(
      'path "Kitfile" is a symbolic link, which may point outside the workspace',
    );
    expect(fs.readFileSync(target, 'utf8')).toBe('original');
  });
});
