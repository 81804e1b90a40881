import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

/**
 * One rule of an attestation policy: the evidence a ModelKit version must carry, and what that
 * evidence must show.
 */
interface PolicyRuleConfig {
  /**
   * (Required) Short rule identifier, shown when the rule fails: lowercase letters,
   * digits, `.`, `_` and `-`.
   *
   * @example "scan-clean"
   */
  id: string;
  /** (Optional) What the rule is for. */
  description?: string;
  /**
   * (Required) The evidence required: `scan-evaluation`, `vulnerabilities`,
   * `slsa-provenance`, `sbom`, `signature`, or an exact predicate type URI.
   *
   * @example "scan-evaluation"
   */
  require: string;
  /**
   * (Optional) Names of trusted keys or keyless identities whose attestations count.
   * Any trusted signer when absent.
   *
   * @example ["release-ci", "release-workflow"]
   */
  signers?: string[];
  /**
   * (Optional) For `scan-evaluation`: finding severities that fail the rule.
   *
   * @default ["concern", "error"]
   */
  forbiddenSeverities?: Array<'info' | 'anomaly' | 'concern' | 'error'>;
  /**
   * (Optional) For `scan-evaluation`: whether a metric outside its threshold fails
   * the rule.
   *
   * @default true
   */
  requirePassingMetrics?: boolean;
  /**
   * (Optional) For `vulnerabilities`: the most vulnerabilities allowed per severity.
   *
   * @example { critical: 0, high: 0 }
   */
  maxVulnerabilities?: {
    critical?: number;
    high?: number;
    medium?: number;
    low?: number;
    none?: number;
    unknown?: number;
  };
  /**
   * (Optional) For `slsa-provenance`: allowed source repositories (exact).
   *
   * @example ["https://github.com/acme/models"]
   */
  sourceRepositories?: string[];
  /**
   * (Optional) For `slsa-provenance`: allowed builder IDs (exact).
   *
   * @example ["https://github.com/actions/runner/github-hosted"]
   */
  builderIds?: string[];
}

/** An attestation policy: the rules a ModelKit version of some lifecycle must pass. */
interface PolicyConfig {
  /** (Optional) What the policy is for. */
  description?: string;
  /** (Required) The rules; an empty list requires nothing. */
  rules: Array<PolicyRuleConfig>;
}

// The Kitstage configuration keys that more than one Kitstage package reads. Each key is
// declared here only, in the package that parses it; `kitstage.registries` entries also carry
// the keys of the catalog module (`@kitstage/plugin-catalog-backend-module-modelkit`), and
// `kitstage.attestations` the cache keys of the modelkit backend
// (`@kitstage/plugin-modelkit-backend`), whose own `config.d.ts` files declare only the keys
// they alone read.
export interface Config {
  /** Configuration of the Kitstage plugins. */
  kitstage?: {
    /**
     * (Optional) OCI registries and image layouts that hold ModelKits. The registry client of
     * this package reads the connection keys (`type`, `url`, `path`, `host`, `repository`,
     * `auth`, `tls`, `limits`, `cache`); the catalog module reads the ingestion keys
     * (`ingest`, `include`, `exclude`, `owners`, `defaults`, `schedule`, `maxRemovalShare`)
     * and ingests one ModelKit entity per repository of each entry, so an entry describes
     * everything about one registry.
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
     *       include: [ml/**]
     *       exclude: [ml/sandbox/**]
     *       owners:
     *         - repository: ml/nlp/**
     *           owner: group:nlp-team
     *       defaults:
     *         owner: group:ml-platform
     *         lifecycle: experimental
     *       schedule:
     *         frequency: { minutes: 30 }
     *         timeout: { minutes: 10 }
     * ```
     */
    registries?: Array<{
      /**
       * (Required) Unique name of the registry: letters, digits, `.`, `_` and `-`, at most
       * 63 characters. Used in logs, errors, metrics and cache keys. The catalog module names
       * the entry's entity provider `modelkit-registry-provider:<name>` and its scheduled task
       * `modelkit-registry-provider:<name>:refresh`.
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
         * (Optional) Most tags read per repository; further tags are ignored with a warning
         * and the tag list is marked `truncated`.
         *
         * @default 1000
         * @example 200
         */
        maxTagsPerRepository?: number;

        /**
         * (Optional) Most repositories the `_catalog` listing may hold. A longer listing
         * fails (`too-large`) instead of returning an incomplete list, so the catalog keeps
         * the entities it has.
         *
         * @default 10000
         * @example 50000
         */
        maxRepositories?: number;

        /**
         * (Optional) Most referrers (signatures, attestations, SBOMs) of one manifest, across
         * all pages. A longer list fails (`too-large`) rather than being cut, so that no
         * signature goes unseen; attestation discovery then reports the error.
         *
         * @default 1000
         * @example 5000
         */
        maxReferrers?: number;

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
       * (Optional) Cache lifetimes and bounds. The cache is the backend's `backend.cache`
       * store when it is Redis, Valkey or memcache. With Backstage's `memory` store (the
       * default), which has no size limit, each plugin keeps a bounded in-process cache per
       * registry instead, sized by `maxMemoryEntries` and `maxMemoryBytes`.
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

        /**
         * (Optional) Most entries in the in-process cache of this registry (per plugin), used
         * when `backend.cache.store` is `memory` or unset. The least recently used entries are
         * evicted first.
         *
         * @default 10000
         * @example 50000
         */
        maxMemoryEntries?: number;

        /**
         * (Optional) Most bytes in the in-process cache of this registry (per plugin), counted
         * as the JSON text of the cached values and their keys; at least 1024. The least
         * recently used entries are evicted first; a value larger than the whole cache is not
         * cached.
         *
         * @default 33554432
         * @example 134217728
         */
        maxMemoryBytes?: number;

        /**
         * (Optional) Most bearer tokens kept for this registry, one per scope (repository and
         * actions), shared by every plugin of the backend; at least 1. Tokens are dropped once
         * they are due for renewal (shortly before they expire), and when the cache is full the
         * least recently used one goes. A smaller cache only costs more token requests.
         *
         * @default 256
         * @example 1024
         */
        maxTokens?: number;
      };

