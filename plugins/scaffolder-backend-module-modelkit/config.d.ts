// Besides `kitstage.scaffolder` below, the scaffolder module reads `integrations`, and
// `kitstage.promotion`, `kitstage.authorization` and `kitstage.provenance` through
// `@kitstage/plugin-modelkit-node`, whose `config.d.ts` declares those keys, once.
export interface Config {
  kitstage?: {
    scaffolder?: {
      /**
       * (Optional) Where `kitstage:git:publish` may create repositories with the backend's SCM
       * integration token.
       */
      publish?: {
        /**
         * (Optional) The namespaces (users, groups, sub-groups, organisations) new repositories
         * may be created in, as URLs, e.g. `https://gitlab.example.com/ml-platform`. A
         * repository is allowed only strictly below one of them, compared parsed: scheme, host,
         * port (with defaults) and whole path segments, never text prefixes. The repository
         * must also be under `kitstage.promotion.allowedRemotes`. Nothing may be published
         * when absent or empty.
         */
        allowedNamespaces?: string[];
        /**
         * (Optional) Let `kitstage:git:publish` push into a repository that already exists but
         * has no branch or tag (one created ahead in the host's UI, say). A repository with
         * any ref is always refused. Default: false, so only repositories that do not exist
         * yet are published, and a user cannot fill a repository another team just created.
         */
        allowExistingEmptyRepositories?: boolean;
      };
    };
  };
}
