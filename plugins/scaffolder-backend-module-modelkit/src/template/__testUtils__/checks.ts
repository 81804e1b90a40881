import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  componentEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { ModelKitEntityProcessor } from '@kitstage/plugin-catalog-backend-module-modelkit';
import {
  Kitfile,
  isModelKitEntity,
  modelKitEntityV1alpha1Validator,
  parseKitfile,
} from '@kitstage/plugin-modelkit-common';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { DURATION } from '../../lib/patterns';

const PACKAGE = '@kitstage/plugin-scaffolder-backend-module-modelkit';

/**
 * Parses a YAML stream into its documents, failing on any YAML error.
 *
 * @internal
 */
export function parseDocuments(text: string): any[] {
  return yaml.parseAllDocuments(text).map(doc => {
    if (doc.errors.length) {
      throw new Error(doc.errors.map(e => e.message).join('\n'));
    }
    return doc.toJS();
  });
}

/**
 * Writes the generated files to a fresh directory, for the command-line checkers.
 *
 * @internal
 */
export function materialize(files: Map<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitstage-project-'));
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

function run(
  command: string,
  args: string[],
  options: { cwd?: string; input?: string } = {},
) {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) {
    throw result.error;
  }
  return result;
}

/**
 * `kubectl kustomize` of a directory: the objects it renders.
 *
 * @internal
 */
export function kustomize(dir: string): any[] {
  const result = run('kubectl', ['kustomize', dir]);
  if (result.status !== 0) {
    throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  }
  return parseDocuments(result.stdout);
}

/**
 * yamllint in strict mode with the project's own configuration; returns its findings.
 *
 * @internal
 */
export function yamllint(dir: string, files: string[]): string {
  const result = run(
    'yamllint',
    ['--strict', '-f', 'parsable', '-c', '.yamllint.yaml', ...files],
    {
      cwd: dir,
    },
  );
  return result.status === 0 ? '' : result.stdout + result.stderr;
}

/**
 * shellcheck of a bash script; returns its findings.
 *
 * @internal
 */
export function shellcheck(script: string): string {
  const result = run('shellcheck', ['--shell=bash', '--severity=style', '-'], {
    input: script,
  });
  return result.status === 0 ? '' : result.stdout + result.stderr;
}

/**
 * Python's own parser over a source file; returns the syntax error, or '' when it parses.
 *
 * @internal
 */
export function pythonSyntaxErrors(file: string): string {
  const result = run('python3', [
    '-c',
    'import ast, sys; ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])',
    file,
  ]);
  return result.status === 0 ? '' : result.stderr;
}

/**
 * Validates a workflow with GitHub's own parser (@actions/workflow-parser). The package is an
 * ES module only, so it runs in a child Node process.
 *
 * @internal
 */