      /**
       * (Optional) Whether the catalog ingests the entry's repositories. Set it to false for a
       * registry that only serves versions to the Kitstage API, for example when its ModelKit
       * entities are written by hand.
       *
       * @default true
       * @example false
       */
      ingest?: boolean;

      /**
       * (Optional) Glob patterns (minimatch) of the repository paths to ingest, without the
       * registry host. A repository must match one of them.
       *
       * @default ["**"]
       * @example ["ml/**", "datasets/*"]
       */
      include?: string | string[];

      /**
       * (Optional) Glob patterns of repository paths to leave out, even when `include` matches
       * them.
       *
       * @default []
       * @example ["sandbox/**", "*-scratch"]
       */
      exclude?: string | string[];

      /**
       * (Optional) Who owns the ingested ModelKits. The first rule whose `repository` matches
       * the repository path gives the owner, and the lifecycle and system when it sets them;
       * `defaults` fill in the rest. A repository no rule matches, without a default owner, is
       * not ingested (it is listed as skipped in the provider's status).
       *
       * @example
       * ```yaml
       * owners:
       *   - repository: ml/nlp/**
       *     owner: group:nlp-team
       *   - repository: [ml/risk/*, ml/fraud-*]
       *     owner: group:risk-team
       *     lifecycle: experimental
       *     system: fraud-platform
       * ```
       */
      owners?: Array<{
        /**
         * (Required) Glob pattern, or list of patterns, of the repository paths the rule
         * applies to.
         *
         * @example "ml/nlp/**"
         */
        repository: string | string[];

        /**
         * (Required) Entity reference of the owner; the kind defaults to Group.
         *
         * @example "group:nlp-team"
         */
        owner: string;

        /**
         * (Optional) Lifecycle of the matched ModelKits.
         *
         * @default "the defaults.lifecycle value"
         * @example "experimental"
         */
        lifecycle?: string;

        /**
         * (Optional) Entity reference of the system the matched ModelKits belong to; the kind
         * defaults to System.
         *
         * @default "the defaults.system value"
         * @example "customer-insights"
         */
        system?: string;
      }>;

      /** (Optional) Values for the repositories no owner rule sets them for. */
      defaults?: {
        /**
         * (Optional) Entity reference of the owner of repositories no rule matches. Without
         * it, those repositories are not ingested.
         *
         * @example "group:ml-platform"
         */
        owner?: string;

        /**
         * (Optional) Lifecycle of the ingested ModelKits.
         *
         * @default "production"
         * @example "experimental"
         */
        lifecycle?: string;

        /**
         * (Optional) Entity reference of the system of the ingested ModelKits.
         *
         * @example "customer-insights"
         */
        system?: string;
      };

