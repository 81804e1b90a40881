import {
  absent,
  check,
  finiteNumber,
  plainObject,
  readArray,
  readSimply,
  stringOf,
} from './plainJson';
import { dateTimeMillis } from './schemaIssues';

/**
 * A scan evaluation predicate as `scanEvaluationPredicateSchema` returns it.
 *
 * @internal
 */
export interface ReadScanEvaluation {
  scanner: { name: string; version?: string; uri?: string };
  modelKit?: { reference?: string; digest?: string };
  result?: 'pass' | 'fail';
  metrics?: Array<{
    name: string;
    value: number;
    unit?: string;
    description?: string;
    threshold?: { min?: number; max?: number };
  }>;
  findings?: Array<{
    id?: string;
    severity: string;
    title: string;
    description?: string;
    category?: string;
    location?: { path?: string; layerDigest?: string; line?: number };
    references?: string[];
  }>;
  timing: { startedOn: string; finishedOn: string };
  invocation?: { uri?: string };
}

/** What the schema allows that the reader is told rather than repeating it. */
interface Rules {
  /** The finding severities. */
  severities: readonly string[];
  /** An OCI digest (`modelKit.digest`, `location.layerDigest`). */
  ociDigest: RegExp;
}

/*
 * Members are read by name (`metric.unit`), never as `record[key]`: a named read stays fast
 * however much other code runs in the process.
 */

const SHA256_DIGEST_LENGTH = 'sha256:'.length + 64;

/**
 * Whether the text is `sha256:` and 64 lower-case hex digits: the usual OCI digest, which
 * `rules.ociDigest` accepts, told without running it.
 */
function isSha256Digest(text: string): boolean {
  if (text.length !== SHA256_DIGEST_LENGTH || !text.startsWith('sha256:')) {
    return false;
  }
  for (let i = 'sha256:'.length; i < SHA256_DIGEST_LENGTH; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) {
      return false;
    }
  }
  return true;
}

function digestOf(value: unknown, rules: Rules): string {
  const text = stringOf(value, 0, Infinity);
  check(isSha256Digest(text) || rules.ociDigest.test(text));
  return text;
}

type Metric = NonNullable<ReadScanEvaluation['metrics']>[number];
type Finding = NonNullable<ReadScanEvaluation['findings']>[number];

function readMetric(value: unknown): Metric {
  const metric = plainObject(value);
  const { unit, description, threshold } = metric;
  const read: Metric = {
    name: stringOf(metric.name, 1, 200),
    value: finiteNumber(metric.value),
  };
  if (!absent(unit, metric, 'unit')) {
    read.unit = stringOf(unit, 0, 50);
  }
  if (!absent(description, metric, 'description')) {
    read.description = stringOf(description, 0, 2000);
  }
  if (!absent(threshold, metric, 'threshold')) {
    const thresholdIn = plainObject(threshold);
    const { min, max } = thresholdIn;
    const bounds: { min?: number; max?: number } = {};
    if (!absent(min, thresholdIn, 'min')) {
      bounds.min = finiteNumber(min);
    }
    if (!absent(max, thresholdIn, 'max')) {
      bounds.max = finiteNumber(max);
    }
    check(bounds.min !== undefined || bounds.max !== undefined);
    read.threshold = bounds;
  }
  return read;
}

const readReference = (value: unknown) => stringOf(value, 0, 2048);

