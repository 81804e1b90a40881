import { DatabaseService } from '@backstage/backend-plugin-api';

/**
 * The knex client of a {@link @backstage/backend-plugin-api#DatabaseService}.
 *
 * @internal
 */
export type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;
