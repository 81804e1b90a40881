import { ClusterRequestError } from './ClusterRequestError';
import {
  GoneError,
  StalledError,
  watchEventError,
  watchFailure,
  WatchForbiddenError,
  watchRequestError,
} from './watchErrors';
import { RESOURCE_TYPES } from './resources';

const deployments = RESOURCE_TYPES.find(r => r.id === 'deployments')!;

describe('watch errors', () => {
  it('tells an expired resource version and a forbidden watch from other failures', () => {
    const gone = watchRequestError(
      new ClusterRequestError({
        kind: 'error',
        statusCode: 410,
        message: 'too old resource version',
      }),
    );
    expect(gone).toBeInstanceOf(GoneError);
    expect((gone as Error).message).toBe('too old resource version');
    expect(
      watchRequestError(
        new ClusterRequestError({
          kind: 'forbidden',
          statusCode: 403,
          message: 'cannot watch',
        }),
      ),
    ).toBeInstanceOf(WatchForbiddenError);
    const other = new ClusterRequestError({
      kind: 'error',
      statusCode: 500,
      message: 'boom',
    });
    expect(watchRequestError(other)).toBe(other);
  });

  it("ends a watch with the cluster's own ERROR event", () => {
    expect(
      watchEventError(
        { type: 'ERROR', object: { code: 410, message: 'expired' } },
        'prod',
        deployments,
      ),
    ).toEqual(new GoneError('expired'));
    const error = watchEventError(
      { type: 'ERROR', object: { code: 500, message: 'etcd is down' } },
      'prod',
      deployments,
    );
    expect(error).toBeInstanceOf(ClusterRequestError);
    expect(error).toMatchObject({
      kind: 'error',
      statusCode: 500,
      message: 'Cluster prod ended the watch of deployments.apps: etcd is down',
    });
  });

  it('says why a watch is broken', () => {
    expect(
      watchFailure(new GoneError('expired'), 'prod', deployments, 10_000),
    ).toEqual({
      kind: 'error',
      statusCode: 410,
      message:
        'Cluster prod expired the resource version of deployments.apps again right after a list: expired',
    });
    expect(
      watchFailure(new StalledError('silent'), 'prod', deployments, 10_000),
    ).toEqual({ kind: 'timeout', message: 'silent' });
    expect(
      watchFailure(new Error('reset'), 'prod', deployments, 10_000),
    ).toEqual({
      kind: 'error',
      message: 'Cluster prod could not be read: reset',
    });
  });
});
