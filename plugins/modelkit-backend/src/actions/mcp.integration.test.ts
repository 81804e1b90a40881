import { AddressInfo } from 'node:net';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { withoutObservationTimes } from './__testUtils__/expectSameAnswers';
import {
  ACTION_USERS,
  ActionsTestBackend,
  startActionsTestBackend,
} from './__testUtils__/startActionsTestBackend';

// An MCP client (the MCP TypeScript SDK over streamable HTTP) talks to the MCP actions
// backend, which invokes the modelkit plugin's actions on behalf of the signed-in user; every
// answer is compared with the REST API's answer to the same user, in the same backend.

jest.setTimeout(180_000);

const TOOLS = [
  'modelkit.evaluate-modelkit-promotion',
  'modelkit.get-modelkit-deployments',
  'modelkit.get-modelkit-lineage',
  'modelkit.get-modelkit-version-status',
  'modelkit.list-modelkit-versions',
  'modelkit.list-modelkits',
];

/** One tool call, and the REST request that answers the same question. */
interface Question {
  tool: string;
  args: Record<string, unknown>;
  method: 'GET' | 'POST';
  path: string;
  body?: object;
  /** Leaves out what differs between two reads, such as a timestamp. */
  normalize?: (answer: any) => unknown;
}

const QUESTIONS: Question[] = [
  {
    tool: 'modelkit.list-modelkit-versions',
    args: { name: 'churn' },
    method: 'GET',
    path: '/api/modelkit/modelkits/default/churn/versions',
  },
  {
    tool: 'modelkit.get-modelkit-version-status',
    args: { name: 'churn', reference: 'v2' },
    method: 'GET',
    path: '/api/modelkit/modelkits/default/churn/versions/v2/attestations',
  },
  {
    tool: 'modelkit.get-modelkit-deployments',
    args: { name: 'churn' },
    method: 'GET',
    path: '/api/modelkit/deployments/modelkits/default/churn',
    normalize: withoutObservationTimes,
  },
  {
    tool: 'modelkit.get-modelkit-lineage',
    args: { name: 'churn', version: 'v1' },
    method: 'GET',
    path: '/api/modelkit/modelkits/default/churn/lineage?version=v1',
  },
  {
    tool: 'modelkit.evaluate-modelkit-promotion',
    args: { name: 'churn-predictor', environment: 'production', version: 'v1' },
    method: 'POST',
    path: '/api/modelkit/components/default/churn-predictor/promotions/evaluate',
    body: { environment: 'production', version: 'v1' },
  },
];

