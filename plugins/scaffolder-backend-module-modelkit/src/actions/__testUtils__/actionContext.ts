import { mockServices } from '@backstage/backend-test-utils';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

/**
 * The logger spy the test contexts carry.
 *
 * @internal
 */
export type LoggerSpy = ReturnType<typeof mockServices.logger.mock>;

/**
 * An action context whose logger and output are spies.
 *
 * @internal
 */
export type TestActionContext = ActionContext<any, any> & {
  logger: LoggerSpy;
  output: jest.Mock;
};

/**
 * Action input, as a template step passes it.
 *
 * @internal
 */
export type ActionInput = NonNullable<
  NonNullable<Parameters<typeof createMockActionContext>[0]>['input']
>;

/**
 * Secret values a task could carry. No action reads them; the tests check that none of them
 * ever reaches a log line or a written file.
 *
 * @internal
 */
export const TASK_SECRETS = {
  REGISTRY_PASSWORD: 'registry-password-4f1c2b',
  HF_TOKEN: 'hf_token_9d8e7f',
  backstageToken: 'backstage-token-0a1b2c',
};

/**
 * An action context on a real workspace directory, with a logger spy and the task secrets
 * above.
 *
 * @internal
 */
export function actionContext(
  input: ActionInput,
  workspacePath: string,
  options: { isDryRun?: boolean; templateEntityRef?: string } = {},
): TestActionContext {
  const logger = mockServices.logger.mock();
  const ctx = createMockActionContext({
    input,
    workspacePath,
    logger,
    secrets: TASK_SECRETS,
    templateInfo: options.templateEntityRef
      ? { entityRef: options.templateEntityRef, baseUrl: 'file:///templates/' }
      : undefined,
  });
  return {
    ...(ctx as unknown as ActionContext<any, any>),
    isDryRun: options.isDryRun ?? false,
    logger,
    output: ctx.output as jest.Mock,
  };
}

/**
 * Everything an action sent to its logger, one call per line.
 *
 * @internal
 */
export function loggedText(logger: LoggerSpy): string {
  return [logger.debug, logger.info, logger.warn, logger.error]
    .flatMap(method => method.mock.calls)
    .map(call => JSON.stringify(call))
    .join('\n');
}

/**
 * The secret values of {@link TASK_SECRETS} that occur in a text.
 *
 * @internal
 */
export function secretsIn(text: string): string[] {
  return Object.values(TASK_SECRETS).filter(value => text.includes(value));
}
