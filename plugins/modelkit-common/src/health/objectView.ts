import {
  HEALTH_REASON_CODES,
  HealthObjectReference,
  HealthReason,
  HealthReasonCode,
} from './DeploymentHealth';

/** A JSON object. */
export type JsonRecord = Record<string, unknown>;

/** A condition whose `type` and `status` are strings. */
export interface ReadCondition {
  /** The condition type, e.g. `Ready`. */
  type: string;
  /** `True`, `False` or `Unknown` (other strings are kept, for callers to report). */
  status: string;
  /** The controller's one-word reason, when given. */
  reason?: string;
  /** The controller's message, when given. */
  message?: string;
}

/** Collects reasons in the order they are found. */
export class ReasonList {
  /** The reasons found so far, in order. */
  readonly reasons: HealthReason[] = [];

  /** Records one reason; its impact and severity come from {@link HEALTH_REASON_CODES}. */
  add(
    code: HealthReasonCode,
    message: string,
    object?: HealthObjectReference,
    controllerReason?: string,
  ): void {
    const { impact, severity } = HEALTH_REASON_CODES[code];
    const reason: HealthReason = { code, severity, impact, message };
    if (object) {
      reason.object = object;
    }
    if (controllerReason) {
      reason.controllerReason = controllerReason;
    }
    this.reasons.push(reason);
  }
}

/**
 * A Kubernetes object read defensively: the parts every evaluator needs, with type problems
 * already reported.
 */
export interface ObjectView {
  /** The object's reference, with defaults for a missing kind, API version or name. */
  ref: HealthObjectReference;
  /** `Kind namespace/name` for messages. */
  label: string;
  /** The object's `spec`; empty when it has none or it is not an object. */
  spec: JsonRecord;
  /** Undefined when the object has no readable status (already reported). */
  status?: JsonRecord;
  /** The object's `metadata`; empty when it has none or it is not an object. */
  metadata: JsonRecord;
  /** Whether the spec or a common status field had the wrong type (already reported). */
  malformed: boolean;
}

/** Whether a value is a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a non-empty string, else undefined. */
export function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The value when it is a finite number, else undefined. */
export function readNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

/** The value when it is a JSON object, else undefined. */
export function readRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

/** Follows a path of keys through nested records. */
export function readPath(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

/** `Kind namespace/name` (or `Kind name` for cluster-scoped objects), for messages. */
export function describeObject(ref: HealthObjectReference): string {
  return ref.namespace
    ? `${ref.kind} ${ref.namespace}/${ref.name}`
    : `${ref.kind} ${ref.name}`;
}

/** Appends a controller message to a sentence, quoting it. */
export function withMessage(sentence: string, message?: string): string {
  return message ? `${sentence}: ${message}` : sentence;
}

function typeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Reads one input list. Entries that are not objects are reported and skipped, so one odd
 * entry never hides the others.
 */
export function readList(
  value: unknown,
  listName: string,
  reasons: ReasonList,
): JsonRecord[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    reasons.add(
      'status-malformed',
      `The ${listName} input is a ${typeName(value)}, not a list`,
    );
    return [];
  }
  const entries: JsonRecord[] = [];
  value.forEach((entry, index) => {
    if (isRecord(entry)) {
      entries.push(entry);
    } else {
      reasons.add(
        'status-malformed',
        `Entry ${index} of ${listName} is a ${typeName(
          entry,
        )}, not a Kubernetes object`,
      );
    }
  });
  return entries;
}

/**
 * Builds the view of an object and reports what is common to every kind: deletion in
 * progress, a missing or mistyped status, and a status older than the spec.
 *
 * List items of built-in kinds come without `kind` and `apiVersion` from the API, so both
 * fall back to what the list holds.
 */
