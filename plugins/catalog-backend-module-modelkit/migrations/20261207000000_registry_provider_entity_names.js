// @ts-check

/**
 * The entity name each registry entity provider gave each repository, kept so that an entity
 * is never renamed and its name never passes to another repository. Rows are keyed by the
 * provider id, `modelkit-registry-provider:<registry name>`, and are never updated.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(
    'modelkit_registry_provider__entity_names',
    table => {
      table.comment(
        'The entity name the provider gave each repository of its registry, kept also after the repository is gone',
      );
      table
        .string('provider_id', 255)
        .notNullable()
        .comment(
          'The entity provider, modelkit-registry-provider:<registry name>',
        );
      table
        .string('repository', 255)
        .notNullable()
        .comment('The repository path within the registry, e.g. team/model');
      table
        .string('name', 63)
        .notNullable()
        .comment('The metadata.name of the repository entity');
      table
        .timestamp('created_at', { useTz: true })
        .notNullable()
        .defaultTo(knex.fn.now())
        .comment('When the name was given');
      table.primary(['provider_id', 'repository']);
      table.unique(['provider_id', 'name'], {
        indexName: 'modelkit_registry_provider__entity_names_name_idx',
      });
    },
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelkit_registry_provider__entity_names');
};
