import { Config } from '@backstage/config';
import { RegistryAuthConfig } from './configTypes';

const HOST_PATTERN = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/**
 * Reads the `auth` block of a registry entry: anonymous when absent, otherwise `basic` or
 * `bearer` as declared by `type` or told by which credentials are set.
 *
 * @param path - The key path of the block, used in error messages.
 * @throws Error naming the key when the block is inconsistent.
 * @internal
 */
export function readAuthConfig(
  config: Config | undefined,
  path: string,
): RegistryAuthConfig {
  if (!config) {
    return { type: 'anonymous' };
  }
  const username = config.getOptionalString('username');
  const password = config.getOptionalString('password');
  const token = config.getOptionalString('token');
  const declared = config.getOptionalString('type');
  let type = declared;
  if (!type) {
    if (token) {
      type = 'bearer';
    } else if (username || password) {
      type = 'basic';
    } else {
      type = 'anonymous';
    }
  }
  switch (type) {
    case 'anonymous':
      if (username || password || token) {
        throw new Error(
          `${path}: credentials are set but type is "anonymous"; remove them or set type to basic or bearer`,
        );
      }
      return { type: 'anonymous' };
    case 'basic': {
      if (!username || !password) {
        throw new Error(
          `${path}: type "basic" needs both username and password`,
        );
      }
      if (token) {
        throw new Error(`${path}: type "basic" does not take a token`);
      }
      const tokenRealmHosts = (
        config.getOptionalStringArray('tokenRealmHosts') ?? []
      ).map((host, i) => {
        if (!HOST_PATTERN.test(host)) {
          throw new Error(
            `${path}.tokenRealmHosts[${i}]: "${host}" is not a host name with an optional port`,
          );
        }
        return host.toLowerCase();
      });
      return { type: 'basic', username, password, tokenRealmHosts };
    }
    case 'bearer':
      if (!token) {
        throw new Error(`${path}: type "bearer" needs a token`);
      }
      if (username || password) {
        throw new Error(
          `${path}: type "bearer" does not take a username or password`,
        );
      }
      return { type: 'bearer', token };
    default:
      throw new Error(
        `${path}.type: "${type}" is not one of anonymous, basic, bearer`,
      );
  }
}