      /**
       * (Optional) When the registry is synced. The task is global: with several backend
       * instances on one database, one of them runs each sync. Keys left out take their
       * default.
       *
       * @default { frequency: { minutes: 30 }, timeout: { minutes: 10 }, initialDelay: { seconds: 15 } }
       * @example
       * ```yaml
       * schedule:
       *   frequency: { hours: 1 }
       *   timeout: { minutes: 15 }
       *   initialDelay: { minutes: 1 }
       * ```
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

      /**
       * (Optional) Largest share (from 0 to 1) of the registry's ingested entities that one
       * sync may remove. A sync whose listing would remove more removes nothing and reports
       * a warning, so a registry answering with an empty or partial listing cannot empty the
       * catalog. Use 1 to turn the guard off.
       *
       * @default 0.5
       * @example 0.2
       */
      maxRemovalShare?: number;
    }>;

    /**
     * (Optional) Trust for ModelKit attestations and signatures: which keys and keyless
     * identities are trusted signers, and how much is read per version. Verification is
     * offline: nothing is fetched from public Sigstore services. The verifier of this package
     * reads `keys`, `keyless` and `limits`; the modelkit backend reads `cache` and
     * `concurrency`, which set how verified reports are cached and scheduled.
     *
     * @example
     * ```yaml
     * kitstage:
     *   attestations:
     *     keys:
     *       - name: release-ci
     *         publicKey:
     *           $file: ./keys/release-ci.pub
     *     keyless:
     *       trustedRoot:
     *         $file: ./sigstore/trusted_root.json
     *       identities:
     *         - name: release-workflow
     *           subject: https://github.com/acme/models/.github/workflows/release.yml@refs/heads/main
     *           issuer: https://token.actions.githubusercontent.com
     *     cache:
     *       ttl: { minutes: 10 }
     *       missingTtl: { seconds: 30 }
     *     concurrency: 4
     * ```
     */
    attestations?: {
      /** (Optional) Trusted public keys (key pairs made with `cosign generate-key-pair`). */
      keys?: Array<{
        /**
         * (Required) Unique name of the signer, shown next to what it signed and used in
         * policy `signers`: letters, digits, `.`, `_` and `-`, at most 63 characters.
         *
         * @example "release-ci"
         */
        name: string;

        /**
         * (Required) The PEM public key (`-----BEGIN PUBLIC KEY-----`): ECDSA P-256,
         * Ed25519 or RSA (at least 2048 bits). Use `$file` to read it from a file.
         *
         * @example
         * ```yaml
         * publicKey:
         *   $file: ./keys/release-ci.pub
         * ```
         */
        publicKey: string;

        /**
         * (Optional) The signature scheme. Inferred from the key when absent: ECDSA P-256
         * with SHA-256, Ed25519, or RSA PKCS#1 v1.5 with SHA-256. Set `rsa-pss-sha256` for
         * RSA-PSS signers.
         *
         * @example "rsa-pss-sha256"
         */
        algorithm?:
          | 'ecdsa-p256-sha256'
          | 'ed25519'
          | 'rsa-pkcs1v15-sha256'
          | 'rsa-pss-sha256';

        /**
         * (Optional) The DSSE `keyid` (or Sigstore bundle key hint) the signer writes. A
         * signature that carries a key ID is checked with the one key it names: this value,
         * or when no key declares one, the SHA-256 fingerprint of the key. cosign writes no
         * key ID, and then every trusted key is tried.
         *
         * @example "SHA256:4f3c9a…"
         */
        keyId?: string;
      }>;

      /** (Optional) Keyless (Sigstore Fulcio certificate) signers. */
      keyless?: {
        /**
         * (Required) The Sigstore trusted root (`trusted_root.json`): the certificate
         * authorities, transparency logs and certificate transparency logs to trust. Use
         * `$file`; for the public Sigstore instance, `cosign trusted-root create` or the
         * Sigstore TUF repository gives the file.
         *
         * @example
         * ```yaml
         * trustedRoot:
         *   $file: ./sigstore/trusted_root.json
         * ```
         */
        trustedRoot: string | object;

        /**
         * (Optional) The file name to put in `--trusted-root` of the `cosign` commands shown
         * to users.
         *
         * @example "trusted_root.json"
         */
        trustedRootFile?: string;

        /**
         * (Required) The identities that may sign. A certificate must match one exactly:
         * identity and issuer.
         */
        identities: Array<{
          /**
           * (Required) Unique signer name, shown and used in policy `signers`.
           *
           * @example "release-workflow"
           */
          name: string;
          /**
           * (Optional) The exact certificate identity (subject alternative name: an email
           * or a URI such as a GitHub workflow ref). Set this or `subjectPattern`.
           *
           * @example "https://github.com/acme/models/.github/workflows/release.yml@refs/heads/main"
           */
          subject?: string;
          /**
           * (Optional) A regular expression the whole identity must match.
           *
           * @example "https://github\\.com/acme/[a-z-]+/\\.github/workflows/release\\.yml@refs/heads/main"
           */
          subjectPattern?: string;
          /**
           * (Required) The exact OIDC issuer recorded in the certificate.
           *
           * @example "https://token.actions.githubusercontent.com"
           */
          issuer: string;
        }>;

        /**
         * (Optional) Whether certificates must carry a signed certificate timestamp from a
         * certificate transparency log of the trusted root, as Fulcio certificates do.
         *
         * @default true
         */
        requireCertificateTransparency?: boolean;
      };

      /** (Optional) Limits per ModelKit version, against hostile registries. */
      limits?: {
        /**
         * (Optional) Most attestations and signatures checked; the rest are reported as not
         * checked.
         *
         * @default 100
         * @example 50
         */
        maxAttestations?: number;

        /**
         * (Optional) Most bytes of attestation manifests and layers read; the rest are
         * reported as not checked.
         *
         * @default 134217728
         * @example 33554432
         */
        maxBytes?: number;
      };

      /**
       * (Optional) How long verified attestation reports are reused, per ModelKit digest. The
       * store is the backend's `backend.cache` (memory, Redis, Valkey or memcache).
       */
      cache?: {
        /**
         * (Optional) How long a report is reused.
         *
         * @default { minutes: 10 }
         * @example { minutes: 30 }
         */
        ttl?: HumanDuration | string;

        /**
         * (Optional) How long a report is reused when the policy status it gave is `missing`
         * or the search for attestations was incomplete: evidence is often attached just
         * after a version is pushed. At most `ttl`.
         *
         * @default { seconds: 30 }
         * @example { seconds: 10 }
         */
        missingTtl?: HumanDuration | string;

        /**
         * (Optional) The key (at least 32 characters) that authenticates cached reports with
         * an HMAC; an entry that does not verify is discarded and the version verified again.
         * Without it each backend process draws its own key and serves only what it cached
         * itself: set the same secret on every instance that shares a cache (Redis, Valkey,
         * memcache), or they verify every version again.
         *
         * @example "${ATTESTATIONS_CACHE_SECRET}"
         * @visibility secret
         */
        secret?: string;
      };

      /**
       * (Optional) How many ModelKit versions are verified at the same time, across all
       * requests (1 to 64). Further versions wait their turn.
       *
       * @default 4
       */
      concurrency?: number;
    };

    /**
     * (Optional) Attestation policies per ModelKit lifecycle (`spec.lifecycle`). Only
     * verified attestations count. A version passes when every rule of its lifecycle is met,
     * fails when verified evidence breaks a rule, and is missing evidence otherwise.
     *
     * @example
     * ```yaml
     * kitstage:
     *   policies:
     *     lifecycles:
     *       production:
     *         rules:
     *           - id: scan-clean
     *             require: scan-evaluation
     *             signers: [release-ci]
     *             forbiddenSeverities: [concern, error]
     *       experimental:
     *         rules: []
     * ```
     */
    policies?: {
      /** (Optional) Rules by lifecycle name. */
      lifecycles?: {
        [lifecycle: string]: PolicyConfig;
      };
      /** (Optional) The policy of lifecycles without an entry. None when absent. */
      default?: PolicyConfig;
    };

    /**
     * (Optional) The environments ModelKits are promoted into (`kitstage:modelkit:promote`, the
     * promotion API), with their gates. Read by `evaluatePromotion` of this package, for the
     * modelkit backend and the scaffolder module.
     *
     * @example
     * ```yaml
     * kitstage:
     *   environments:
     *     - name: staging
     *     - name: production
     *       policy: production
     *       forbiddenLifecycles: [experimental]
     * ```
     */
    environments?: Array<{
      /** The environment name, a lowercase DNS label such as `production`. */
      name: string;
      /** (Optional) A human title. */
      title?: string;
      /**
       * (Optional) The overlay directory in a Component's repository.
       *
       * @default deploy/overlays/<name>
       */
      overlayPath?: string;
      /**
       * (Optional) The attestation policy (a lifecycle under `kitstage.policies.lifecycles`)
       * the promoted version must pass. No policy gate when absent.
       */
      policy?: string;
      /** (Optional) The ModelKit lifecycles that may reach the environment; any when absent. */
      allowedLifecycles?: string[];
      /** (Optional) ModelKit lifecycles that may never reach the environment. */
      forbiddenLifecycles?: string[];
    }>;

    /**
     * (Optional) Promotion delivery (the scaffolder module) and history (the modelkit backend).
     */
    promotion?: {
      /**
       * (Optional) The Git remotes Kitstage may clone, read and push to, and send the SCM
       * integration's token to (`integrations.github[].token`, `integrations.gitlab[].token`,
       * matched by host). A Component's deploy repository (its `kitstage.dev/deploy-repository`
       * annotation or source location) is used only when it is one of these URLs or below one,
       * and only when the Component was registered from a file of that repository on its
       * branch (its `backstage.io/managed-by-origin-location` and
       * `backstage.io/managed-by-location` are `url:` locations `<repository without
       * .git>/blob/<branch>/…`, `/tree/…`, `/raw/…`, `/-/blob/…`, `/-/tree/…`, `/-/raw/…`,
       * `/src/branch/…` or `/raw/branch/…` on the remote's host, where `<branch>` is exactly
       * the branch the remote names with `#<branch>`, or `main` when it names none; a location
       * at a commit id, a `refs/…` ref or another branch is refused, since hosts serve pull
       * requests' and forks' commits under the repository's own URL) or from a location listed
       * in `kitstage.provenance.trustedLocations`.
       * Compared parsed, never as text: scheme, host (lower case, punycode, no trailing dot),
       * port (defaults filled in) and whole path segments (`.`/`..` resolved, percent-decoded
       * once). `https://git.example.com/ml` allows `https://git.example.com/ml/svc.git`, not
       * `https://git.example.com/ml-other/svc.git` nor `https://git.example.com.evil.net/ml/…`.
       * URLs with user information, queries, fragments, encoded slashes or backslashes are
       * refused. Nothing is allowed when absent: a host of an SCM integration alone is not
       * enough.
       *
       * @example ['https://github.com/acme/', 'https://git.example.com/ml/', 'file:///srv/git/']
       */
      allowedRemotes?: string[];
      /**
       * (Optional) The most commits of an overlay read per environment for the promotion
       * history (at most 5000). The history is cloned no deeper than 5 times this many commits
       * of the branch; older history is left out and the response says `truncated`.
       *
       * @default 200
       */
      maxHistoryCommits?: number;
      /**
       * (Optional) The most overlay files (Git blobs) fetched for one read of a promotion
       * history, over all environments (at most 20000); older commits are left out and the
       * response says `truncated`.
       *
       * @default 1000
       */
      maxHistoryBlobs?: number;
      /**
       * (Optional) How long a promotion history read from a remote and branch is kept, in
       * seconds; concurrent requests for one remote and branch always share one read, one
       * remote is read at a time and at most 4 remotes at once, and at most 4 branches of one
       * remote are kept. `0` keeps nothing.
       *
       * @default 300
       */
      historyCacheSeconds?: number;
    };

    /**
     * (Optional) Who may perform the writing actions of Kitstage.
     */
    authorization?: {
      /**
       * (Optional) Subjects of service principals (e.g. `external:release-bot`) that may
       * promote, override a gate and push promotion branches, besides signed-in users; their
       * permissions are still checked. Other services are refused, although the permission
       * framework allows service credentials everything.
       *
       * @example ['external:release-bot']
       */
      servicePrincipals?: string[];
    };

    /**
     * (Optional) Where trusted ModelKit entities come from, besides the registry entity
     * provider. Only a trusted ModelKit unlocks registry reads, the lifecycle gate and the
     * choice of policy; a ModelKit registered by hand from anywhere else is shown with a
     * "not from a configured registry" refusal.
     */
    provenance?: {
      /**
       * (Optional) Location references (`<type>:<target>`, as in the entity's
       * `backstage.io/managed-by-location`: the file an entity was read from; its origin
       * does not count, since the catalog gives every file an aggregator references, and every
       * `kind: Location` those add, the aggregator's origin, so list each trusted file
       * itself) whose ModelKit entities are trusted like
       * the ones the registry provider emits, and whose Components may name any deploy
       * repository under `kitstage.promotion.allowedRemotes` (`file://` remotes included) for
       * promotions, pushes and the promotion history. Other Components may name only the
       * repository they were registered from. Compared parsed: URLs normalised (scheme and
       * host case, default port, `.` and `..` segments); file paths resolved as the catalog
       * resolves the targets of `catalog.locations`, a relative one against the backend's
       * working directory, so `file:../../catalog/entities.yaml` matches the entities the
       * catalog read from `target: ../../catalog/entities.yaml`. List only locations that only
       * trusted people can change.
       *
       * @default []
       * @example ['url:https://github.com/acme/ml-platform/blob/main/modelkits.yaml']
       */
      trustedLocations?: string[];
    };
  };
}