function readFinding(value: unknown, rules: Rules): Finding {
  const finding = plainObject(value);
  const { id, severity, description, category, location, references } = finding;
  const read = {} as Finding;
  if (!absent(id, finding, 'id')) {
    read.id = stringOf(id, 0, 200);
  }
  check(typeof severity === 'string' && rules.severities.includes(severity));
  read.severity = severity as string;
  read.title = stringOf(finding.title, 1, 500);
  if (!absent(description, finding, 'description')) {
    read.description = stringOf(description, 0, 10_000);
  }
  if (!absent(category, finding, 'category')) {
    read.category = stringOf(category, 0, 200);
  }
  if (!absent(location, finding, 'location')) {
    const locationIn = plainObject(location);
    const { path, layerDigest, line } = locationIn;
    const where: NonNullable<Finding['location']> = {};
    if (!absent(path, locationIn, 'path')) {
      where.path = stringOf(path, 0, 4096);
    }
    if (!absent(layerDigest, locationIn, 'layerDigest')) {
      where.layerDigest = digestOf(layerDigest, rules);
    }
    if (!absent(line, locationIn, 'line')) {
      check(Number.isSafeInteger(line) && (line as number) >= 0);
      where.line = line as number;
    }
    read.location = where;
  }
  if (!absent(references, finding, 'references')) {
    const list = readArray(references, readReference);
    check(list.length <= 50);
    read.references = list;
  }
  return read;
}

/** The time of a date-time member in milliseconds, else gives up. */
function dateTimeOf(value: unknown): number {
  const millis = dateTimeMillis(stringOf(value, 0, Infinity));
  check(!Number.isNaN(millis));
  return millis;
}

/**
 * Reads a well-formed scan evaluation predicate by hand into exactly what
 * `scanEvaluationPredicateSchema` returns (known members only, in its order), with the times
 * of its timing; undefined for anything else, which the schema then reads (and says what is
 * wrong).
 *
 * @internal
 */
export function readScanEvaluation(
  value: unknown,
  rules: Rules,
):
  | { predicate: ReadScanEvaluation; startedMs: number; finishedMs: number }
  | undefined {
  return readSimply(() => {
    const predicate = plainObject(value);
    const { modelKit, result, metrics, findings, invocation } = predicate;
    const scannerIn = plainObject(predicate.scanner);
    const { version, uri } = scannerIn;
    const scanner: ReadScanEvaluation['scanner'] = {
      name: stringOf(scannerIn.name, 1, 200),
    };
    if (!absent(version, scannerIn, 'version')) {
      scanner.version = stringOf(version, 0, 100);
    }
    if (!absent(uri, scannerIn, 'uri')) {
      scanner.uri = stringOf(uri, 0, 2048);
    }
    const read = { scanner } as ReadScanEvaluation;
    if (!absent(modelKit, predicate, 'modelKit')) {
      const modelKitIn = plainObject(modelKit);
      const { reference, digest } = modelKitIn;
      const kit: NonNullable<ReadScanEvaluation['modelKit']> = {};
      if (!absent(reference, modelKitIn, 'reference')) {
        kit.reference = stringOf(reference, 0, 1024);
      }
      if (!absent(digest, modelKitIn, 'digest')) {
        kit.digest = digestOf(digest, rules);
      }
      read.modelKit = kit;
    }
    if (!absent(result, predicate, 'result')) {
      check(result === 'pass' || result === 'fail');
      read.result = result as 'pass' | 'fail';
    }
    if (!absent(metrics, predicate, 'metrics')) {
      read.metrics = readArray(metrics, readMetric);
    }
    if (!absent(findings, predicate, 'findings')) {
      read.findings = readArray(findings, f => readFinding(f, rules));
    }
    const timingIn = plainObject(predicate.timing);
    const { startedOn, finishedOn } = timingIn;
    const startedMs = dateTimeOf(startedOn);
    const finishedMs = dateTimeOf(finishedOn);
    check(startedMs <= finishedMs);
    read.timing = {
      startedOn: startedOn as string,
      finishedOn: finishedOn as string,
    };
    if (!absent(invocation, predicate, 'invocation')) {
      const invocationIn = plainObject(invocation);
      const invocationUri = invocationIn.uri;
      const run: NonNullable<ReadScanEvaluation['invocation']> = {};
      if (!absent(invocationUri, invocationIn, 'uri')) {
        run.uri = stringOf(invocationUri, 0, 2048);
      }
      read.invocation = run;
    }
    return { predicate: read, startedMs, finishedMs };
  });
}
