// The catalog module has no configuration key of its own. It reads its keys of the
// `kitstage.registries` entries (`name`, `ingest`, `include`, `exclude`, `owners`,
// `defaults`, `schedule`, `maxRemovalShare`); the entries are parsed by the registry client of
// `@kitstage/plugin-modelkit-node`, whose `config.d.ts` declares every key of an entry, once.
export interface Config {}
