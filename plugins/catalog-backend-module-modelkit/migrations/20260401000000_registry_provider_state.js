// @ts-check

/**
 * The state of the registry entity providers: what each of them learned from its registry,
 * so that a sync (on any backend instance, also right after a restart) downloads only what
 * changed. Rows are keyed by the provider id, `modelkit-registry-provider:<registry name>`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelkit_registry_provider__tags', table => {
    table.comment(
      'The manifest digest each tag of a registry repository pointed at when the provider last read it',
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
    table.string('tag', 128).notNullable().comment('The tag');
    table
      .string('digest', 255)
      .notNullable()
      .comment('The digest of the manifest the tag pointed at');
    table.primary(['provider_id', 'repository', 'tag']);
    table.index(
      ['provider_id', 'digest'],
      'modelkit_registry_provider__tags_digest_idx',
    );
  });

  await knex.schema.createTable(
    'modelkit_registry_provider__manifests',
    table => {
      table.comment(
        'Manifests (and the configs of ModelKit manifests) the provider read, as the registry served them; verified against their digests whenever they are read',
      );
      table
        .string('provider_id', 255)
        .notNullable()
        .comment(
          'The entity provider, modelkit-registry-provider:<registry name>',
        );
      table
        .string('digest', 255)
        .notNullable()
        .comment('The digest of the manifest, which its text must hash to');
      table
        .string('media_type', 255)
        .notNullable()
        .comment('The media type of the manifest');
      table
        .text('manifest', 'longtext')
        .notNullable()
        .comment('The manifest text, exactly as served');
      table
        .string('config_digest', 255)
        .nullable()
        .comment('The digest of the config blob of an image manifest');
      table
        .text('config', 'longtext')
        .nullable()
        .comment(
          'The config blob as UTF-8 text, once read; it must hash to config_digest',
        );
      table.primary(['provider_id', 'digest']);
    },
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelkit_registry_provider__manifests');
  await knex.schema.dropTable('modelkit_registry_provider__tags');
};
