import { mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { auditedOperation } from './audited';

function auditor() {
  const success = jest.fn(async () => {});
  const fail = jest.fn(async () => {});
  const service = mockServices.auditor.mock({
    createEvent: jest.fn(async () => ({ success, fail })),
  });
  return { service, success, fail };
}

describe('auditedOperation', () => {
  it('records the event before the action and ends it as a success with what the action added', async () => {
    const { service, success, fail } = auditor();
    const result = await auditedOperation(
      service,
      'modelkit-test',
      { actor: 'user:default/alice' },
      async meta => {
        expect(service.createEvent).toHaveBeenCalledWith({
          eventId: 'modelkit-test',
          severityLevel: 'medium',
          meta: { actor: 'user:default/alice' },
        });
        meta.patch = { spec: { suspend: true } };
        return 42;
      },
    );
    expect(result).toBe(42);
    expect(success).toHaveBeenCalledWith({
      meta: {
        actor: 'user:default/alice',
        patch: { spec: { suspend: true } },
        outcome: 'succeeded',
      },
    });
    expect(fail).not.toHaveBeenCalled();
  });

  it('ends a refusal as refused and anything else as failed, and rethrows', async () => {
    const refused = auditor();
    const denial = new NotAllowedError('no');
    await expect(
      auditedOperation(refused.service, 'e', {}, async () => {
        throw denial;
      }),
    ).rejects.toBe(denial);
    expect(refused.fail).toHaveBeenCalledWith({
      error: denial,
      meta: { outcome: 'refused' },
    });

    const failed = auditor();
    await expect(
      auditedOperation(failed.service, 'e', {}, async () => {
        throw new Error('cluster broke');
      }),
    ).rejects.toThrow('cluster broke');
    expect(failed.fail).toHaveBeenCalledWith(
      expect.objectContaining({ meta: { outcome: 'failed' } }),
    );
    expect(failed.success).not.toHaveBeenCalled();
  });
});
