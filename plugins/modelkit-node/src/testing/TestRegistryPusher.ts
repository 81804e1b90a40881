import { createHash } from 'node:crypto';
import { fetch } from 'undici';
import { TestArtifact } from './testArtifacts';

/**
 * Where {@link TestRegistryPusher} pushes to.
 *
 * @public
 */
export interface TestRegistryPusherOptions {
  /** The registry base URL, e.g. `http://127.0.0.1:5000`. */
  url: string;
  /**
   * The user sent with basic authentication and token requests. The pusher is anonymous
   * unless both the user and the password are set.
   */
  username?: string;
  /** The password of `username`. */
  password?: string;
}

/**
 * A minimal OCI push client for tests: monolithic blob uploads (`POST` then `PUT ?digest=`),
 * manifest `PUT`, and the basic or bearer-token authentication `docker-registry` asks for.
 * It is deliberately independent of the registry client under test.
 *
 * @public
 */
export class TestRegistryPusher {
  readonly #url: string;
  readonly #basic?: string;
  readonly #tokens = new Map<string, string>();

  constructor(options: TestRegistryPusherOptions) {
    this.#url = options.url.replace(/\/+$/, '');
    if (options.username !== undefined && options.password !== undefined) {
      this.#basic = `Basic ${Buffer.from(
        `${options.username}:${options.password}`,
      ).toString('base64')}`;
    }
  }

  /** Uploads a blob unless the repository already has it; returns its digest. */
  async pushBlob(repository: string, data: Buffer): Promise<string> {
    const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
    const head = await this.#request(
      repository,
      'HEAD',
      `/v2/${repository}/blobs/${digest}`,
    );
    if (head.status === 200) {
      return digest;
    }
    const start = await this.#request(
      repository,
      'POST',
      `/v2/${repository}/blobs/uploads/`,
    );
    if (start.status !== 202) {
      throw new Error(
        `Starting a blob upload to ${repository} failed: HTTP ${
          start.status
        } ${await start.text()}`,
      );
    }
    const location = new URL(start.headers.get('location')!, this.#url);
    location.searchParams.set('digest', digest);
    const put = await this.#request(repository, 'PUT', location.href, data, {
      'content-type': 'application/octet-stream',
    });
    if (put.status !== 201) {
      throw new Error(
        `Uploading blob ${digest} to ${repository} failed: HTTP ${
          put.status
        } ${await put.text()}`,
      );
    }
    return digest;
  }

  /** Puts a manifest under a tag or digest; returns the digest the registry reports. */
  async pushManifest(
    repository: string,
    reference: string,
    raw: string | Buffer,
    mediaType: string,
  ): Promise<string> {
    const response = await this.#request(
      repository,
      'PUT',
      `/v2/${repository}/manifests/${reference}`,
      Buffer.from(raw),
      { 'content-type': mediaType },
    );
    if (response.status !== 201) {
      throw new Error(
        `Putting manifest ${repository}:${reference} failed: HTTP ${
          response.status
        } ${await response.text()}`,
      );
    }
    return response.headers.get('docker-content-digest') ?? '';
  }

  /**
   * Pushes an artifact: the manifests of an index first, then blobs, then the manifest by
   * digest and under each tag. Returns the manifest digest.
   */
  async push(
    repository: string,
    artifact: TestArtifact,
    tags: string[] = [],
  ): Promise<string> {
    for (const child of artifact.children ?? []) {
      await this.push(repository, child);
    }
    for (const blob of artifact.blobs) {
      await this.pushBlob(repository, blob);
    }
    await this.pushManifest(
      repository,
      artifact.digest,
      artifact.raw,
      artifact.mediaType,
    );
    for (const tag of tags) {
      await this.pushManifest(
        repository,
        tag,
        artifact.raw,
        artifact.mediaType,
      );
    }
    return artifact.digest;
  }

  /** Deletes a manifest by digest (the registry must allow deletes). */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    const response = await this.#request(
      repository,
      'DELETE',
      `/v2/${repository}/manifests/${digest}`,
    );
    if (response.status !== 202) {
      throw new Error(
        `Deleting ${repository}@${digest} failed: HTTP ${response.status}`,
      );
    }
  }

  async #request(
    repository: string,
    method: string,
    pathOrUrl: string,
    body?: Buffer,
    headers: Record<string, string> = {},
  ) {
    const url = new URL(pathOrUrl, this.#url);
    const send = (authorization?: string) =>
      fetch(url, {
        method,
        body,
        headers: { ...headers, ...(authorization ? { authorization } : {}) },
        redirect: 'manual',
      });
    let response = await send(this.#tokens.get(repository) ?? this.#basic);
    if (response.status !== 401) {
      return response;
    }
    await response.body?.cancel();
    const challenge = response.headers.get('www-authenticate') ?? '';
    if (/^Bearer /i.test(challenge)) {
      const token = await this.#fetchToken(challenge, repository);
      this.#tokens.set(repository, `Bearer ${token}`);
      response = await send(`Bearer ${token}`);
    } else if (this.#basic) {
      response = await send(this.#basic);
    }
    return response;
  }

  async #fetchToken(challenge: string, repository: string): Promise<string> {
    const param = (name: string) =>
      new RegExp(`${name}="([^"]*)"`).exec(challenge)?.[1];
    const realm = new URL(param('realm')!);
    const service = param('service');
    if (service) {
      realm.searchParams.set('service', service);
    }
    realm.searchParams.set('scope', `repository:${repository}:pull,push`);
    const response = await fetch(realm, {
      headers: this.#basic ? { authorization: this.#basic } : {},
    });
    if (response.status !== 200) {
      throw new Error(
        `The token server refused a push token: HTTP ${response.status}`,
      );
    }
    const json = (await response.json()) as { token: string };
    return json.token;
  }
}
