import { ACTION_USERS, ActionsTestBackend } from './startActionsTestBackend';

/**
 * An action's input and the REST request that asks the same question.
 *
 * @internal
 */
export interface SameQuestion {
  action: string;
  input: object;
  method: 'GET' | 'POST';
  path: string;
  body?: object;
}

/**
 * Asks the action and the REST API the same question as `user` and expects the same status,
 * and the same answer or error. Returns the REST answer.
 *
 * @internal
 */
export async function expectSameAnswers(
  api: ActionsTestBackend,
  question: SameQuestion,
  user: string = ACTION_USERS.reader,
  options: {
    /** Leaves out what differs between two reads, such as a timestamp. */
    normalize?: (answer: any) => unknown;
  } = {},
): Promise<{ status: number; body: any }> {
  const [action, rest] = await Promise.all([
    api.invoke(question.action, question.input, user),
    api.rest(question.method, question.path, user, question.body),
  ]);
  expect({ path: question.path, status: action.status }).toEqual({
    path: question.path,
    status: rest.status,
  });
  if (rest.status >= 400) {
    expect(action.body.error).toMatchObject({
      name: rest.body.error.name,
      message: rest.body.error.message,
    });
  } else {
    const normalize = options.normalize ?? ((answer: unknown) => answer);
    expect(normalize(action.body.output)).toEqual(normalize(rest.body));
  }
  return { status: rest.status, body: rest.body };
}

/**
 * Asks the action and the REST API the same question as the outsider (no
 * `catalog.entity.read`) and as the viewer (no `kitstage.modelkit.read`), expecting the same
 * status and error from both, and returns each user's status.
 *
 * @internal
 */
export async function sameRefusals(
  api: ActionsTestBackend,
  question: SameQuestion,
): Promise<{ outsider: number; viewer: number }> {
  const outsider = await expectSameAnswers(
    api,
    question,
    ACTION_USERS.outsider,
  );
  const viewer = await expectSameAnswers(api, question, ACTION_USERS.viewer);
  return { outsider: outsider.status, viewer: viewer.status };
}

/**
 * A deployments answer without the times it was assembled and its clusters observed, which
 * differ between two reads.
 *
 * @internal
 */
export function withoutObservationTimes(answer: {
  generatedAt?: string;
  clusters?: Array<{ observedAt?: string }>;
}): unknown {
  const { generatedAt: _generatedAt, clusters, ...rest } = answer;
  return {
    ...rest,
    clusters: clusters?.map(
      ({ observedAt: _observedAt, ...cluster }) => cluster,
    ),
  };
}
