// Besides `kitstage.catalog` below, the catalog module reads its keys of the
// `kitstage.registries` entries (`name`, `ingest`, `include`, `exclude`, `owners`,
// `defaults`, `schedule`, `maxRemovalShare`); the entries are parsed by the registry client of
// `@kitstage/plugin-modelkit-node`, whose `config.d.ts` declares every key of an entry, once.
export interface Config {
  kitstage?: {
    catalog?: {
      /**
       * (Optional) Also emit, for each ModelKit of type `model`, a `Resource` of type
       * `ai-model` with the same name, owner and system that depends on the ModelKit, so
       * catalogs of AI assets (Red Hat Developer Hub's model catalog) show it without a second
       * source of truth. The catalog rules must allow the `Resource` kind. Default: false.
       */
      aiModelResources?: boolean;
    };
  };
}
