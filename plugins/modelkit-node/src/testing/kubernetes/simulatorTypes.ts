import type { IncomingHttpHeaders } from 'node:http';
import type { TestCertificate } from '../tls';
import type { SimulatedApi, SimulatedResource } from './apiResources';
import type { KubernetesObject } from './ObjectStore';

/**
 * How a simulated cluster answers: `up` serves the API, `hang` accepts connections and
 * never answers (for timeout tests) and open watches fall silent, `down` closes the port
 * (connection refused) and every connection.
 *
 * @public
 */
export type KubernetesSimulatorMode = 'up' | 'hang' | 'down';

/**
 * What a bearer token may do on a {@link KubernetesSimulator}. Discovery is open to every
 * valid token, as the `system:discovery` role grants on real clusters.
 *
 * @public
 */
export interface KubernetesSimulatorTokenGrant {
  /** The user named in 403 messages. Defaults to `system:serviceaccount:backstage:kitstage`. */
  user?: string;
  /** When true, every resource request is forbidden (403). */
  forbidden?: boolean;
  /**
   * Resources this token may not read, named as RBAC names them: `pods`,
   * `deployments.apps`, `kustomizations.kustomize.toolkit.fluxcd.io`.
   */
  forbiddenResources?: string[];
  /**
   * Verbs this token may not use on any resource, e.g. `['watch']` for a role that grants
   * `get` and `list` only, or `['patch']` for a read-only role.
   */
  forbiddenVerbs?: Array<'get' | 'list' | 'watch' | 'patch'>;
  /**
   * When set, the token may read only in these namespaces (like RoleBindings), so
   * cluster-wide lists are forbidden.
   */
  namespaces?: string[];
}

/**
 * Options for {@link startKubernetesSimulator}.
 *
 * @public
 */
export interface KubernetesSimulatorOptions {
  /** The loopback port; 0 (default) picks a free one. */
  port?: number;
  /** Objects to serve from the start. */
  objects?: readonly KubernetesObject[];
  /**
   * The optional API families installed; others answer 404 like a cluster without their
   * CRDs. Defaults to all of `flux`, `argocd` and `kserve`.
   */
  apis?: readonly SimulatedApi[];
  /** More resource types to serve. */
  resources?: readonly SimulatedResource[];
  /**
   * Accepted bearer tokens. Defaults to one random token with full access, available as
   * {@link KubernetesSimulator.token}.
   */
  tokens?: Record<string, KubernetesSimulatorTokenGrant>;
  /** Serve requests without a token with full access. Defaults to false (401). */
  anonymous?: boolean;
  /** Delay before each answer, in milliseconds. */
  latencyMs?: number;
  /**
   * How often an open watch that allows bookmarks gets a `BOOKMARK` event with the current
   * resource version, in milliseconds. Defaults to 1000.
   */
  bookmarkIntervalMs?: number;
  /** The mode to start in. Defaults to `up`. */
  mode?: KubernetesSimulatorMode;
  /** Serve HTTPS with this certificate. */
  tls?: TestCertificate;
}

/**
 * One request received by a {@link KubernetesSimulator}.
 *
 * @public
 */
export interface KubernetesSimulatorRequest {
  /** The HTTP method, e.g. `GET`. */
  method: string;
  /** The path without the query. */
  path: string;
  /** The query parameters, by name (the last value of a repeated one). */
  query: Record<string, string>;
  /** The request headers, as received. */
  headers: IncomingHttpHeaders;
  /**
   * `list`, `watch` (a list path with `?watch=1`), `get`, `patch` (a `PATCH` of one object),
   * `discovery` (`/api`, `/apis`, group and version documents) or `other`.
   */
  verb: 'list' | 'watch' | 'get' | 'patch' | 'discovery' | 'other';
  /** The resource as RBAC names it (`pods`, `kustomizations.kustomize.toolkit.fluxcd.io`). */
  resource?: string;
  /** The namespace of a namespaced list or get; undefined for cluster-wide requests. */
  namespace?: string;
  /** The response status; undefined while unanswered (in `hang` mode, forever). */
  status?: number;
  /** The `content-type` of a request with a body, e.g. `application/merge-patch+json`. */
  contentType?: string;
  /** The body of a request with one: parsed JSON, or the text when it is not JSON. */
  body?: unknown;
}

