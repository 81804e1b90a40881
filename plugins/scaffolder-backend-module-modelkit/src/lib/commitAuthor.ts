import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, UserEntity } from '@backstage/catalog-model';
import { ModelKitAccessService } from '@kitstage/plugin-modelkit-node';

/**
 * The author of a commit a writing action makes.
 *
 * @internal
 */
export interface CommitAuthor {
  /** `GIT_AUTHOR_NAME`. */
  name: string;
  /** `GIT_AUTHOR_EMAIL`. */
  email: string;
  /** Who the backend knows the initiator as: a user entity ref or `service:<subject>`. */
  principal: string;
}

/** Keeps what git would write into the ident line intact: no control characters or `<>`. */
function identPart(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const clean = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return clean || undefined;
}

/**
 * The author of the commits a writing action makes for its initiator, as the backend knows
 * them, never as a template says: the user's `profile.displayName` and `profile.email` from
 * their own User entity in the catalog (read with their credentials), each falling back to
 * the user entity ref when the entity is missing, hidden or has none; a service is named
 * `service:<subject>`. The committer stays Kitstage.
 *
 * @internal
 */
export async function initiatorAuthor(
  access: ModelKitAccessService,
  credentials: BackstageCredentials,
): Promise<CommitAuthor> {
  const principal = access.principalOf(credentials);
  let user: UserEntity | undefined;
  if (principal.startsWith('user:')) {
    try {
      const ref = parseEntityRef(principal);
      user = (await access.readEntity(
        { kind: ref.kind, namespace: ref.namespace, name: ref.name },
        { credentials },
      )) as UserEntity;
    } catch (error) {
      // The User entity is optional: an identity may resolve to a ref the catalog lacks or hides.
      if ((error as Error).name !== 'NotFoundError') throw error;
    }
  }
  const profile = user?.spec?.profile;
  return {
    name: identPart(profile?.displayName) ?? principal,
    email: identPart(profile?.email)?.replace(/\s/g, '') ?? principal,
    principal,
  };
}