describe('the modelkit actions over MCP', () => {
  let api: ActionsTestBackend;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startActionsTestBackend();
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) {
      await client.close();
    }
    await api?.stop();
  });

  /** An MCP client of the backend's MCP endpoint, signed in as `user`. */
  async function connect(user: string): Promise<Client> {
    const { port } = api.backend.server.address() as AddressInfo;
    const client = new Client({
      name: 'kitstage-test-agent',
      version: '1.0.0',
    });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { authorization: mockCredentials.user.header(user) },
          },
        },
      ),
    );
    clients.push(client);
    return client;
  }

  it('offers every action as a read-only tool with its input schema', async () => {
    const client = await connect(ACTION_USERS.reader);
    const { tools } = await client.listTools();
    const ours = tools
      .filter(tool => tool.name.startsWith('modelkit.'))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(ours.map(tool => tool.name)).toEqual(TOOLS);
    for (const tool of ours) {
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
      });
      expect(tool.description?.length).toBeGreaterThan(100);
      expect(tool.inputSchema.type).toBe('object');
    }
    const versions = ours.find(
      tool => tool.name === 'modelkit.get-modelkit-version-status',
    );
    expect(versions?.inputSchema.required).toEqual(['name', 'reference']);
  });

  it('answers a signed-in user with the data of the REST API', async () => {
    const client = await connect(ACTION_USERS.reader);
    for (const question of QUESTIONS) {
      const [result, rest] = await Promise.all([
        client.callTool({ name: question.tool, arguments: question.args }),
        api.rest(
          question.method,
          question.path,
          ACTION_USERS.reader,
          question.body,
        ),
      ]);
      expect({ tool: question.tool, status: rest.status }).toEqual({
        tool: question.tool,
        status: 200,
      });
      expect(result.isError).toBeFalsy();
      const normalize = question.normalize ?? ((answer: unknown) => answer);
      expect(normalize(result.structuredContent)).toEqual(normalize(rest.body));
      // The text content is the same JSON, for clients that read only text.
      expect(
        JSON.parse((result.content as Array<{ text: string }>)[0].text),
      ).toEqual(result.structuredContent);
    }
  });

  it('answers what runs where with its health and policy, and which version would pass', async () => {
    const client = await connect(ACTION_USERS.reader);
    const running = await client.callTool({
      name: 'modelkit.get-modelkit-deployments',
      arguments: { name: 'churn', digest: api.artifacts.v1.digest },
    });
    const { versions } = running.structuredContent as {
      versions: Array<{
        digest: string;
        deployments: Array<{ cluster: { name: string }; status?: string }>;
      }>;
    };
    expect(versions).toHaveLength(1);
    expect(versions[0].digest).toBe(api.artifacts.v1.digest);
    expect(versions[0].deployments).toEqual([
      expect.objectContaining({
        cluster: expect.objectContaining({ name: 'prod-eu' }),
        status: 'healthy',
      }),
    ]);
    const gates = async (version: string) =>
      (
        await client.callTool({
          name: 'modelkit.evaluate-modelkit-promotion',
          arguments: {
            name: 'churn-predictor',
            environment: 'production',
            version,
          },
        })
      ).structuredContent as {
        gates: Array<{ gate: string; passed: boolean }>;
      };
    const policyGate = (evaluation: {
      gates: Array<{ gate: string; passed: boolean }>;
    }) => evaluation.gates.find(gate => gate.gate === 'policy')?.passed;
    expect(policyGate(await gates('v2'))).toBe(true);
    expect(policyGate(await gates('v1'))).toBe(false);
  });

  it.each([
    [
      'a user who may not read the catalog',
      ACTION_USERS.outsider,
      404,
      'NotFoundError',
    ],
    [
      'a user without kitstage.modelkit.read',
      ACTION_USERS.viewer,
      403,
      'NotAllowedError',
    ],
  ])(
    'refuses %s exactly as the REST API does',
    async (_who, user, status, name) => {
      const client = await connect(user);
      for (const question of QUESTIONS) {
        const [result, rest] = await Promise.all([
          client.callTool({ name: question.tool, arguments: question.args }),
          api.rest(question.method, question.path, user, question.body),
        ]);
        expect({ tool: question.tool, status: rest.status }).toEqual({
          tool: question.tool,
          status,
        });
        expect(result.isError).toBe(true);
        expect(result.content).toEqual([
          { type: 'text', text: `${name}: ${rest.body.error.message}` },
        ]);
      }
    },
  );

  it('names the bad field of a tool input, as the REST API does', async () => {
    const client = await connect(ACTION_USERS.reader);
    const result = await client.callTool({
      name: 'modelkit.get-modelkit-version-status',
      arguments: { name: 'churn', reference: 'v1:latest' },
    });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      {
        type: 'text',
        text: expect.stringMatching(
          /^InputError: Invalid input: reference: must be a tag .* got "v1:latest"$/,
        ),
      },
    ]);
    const name = await client.callTool({
      name: 'modelkit.list-modelkit-versions',
      arguments: { name: 'Not a name!' },
    });
    expect(name.content).toEqual([
      {
        type: 'text',
        text: expect.stringMatching(
          /^InputError: Invalid input: name "Not a name!" is not a valid entity name/,
        ),
      },
    ]);
  });
});