export function viewObject(
  raw: JsonRecord,
  defaults: { kind: string; apiVersion: string; index: number; list: string },
  reasons: ReasonList,
  options: { requireStatus: boolean } = { requireStatus: true },
): ObjectView {
  const metadata = readRecord(raw.metadata) ?? {};
  const ref: HealthObjectReference = {
    apiVersion: readString(raw.apiVersion) ?? defaults.apiVersion,
    kind: readString(raw.kind) ?? defaults.kind,
    name: readString(metadata.name) ?? `${defaults.list}[${defaults.index}]`,
  };
  const namespace = readString(metadata.namespace);
  if (namespace) {
    ref.namespace = namespace;
  }
  const label = describeObject(ref);
  const view: ObjectView = {
    ref,
    label,
    metadata,
    spec: readRecord(raw.spec) ?? {},
    malformed: false,
  };

  if (raw.spec !== undefined && !isRecord(raw.spec)) {
    view.malformed = true;
    reasons.add(
      'status-malformed',
      `${label} has a spec of type ${typeName(raw.spec)}`,
      ref,
    );
  }
  if (readString(metadata.deletionTimestamp)) {
    reasons.add(
      'object-terminating',
      `${label} is being deleted (since ${metadata.deletionTimestamp})`,
      ref,
    );
  }

  if (raw.status === undefined || raw.status === null) {
    if (options.requireStatus) {
      reasons.add(
        'status-missing',
        `${label} has no status yet: its controller has not reported on it`,
        ref,
      );
    }
    return view;
  }
  if (!isRecord(raw.status)) {
    view.malformed = true;
    reasons.add(
      'status-malformed',
      `${label} has a status of type ${typeName(raw.status)}`,
      ref,
    );
    return view;
  }
  view.status = raw.status;

  const generation = metadata.generation;
  const observed = raw.status.observedGeneration;
  if (observed !== undefined && readNumber(observed) === undefined) {
    view.malformed = true;
    reasons.add(
      'status-malformed',
      `${label} has a status.observedGeneration of type ${typeName(observed)}`,
      ref,
    );
  } else if (
    readNumber(generation) !== undefined &&
    readNumber(observed) !== undefined &&
    (observed as number) < (generation as number)
  ) {
    reasons.add(
      'status-not-current',
      `${label} is at generation ${generation} but its controller last reported on generation ${observed}: the status is not yet current`,
      ref,
    );
  }
  return view;
}

/** The kind of the objects of one input list, for {@link viewEachObject}. */
export interface ObjectListKind {
  /** The kind to assume for entries without `kind` (list items of built-in kinds). */
  kind: string;
  /** The API version to assume for entries without `apiVersion`. */
  apiVersion: string;
  /** The name of the input list, e.g. `deployments`, for messages. */
  list: string;
}

/**
 * Reads one input list and hands the view of each object to `visit`, in order. Returns every
 * entry that is an object, skipped ones included.
 *
 * @param options - `requireStatus: false` for kinds that may have no status (default true);
 *   `skip` leaves out entries before they are viewed, so nothing is reported about them.
 */
export function viewEachObject(
  value: unknown,
  list: ObjectListKind,
  reasons: ReasonList,
  visit: (view: ObjectView) => void,
  options: {
    requireStatus?: boolean;
    skip?: (raw: JsonRecord) => boolean;
  } = {},
): JsonRecord[] {
  const entries = readList(value, list.list, reasons);
  entries.forEach((raw, index) => {
    if (options.skip?.(raw)) {
      return;
    }
    const view = viewObject(raw, { ...list, index }, reasons, {
      requireStatus: options.requireStatus ?? true,
    });
    visit(view);
  });
  return entries;
}

/**
 * Reads `status.conditions`. Malformed entries are reported and skipped.
 */
export function readConditions(
  view: ObjectView,
  reasons: ReasonList,
): ReadCondition[] {
  const value = view.status?.conditions;
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    reasons.add(
      'status-malformed',
      `${view.label} has status.conditions of type ${typeName(value)}`,
      view.ref,
    );
    return [];
  }
  const conditions: ReadCondition[] = [];
  let malformed = 0;
  for (const entry of value) {
    const type = readString(readPath(entry, 'type'));
    const status = readString(readPath(entry, 'status'));
    if (!type || !status) {
      malformed += 1;
      continue;
    }
    const condition: ReadCondition = { type, status };
    const reason = readString(readPath(entry, 'reason'));
    const message = readString(readPath(entry, 'message'));
    if (reason) {
      condition.reason = reason;
    }
    if (message) {
      condition.message = message;
    }
    conditions.push(condition);
  }
  if (malformed > 0) {
    reasons.add(
      'status-malformed',
      `${view.label} has ${malformed} status condition(s) without a string type and status`,
      view.ref,
    );
  }
  return conditions;
}

/** The first condition of a type, if any. */
export function findCondition(
  conditions: ReadCondition[],
  type: string,
): ReadCondition | undefined {
  return conditions.find(condition => condition.type === type);
}
