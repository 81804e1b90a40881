import { classifyResponse } from './ClusterRequestError';

const classify = (statusCode: number, body: unknown) =>
  classifyResponse({
    cluster: 'prod',
    what: 'list pods',
    statusCode,
    body,
    text: body === undefined ? '' : JSON.stringify(body),
  });

describe('classifyResponse', () => {
  it("reads the cluster's own Status answers", () => {
    expect(
      classify(403, {
        kind: 'Status',
        code: 403,
        reason: 'Forbidden',
        message: 'pods is forbidden: User "x" cannot list resource "pods"',
      }),
    ).toMatchObject({
      kind: 'forbidden',
      statusCode: 403,
      reason: 'Forbidden',
      message:
        'Cluster prod forbids Kitstage to list pods: pods is forbidden: User "x" cannot list resource "pods"',
    });
    expect(
      classify(401, { kind: 'Status', code: 401, message: 'Unauthorized' }),
    ).toMatchObject({
      kind: 'unauthorized',
      message:
        'Cluster prod rejected the credentials configured under kubernetes.clusterLocatorMethods to list pods: Unauthorized',
    });
    expect(
      classify(404, { kind: 'Status', code: 404, reason: 'NotFound' }),
    ).toMatchObject({ kind: 'error', statusCode: 404, reason: 'NotFound' });
  });

  it("reads the Kubernetes plugin's own errors", () => {
    expect(
      classify(500, {
        error: {
          name: 'Error',
          message: "Cluster 'prod' request error",
          cause: {
            code: 'ECONNREFUSED',
            message: 'connect ECONNREFUSED 10.0.0.1:6443',
          },
        },
      }),
    ).toMatchObject({
      kind: 'unreachable',
      message:
        'Cluster prod is unreachable: connect ECONNREFUSED 10.0.0.1:6443',
    });
    expect(
      classify(404, {
        error: { name: 'NotFoundError', message: "Cluster 'prod' not found" },
      }),
    ).toMatchObject({
      kind: 'not-found',
      message:
        "The Kubernetes plugin does not know cluster prod: Cluster 'prod' not found",
    });
    expect(
      classify(403, {
        error: { name: 'NotAllowedError', message: 'Unauthorized' },
      }),
    ).toMatchObject({ kind: 'forbidden' });
    expect(classify(502, undefined)).toMatchObject({
      kind: 'error',
      message: 'Cluster prod could not list pods: HTTP 502',
    });
  });
});
