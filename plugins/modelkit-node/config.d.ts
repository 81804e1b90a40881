import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Kitstage plugins. */
  kitstage?: {
    /**
     * (Optional) OCI registries that hold ModelKits. The registry client reads the keys below;
     * other Kitstage modules add their own keys to the same entries (repository filters,
     * owners, schedules), so an entry describes everything about one registry.
     *
     * @example
     * ```yaml
     * kitstage:
     *   registries:
     *     - name: internal
     *       url: https://registry.example.com
     *       auth:
     *         username: ${REGISTRY_USERNAME}
     *         password: ${REGISTRY_PASSWORD}
     * ```
     */
    registries?: Array<{
      /**
       * (Required) Unique name of the registry: letters, digits, `.`, `_` and `-`, at most
       * 63 characters. Used in logs, errors, metrics and cache keys.
       *
       * @example "internal"
       */
      name: string;

      /**
       * (Optional) The kind of source: `registry` for a registry speaking the OCI
       * Distribution API, `oci-layout` for an OCI image layout directory (read by the
       * image-layout source, which documents its own keys).
       *
       * @default "registry"
       * @example "registry"
       */
      type?: 'registry' | 'oci-layout';

      /**
       * (Required for registries) Base URL of the registry, without a path: the client calls
       * `<url>/v2/...`. Plain `http` is accepted for local registries. Its host and port are
       * the ones repository references use (`registry.example.com/team/model`). Only this
       * host receives the credentials.
       *
       * @example "https://registry.example.com"
       */
      url?: string;

      /**
       * (Required for oci-layout) The OCI image layout directory (`oci-layout`, `index.json`,
       * `blobs/`), such as the demo layout in `examples/oci-layout` or the local storage of the
       * KitOps CLI (`~/.local/share/kitops/storage`). A relative path is resolved against the
       * working directory of the backend, as for the catalog's `file` locations.
       *
       * @example "../../examples/oci-layout"
       */
      path?: string;

      /**
       * (Optional, oci-layout only) The registry host (and port) the layout stands for.
       * Repositories of the layout are addressed as `<host>/<repository>`, like those of a
       * registry, so ModelKit entities whose `spec.repository` is on this host are read from
       * the layout. Reference names in `index.json` may be `<host>/<repository>:<tag>` (names
       * on other hosts are left to other entries) or `<repository>:<tag>`.
       *
       * @default "localhost"
       * @example "registry.example.com"
       */
      host?: string;

      /**
       * (Optional, oci-layout only) The repository that `index.json` reference names made of
       * a bare tag (`v1.0.0`, as `skopeo copy ... oci:<dir>:<tag>` writes them) belong to.
       * Without it, such entries are left out with a warning.
       *
       * @example "team/sentiment"
       */
      repository?: string;

      /**
       * (Optional) How to authenticate. Without it the client is anonymous, which still
       * follows a registry's `WWW-Authenticate: Bearer` challenge to get an anonymous
       * token.
       */
      auth?: {
        /**
         * (Optional) `anonymous`, `basic` (username and password, sent as basic
         * authentication or exchanged for bearer tokens at the registry's token realm) or
         * `bearer` (a static token). When not set, it is `bearer` if a token is given,
         * `basic` if a username or password is given, else `anonymous`.
         *
         * @default "anonymous"
         * @example "basic"
         */
        type?: 'anonymous' | 'basic' | 'bearer';

        /**
         * (Optional) User name for `basic`.
         *
         * @example "ci-reader"
         */
        username?: string;

        /**
         * (Optional) Password or access token for `basic`.
         *
         * @visibility secret
         * @example "${REGISTRY_PASSWORD}"
         */
        password?: string;

        /**
         * (Optional) Static bearer token for `bearer`, sent as `Authorization: Bearer`.
         *
         * @visibility secret
         * @example "${REGISTRY_TOKEN}"
         */
        token?: string;

        /**
         * (Optional) Hosts (with port, if not the default) other than the registry's own
         * whose token realm may receive the `basic` credentials. A realm on any other host
         * is asked for an anonymous token only.
         *
         * @default []
         * @example ["auth.docker.io"]
         */
        tokenRealmHosts?: string[];
      };

      /** (Optional) TLS settings for the registry. */
      tls?: {
        /**
         * (Optional) PEM certificates to trust in addition to the system ones, e.g. an
         * internal CA. Use `$file` to read them from a file.
         *
         * @visibility secret
         * @example
         * ```yaml
         * ca:
         *   $file: ./certs/internal-ca.pem
         * ```
         */
        ca?: string;
      };

      /** (Optional) Safety limits for requests to this registry. */
      limits?: {
        /**
         * (Optional, oci-layout only) Largest `index.json`, or KitOps per-repository index or
         * tag file, accepted, in bytes.
         *
         * @default 16777216
         * @example 4194304
         */
        maxIndexBytes?: number;

        /**
         * (Optional) Largest manifest or index accepted, in bytes.
         *
         * @default 4194304
         * @example 1048576
         */
        maxManifestBytes?: number;

        /**
         * (Optional) Largest config or other small blob read into memory, in bytes.
         * A ModelKit's config holds its Kitfile.
         *
         * @default 1048576
         * @example 262144
         */
        maxBlobBytes?: number;

        /**
         * (Optional) Entries asked for per page of the repository and tag listings.
         *
         * @default 100
         * @example 1000
         */
        pageSize?: number;

        /**
         * (Optional) Most pages followed in one listing. A listing with more pages fails
         * instead of returning an incomplete list.
         *
         * @default 500
         * @example 100
         */
        maxPages?: number;

        /**
         * (Optional) Most tags read per repository; further tags are ignored with a warning.
         *
         * @default 1000
         * @example 200
         */
        maxTagsPerRepository?: number;

        /**
         * (Optional) Most requests in flight to this registry at once, across the backend.
         *
         * @default 4
         * @example 8
         */
        concurrency?: number;

        /**
         * (Optional) Time allowed to open a connection.
         *
         * @default {"seconds": 10}
         * @example "5s"
         */
        connectTimeout?: HumanDuration | string;

        /**
         * (Optional) Time allowed for one request, until its whole body has arrived.
         *
         * @default {"seconds": 30}
         * @example { minutes: 1 }
         */
        requestTimeout?: HumanDuration | string;

        /**
         * (Optional) How often a request is repeated after HTTP 429, 5xx or a broken
         * connection.
         *
         * @default 3
         * @example 5
         */
        maxRetries?: number;

        /**
         * (Optional) First backoff delay; it doubles with each retry and gets random
         * jitter. A `Retry-After` from the registry takes precedence.
         *
         * @default {"milliseconds": 250}
         * @example "1s"
         */
        retryBaseDelay?: HumanDuration | string;

        /**
         * (Optional) Longest wait before a retry. A `Retry-After` asking for more fails the
         * request instead.
         *
         * @default {"seconds": 30}
         * @example { minutes: 2 }
         */
        maxRetryDelay?: HumanDuration | string;

        /**
         * (Optional) Most redirects followed for one request.
         *
         * @default 5
         * @example 3
         */
        maxRedirects?: number;
      };

      /**
       * (Optional) Cache lifetimes. The cache is the backend's `backend.cache` store
       * (memory, Redis, Valkey or memcache).
       */
      cache?: {
        /**
         * (Optional) How long content addressed by digest (manifests, configs, small blobs)
         * is cached. It never changes, so this only bounds the cache size.
         *
         * @default {"days": 7}
         * @example { days: 30 }
         */
        digestTtl?: HumanDuration | string;

        /**
         * (Optional) How long repository lists, tag lists, tag to digest answers and
         * referrers are trusted before the registry is asked again.
         *
         * @default {"minutes": 1}
         * @example "30s"
         */
        tagTtl?: HumanDuration | string;

        /**
         * (Optional) Largest blob kept in the cache, in bytes.
         *
         * @default 524288
         * @example 1048576
         */
        maxCachedBlobBytes?: number;
      };
    }>;
  };
}