export function workflowErrors(content: string): string[] {
  const script = `
    import { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from '@actions/workflow-parser';
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const content = Buffer.concat(chunks).toString('utf8');
    const parsed = parseWorkflow({ name: 'modelkit.yaml', content }, new NoOperationTraceWriter());
    const errors = parsed.context.errors.getErrors().map(e => e.message);
    if (parsed.value) {
      const template = await convertWorkflowTemplate(parsed.context, parsed.value);
      for (const e of template.errors ?? []) errors.push(e.Message ?? e.message ?? String(e));
    } else {
      errors.push('the workflow did not parse');
    }
    process.stdout.write(JSON.stringify([...new Set(errors)]));
  `;
  // tsx's loader lets the parser import its JSON schema the way its build expects.
  const result = run(
    process.execPath,
    ['--import', 'tsx/esm', '--input-type=module', '-e', script],
    { cwd: resolvePackagePath(PACKAGE), input: content },
  );
  if (result.status !== 0) {
    throw new Error(`workflow parser failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

/**
 * Validates Kubernetes and Flux objects against their schemas with `kubernetes-models` and
 * `@kubernetes-models/flux-cd` (ES modules only, so they run in a child Node process). Returns
 * one entry per object: undefined when it is valid, the problem otherwise.
 *
 * @internal
 */
export function objectSchemaErrors(objects: any[]): Array<string | undefined> {
  const script = `
    import { Deployment } from 'kubernetes-models/apps/v1';
    import { Container, Namespace, Service } from 'kubernetes-models/v1';
    import { GitRepository } from '@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1';
    import { Kustomization } from '@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1';
    const DURATION = new RegExp(process.argv[1]);
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const objects = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const check = model => { try { model.validate(); return null; } catch (e) { return String(e); } };
    const durations = (spec, fields) =>
      fields.every(f => spec[f] === undefined || DURATION.test(spec[f])) ? null : 'a duration field is not a duration';
    const results = objects.map(object => {
      switch (object.apiVersion + '/' + object.kind) {
        case 'apps/v1/Deployment': return check(new Deployment(object));
        case 'v1/Service': return check(new Service(object));
        case 'v1/Namespace': return check(new Namespace(object));
        case 'source.toolkit.fluxcd.io/v1/GitRepository':
          return check(new GitRepository(object)) ?? durations(object.spec, ['interval', 'timeout']);
        case 'kustomize.toolkit.fluxcd.io/v1/Kustomization':
          return check(new Kustomization(object)) ?? durations(object.spec, ['interval', 'timeout', 'retryInterval']);
        case 'serving.kserve.io/v1beta1/InferenceService': {
          // No published model for KServe: the predictor's model embeds a Container, so it is
          // checked against the Container schema (the kit:// URI is checked with parseKitUri).
          const model = object.spec?.predictor?.model;
          if (!model?.modelFormat?.name) return 'spec.predictor.model.modelFormat.name is missing';
          const { modelFormat, protocolVersion, storageUri, ...container } = model;
          return check(new Container({ name: 'kserve-container', ...container }));
        }
        default: return 'no schema known for ' + object.apiVersion + '/' + object.kind;
      }
    });
    process.stdout.write(JSON.stringify(results));
  `;
  const result = run(
    process.execPath,
    ['--input-type=module', '-e', script, DURATION.source],
    { cwd: resolvePackagePath(PACKAGE), input: JSON.stringify(objects) },
  );
  if (result.status !== 0) {
    throw new Error(`schema validation failed to run: ${result.stderr}`);
  }
  return (JSON.parse(result.stdout) as Array<string | null>).map(
    e => e ?? undefined,
  );
}

const KITFILE_FIELDS: Record<string, string[]> = {
  '': ['manifestVersion', 'package', 'model', 'code', 'datasets', 'docs'],
  package: ['name', 'version', 'description', 'license', 'authors'],
  model: [
    'name',
    'path',
    'license',
    'framework',
    'format',
    'version',
    'description',
    'parts',
    'parameters',
  ],
  'model.parts': ['name', 'path', 'license', 'type'],
  code: ['path', 'description', 'license'],
  datasets: ['name', 'path', 'description', 'license', 'parameters'],
  docs: ['path', 'description'],
};

/**
 * Reads a generated Kitfile the two ways that matter: `parseKitfile` from modelkit-common in
 * strict mode (it throws an InvalidKitfileError naming each bad field), and against the fields
 * the KitOps CLI decodes, since `kit` refuses unknown fields while the shared parser keeps them.
 *
 * @internal
 */
export function readKitfile(text: string): {
  kitfile: Kitfile;
  unknownFields: string[];
} {
  const kitfile = parseKitfile(text, { strict: true });
  const unknownFields: string[] = [];
  const check = (value: object, at: string) => {
    for (const key of Object.keys(value)) {
      if (!KITFILE_FIELDS[at].includes(key)) {
        unknownFields.push(at ? `${at}.${key}` : key);
      }
    }
  };
  check(kitfile, '');
  check(kitfile.package ?? {}, 'package');
  check(kitfile.model ?? {}, 'model');
  for (const part of kitfile.model?.parts ?? []) check(part, 'model.parts');
  for (const entry of kitfile.code ?? []) check(entry, 'code');
  for (const entry of kitfile.datasets ?? []) check(entry, 'datasets');
  for (const entry of kitfile.docs ?? []) check(entry, 'docs');
  return { kitfile, unknownFields };
}

/**
 * Runs the catalog's entity policies, the kind validators (the Component validator, the shared
 * ModelKit validator) and the ModelKit processor; returns every problem found.
 *
 * @internal
 */
export async function entityProblems(entity: Entity): Promise<string[]> {
  const problems: string[] = [];
  const policy = EntityPolicies.allOf([
    new DefaultNamespaceEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
    new FieldFormatEntityPolicy(),
    new SchemaValidEntityPolicy(),
  ]);
  try {
    await policy.enforce(entity);
  } catch (error) {
    problems.push(`policy: ${error}`);
  }
  try {
    if (entity.kind === 'Component') {
      if (!(await componentEntityV1alpha1Validator.check(entity))) {
        problems.push('not a Component');
      }
    } else if (isModelKitEntity(entity)) {
      if (!(await modelKitEntityV1alpha1Validator.check(entity))) {
        problems.push(
          'modelKitEntityV1alpha1Validator did not accept the entity',
        );
      }
      if (!(await new ModelKitEntityProcessor().validateEntityKind(entity))) {
        problems.push('ModelKitEntityProcessor did not accept the entity');
      }
    } else {
      problems.push(`unexpected kind ${entity.kind}`);
    }
  } catch (error) {
    problems.push(`${entity.kind} validator: ${error}`);
  }
  return problems;
}
