/**
 * The parts of Backstage's discovery API that the Kitstage HTTP clients need.
 *
 * @public
 */
export interface ModelKitClientDiscovery {
  /**
   * Resolves the base URL of a backend plugin's routes, such as
   * `https://backstage.example.com/api/modelkit` for the plugin id `modelkit`.
   */
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * The parts of Backstage's fetch API that the Kitstage HTTP clients need (it adds the user's
 * token).
 *
 * @public
 */
export interface ModelKitClientFetch {
  /**
   * The `fetch` function every request goes through; Backstage's fetch API adds the signed-in
   * user's Backstage token to it.
   */
  fetch: typeof fetch;
}

/**
 * Addresses a catalog entity (a ModelKit or a Component) in the routes of the `modelkit`
 * backend plugin.
 *
 * @public
 */
export interface ModelKitEntityName {
  /** The entity's `metadata.namespace`, such as `default`. */
  namespace: string;
  /** The entity's `metadata.name`, such as `support-sentiment`. */
  name: string;
}

/**
 * What every Kitstage HTTP client is constructed with: Backstage's discovery and fetch APIs (or
 * anything with the same two methods).
 *
 * @public
 */
export interface ModelKitClientOptions {
  /** Finds the base URL of the `modelkit` backend plugin. */
  discoveryApi: ModelKitClientDiscovery;
  /** Sends every request, with the signed-in user's token. */
  fetchApi: ModelKitClientFetch;
}