/**
 * A filter for {@link KubernetesSimulator.countRequests}; every given field must match.
 *
 * @public
 */
export interface KubernetesSimulatorRequestFilter {
  /** Only requests of this verb (`list`, `watch`, `get`, `patch`, `discovery` or `other`). */
  verb?: KubernetesSimulatorRequest['verb'];
  /** Only requests for this resource, named as RBAC names it (`deployments.apps`). */
  resource?: string;
  /** Only requests in this namespace. */
  namespace?: string;
  /** Only requests answered with this status. */
  status?: number;
}

/**
 * A loopback HTTP(S) server that speaks the Kubernetes API as Kitstage uses it: discovery,
 * lists with label and field selectors and pagination, gets, watches, JSON merge patches of
 * one object, 404 `Status` objects for resources whose CRDs are not installed, bearer-token
 * authentication and authorization.
 *
 * @public
 */
export interface KubernetesSimulator {
  /** The base URL, e.g. `http://127.0.0.1:41234`, to use as a cluster `url`. */
  readonly url: string;
  /** The loopback port the simulator listens on (kept while it is `down`). */
  readonly port: number;
  /** A token with the grant of the first configured token (full access by default). */
  readonly token: string;
  /** How the simulator answers now; see {@link KubernetesSimulator.setMode}. */
  readonly mode: KubernetesSimulatorMode;
  /** Every request received, in order. */
  readonly requests: readonly KubernetesSimulatorRequest[];
  /**
   * Creates or replaces objects, each a new resource version that open watches see as
   * `ADDED` or `MODIFIED`; throws naming an object the cluster cannot hold.
   */
  apply(objects: KubernetesObject | readonly KubernetesObject[]): void;
  /** Deletes an object; returns whether it existed. */
  delete(object: {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string };
  }): boolean;
  /** Deletes every object. */
  clear(): void;
  /** The current resource version, as lists and bookmarks report it. */
  readonly resourceVersion: string;
  /** How many watch streams are open. */
  readonly openWatches: number;
  /**
   * Expires every resource version so far, as an etcd compaction does: open watches get an
   * `ERROR` event with a 410 `Expired` status and end, and a watch from an older resource
   * version is answered 410.
   */
  expireResourceVersions(): void;
  /** Drops the connection of every open watch without ending its stream. */
  dropWatches(): void;
  /** How many objects are stored. */
  readonly objectCount: number;
  /** Counts received requests that match the filter. */
  countRequests(filter?: KubernetesSimulatorRequestFilter): number;
  /** Forgets the received requests. */
  clearRequests(): void;
  /**
   * Calls `listener` with each request right after it is answered (its status set), before
   * the client can send its next request: a test changes objects between two requests of the
   * code under test, as another client of a real cluster could. Returns a function that
   * removes the listener.
   */
  afterAnswer(
    listener: (request: KubernetesSimulatorRequest) => void,
  ): () => void;
  /**
   * Switches between `up`, `hang` and `down`. `hang` silences open watches; `down` closes the
   * port; `up` reopens it and drops the connections that hung.
   */
  setMode(mode: KubernetesSimulatorMode): Promise<void>;
  /** Changes the delay before each answer. */
  setLatency(milliseconds: number): void;
  /** Adds, changes or (with undefined) revokes a token. */
  setToken(
    token: string,
    grant: KubernetesSimulatorTokenGrant | undefined,
  ): void;
  /** Stops the server, drops every connection (also hanging ones) and cancels delays. */
  close(): Promise<void>;
}
