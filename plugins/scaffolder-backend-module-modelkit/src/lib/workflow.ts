import { ANNOTATION_MODELKIT } from '@kitstage/plugin-modelkit-common';
import { KIT_VERSION } from './constants';
import type { ServingStyle } from './manifests';

/**
 * Third-party actions, pinned by commit.
 *
 * @internal
 */
export const PINNED_ACTIONS = {
  checkout: 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8', // v5.0.0
  setupKit: 'kitops-ml/gh-kit-setup@1d3f312b012de8e8c56702c673dfc39d40a6c4c6', // v1
  cosign: 'sigstore/cosign-installer@6f9f17788090df1f26f669e9d70d6ae9567deba6', // v4.1.2
} as const;

/**
 * The structured description the CI workflow is built from.
 *
 * @internal
 */
export interface WorkflowSpec {
  name: string;
  servingStyle: ServingStyle;
  registry: string;
  modelKitRepository: string;
  imageRepository?: string;
  branch: string;
  /**
   * The environment whose overlay CI pins each build into: the first, ungated one. Without it,
   * CI packs, pushes, signs and attests, and pins nothing.
   */
  deployEnvironment?: string;
  huggingFace?: { id: string; revision: string; modelKitReference: string };
}

const LOGIN_SCRIPT = `if [ -z "\${REGISTRY_USERNAME}" ] || [ -z "\${REGISTRY_PASSWORD}" ]; then
  echo "::error::Set the REGISTRY_USERNAME and REGISTRY_PASSWORD repository secrets"
  exit 1
fi
printf '%s' "\${REGISTRY_PASSWORD}" | kit login "\${REGISTRY}" --username "\${REGISTRY_USERNAME}" --password-stdin
printf '%s' "\${REGISTRY_PASSWORD}" | docker login "\${REGISTRY}" --username "\${REGISTRY_USERNAME}" --password-stdin
`;

const DOCKER_LOGIN_SCRIPT = `printf '%s' "\${REGISTRY_PASSWORD}" | docker login "\${REGISTRY}" --username "\${REGISTRY_USERNAME}" --password-stdin
`;

const IMPORT_SCRIPT = `if kit inspect --remote "\${BASE_MODELKIT}" > /dev/null 2>&1; then
  echo "\${BASE_MODELKIT} is already in the registry"
  exit 0
fi
token_args=()
if [ -n "\${HF_TOKEN:-}" ]; then
  token_args=(--token "\${HF_TOKEN}")
fi
kit import "\${BASE_MODEL_HF_ID}" --ref "\${BASE_MODEL_HF_REVISION}" --tag "\${BASE_MODELKIT}" "\${token_args[@]}"
kit push "\${BASE_MODELKIT}"
`;

const PACK_SCRIPT = `kit pack . --tag "\${MODELKIT_REPOSITORY}:sha-\${GITHUB_SHA}"
`;

const PUSH_SCRIPT = `tag="sha-\${GITHUB_SHA}"
kit push "\${MODELKIT_REPOSITORY}:\${tag}"
digest="$(kit list "\${MODELKIT_REPOSITORY}" --format json | jq -r --arg tag "\${tag}" 'map(select(.tags | index($tag))) | first | .digest')"
if [[ ! "\${digest}" =~ ^sha256:[a-f0-9]{64}$ ]]; then
  echo "::error::Could not read the digest of \${MODELKIT_REPOSITORY}:\${tag}"
  exit 1
fi
echo "digest=\${digest}" >> "\${GITHUB_OUTPUT}"
echo "reference=\${MODELKIT_REPOSITORY}@\${digest}" >> "\${GITHUB_OUTPUT}"
`;

const SIGN_SCRIPT = `cosign sign --yes "\${SUBJECT}"
`;

const ATTEST_SCRIPT = `jq --null-input \\
  --arg repository "\${GITHUB_SERVER_URL}/\${GITHUB_REPOSITORY}" \\
  --arg workflow "\${GITHUB_SERVER_URL}/\${GITHUB_WORKFLOW_REF}" \\
  --arg ref "\${GITHUB_REF}" \\
  --arg commit "\${GITHUB_SHA}" \\
  --arg run "\${GITHUB_SERVER_URL}/\${GITHUB_REPOSITORY}/actions/runs/\${GITHUB_RUN_ID}/attempts/\${GITHUB_RUN_ATTEMPT}" \\
  '{
    buildDefinition: {
      buildType: "https://kitstage.dev/buildtypes/modelkit/v1",
      externalParameters: { workflow: $workflow, repository: $repository, ref: $ref },
      resolvedDependencies: [
        { uri: ("git+" + $repository + "@" + $ref), digest: { gitCommit: $commit } }
      ]
    },
    runDetails: {
      builder: { id: $workflow },
      metadata: { invocationId: $run }
    }
  }' > provenance.json
cosign attest --yes --type slsaprovenance1 --predicate provenance.json "\${SUBJECT}"
`;

const BUILD_SCRIPT = `docker buildx build \\
  --push \\
  --metadata-file build-metadata.json \\
  --tag "\${IMAGE_REPOSITORY}:sha-\${GITHUB_SHA}" \\
  .
digest="$(jq -r '."containerimage.digest"' build-metadata.json)"
if [[ ! "\${digest}" =~ ^sha256:[a-f0-9]{64}$ ]]; then
  echo "::error::Could not read the digest of the runtime image"
  exit 1
fi
echo "digest=\${digest}" >> "\${GITHUB_OUTPUT}"
`;

function pinScript(style: ServingStyle): string {
  const annotation = `["${ANNOTATION_MODELKIT}"]`;
  const envValue = (list: string, container: string) =>
    `(${list}[] | select(.name == "${container}")\n    | .env[] | select(.name == "MODELKIT_REF") | .value) = strenv(MODELKIT_REF)`;
  const expressions =
    style === 'kserve'
      ? [
          `.metadata.annotations${annotation} = strenv(MODELKIT_REF)`,
          `.spec.predictor.annotations${annotation} = strenv(MODELKIT_REF)`,
          `.spec.predictor.model.storageUri = "kit://" + strenv(MODELKIT_REF)`,
        ]
      : [
          `.metadata.annotations${annotation} = strenv(MODELKIT_REF)`,
          `.spec.template.metadata.annotations${annotation} = strenv(MODELKIT_REF)`,
          envValue('.spec.template.spec.initContainers', 'modelkit'),
          envValue('.spec.template.spec.containers', 'server'),
        ];
  const lines = [
    `overlay="deploy/overlays/\${DEPLOY_ENVIRONMENT}"`,
    `yq --inplace '${expressions.join(' |\n  ')}' "\${overlay}/modelkit.yaml"`,
  ];
  if (style !== 'kserve') {
    lines.push(
      `yq --inplace \\\n  '(.images[] | select(.name == strenv(IMAGE_REPOSITORY))) |= (del(.newTag) | .digest = strenv(IMAGE_DIGEST))' \\\n  "\${overlay}/kustomization.yaml"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const COMMIT_SCRIPT = `git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git add deploy/
if git diff --cached --quiet; then
  echo "deploy/ already runs \${MODELKIT_REF}"
  exit 0
fi
git commit --message "Deploy \${MODELKIT_REF} to \${DEPLOY_ENVIRONMENT}"
for attempt in 1 2 3; do
  if git push origin "HEAD:\${GITHUB_REF_NAME}"; then
    exit 0
  fi
  echo "Push attempt \${attempt} was rejected; rebasing on \${GITHUB_REF_NAME}"
  git pull --rebase origin "\${GITHUB_REF_NAME}"
done
exit 1
`;

const registrySecrets = {
  REGISTRY_USERNAME: '${{ secrets.REGISTRY_USERNAME }}',
  REGISTRY_PASSWORD: '${{ secrets.REGISTRY_PASSWORD }}',
};

/**
 * Builds the GitHub Actions workflow: pack and push the ModelKit with the Kit CLI, sign and
 * attest it with cosign (keyless, through the workflow's OIDC identity), build and sign the
 * runtime image (which holds no model: pods fetch the ModelKit at start), and, when the spec
 * names a deploy environment, commit both digests into that environment's overlay. User-chosen
 * values only appear in `env:`; `run:` scripts are fixed text that reads them as environment
 * variables, and secrets reach scripts only through `env:` as well.
 *
 * @internal
 */
export function buildWorkflow(spec: WorkflowSpec): Record<string, unknown> {
  const buildsImage = spec.servingStyle !== 'kserve';
  const env: Record<string, string> = {
    REGISTRY: spec.registry,
    MODELKIT_REPOSITORY: spec.modelKitRepository,
    ...(buildsImage ? { IMAGE_REPOSITORY: spec.imageRepository! } : {}),
    ...(spec.deployEnvironment
      ? { DEPLOY_ENVIRONMENT: spec.deployEnvironment }
      : {}),
    KIT_VERSION: KIT_VERSION,
    ...(spec.huggingFace
      ? {
          BASE_MODEL_HF_ID: spec.huggingFace.id,
          BASE_MODEL_HF_REVISION: spec.huggingFace.revision,
          BASE_MODELKIT: spec.huggingFace.modelKitReference,
        }
      : {}),
  };

  const modelkitJob = {
    name: 'Pack, push, sign and attest the ModelKit',
    'runs-on': 'ubuntu-24.04',
    permissions: { contents: 'read', 'id-token': 'write', packages: 'write' },
    outputs: {
      digest: '${{ steps.push.outputs.digest }}',
      reference: '${{ steps.push.outputs.reference }}',
    },
    steps: [
      {
        name: 'Check out',
        uses: PINNED_ACTIONS.checkout,
        with: { 'persist-credentials': false, lfs: true },
      },
      {
        name: 'Install the Kit CLI',
        uses: PINNED_ACTIONS.setupKit,
        with: { version: '${{ env.KIT_VERSION }}' },
      },
      { name: 'Install cosign', uses: PINNED_ACTIONS.cosign },
      {
        name: 'Log in to the registry',
        env: registrySecrets,
        run: LOGIN_SCRIPT,
      },
      ...(spec.huggingFace
        ? [
            {
              name: 'Import the base model from Hugging Face',
              env: { HF_TOKEN: '${{ secrets.HF_TOKEN }}' },
              run: IMPORT_SCRIPT,
            },
          ]
        : []),
      { name: 'Pack the ModelKit', run: PACK_SCRIPT },
      { name: 'Push the ModelKit', id: 'push', run: PUSH_SCRIPT },
      {
        name: 'Sign the ModelKit',
        env: { SUBJECT: '${{ steps.push.outputs.reference }}' },
        run: SIGN_SCRIPT,
      },
      {
        name: 'Attest the build provenance of the ModelKit',
        env: { SUBJECT: '${{ steps.push.outputs.reference }}' },
        run: ATTEST_SCRIPT,
      },
    ],
  };

  // The runtime image: Python, the pinned requirements and (fastapi) the server. It holds no
  // model, so its build reads no ModelKit.
  const imageJob = {
    name: 'Build, push and sign the runtime image',
    'runs-on': 'ubuntu-24.04',
    permissions: { contents: 'read', 'id-token': 'write', packages: 'write' },
    outputs: { digest: '${{ steps.build.outputs.digest }}' },
    steps: [
      {
        name: 'Check out',
        uses: PINNED_ACTIONS.checkout,
        with: { 'persist-credentials': false },
      },
      { name: 'Install cosign', uses: PINNED_ACTIONS.cosign },
      {
        name: 'Log in to the registry',
        env: registrySecrets,
        run: DOCKER_LOGIN_SCRIPT,
      },
      {
        name: 'Build and push the runtime image',
        id: 'build',
        run: BUILD_SCRIPT,
      },
      {
        name: 'Sign the runtime image',
        env: {
          SUBJECT:
            '${{ env.IMAGE_REPOSITORY }}@${{ steps.build.outputs.digest }}',
        },
        run: SIGN_SCRIPT,
      },
    ],
  };

  // Only into the first, ungated environment: gated ones change by promotion alone.
  const deployJob = {
    name: `Pin the new ModelKit in deploy/overlays/${spec.deployEnvironment}`,
    needs: buildsImage ? ['modelkit', 'image'] : ['modelkit'],
    if: 'github.ref_name == github.event.repository.default_branch',
    'runs-on': 'ubuntu-24.04',
    permissions: { contents: 'write' },
    steps: [
      {
        name: 'Check out',
        uses: PINNED_ACTIONS.checkout,
        with: { ref: '${{ github.ref }}' },
      },
      {
        name: 'Update the ModelKit reference',
        env: {
          MODELKIT_REF: '${{ needs.modelkit.outputs.reference }}',
          ...(buildsImage
            ? { IMAGE_DIGEST: '${{ needs.image.outputs.digest }}' }
            : {}),
        },
        run: pinScript(spec.servingStyle),
      },
      {
        name: 'Commit and push',
        env: { MODELKIT_REF: '${{ needs.modelkit.outputs.reference }}' },
        run: COMMIT_SCRIPT,
      },
    ],
  };

  return {
    name: `ModelKit ${spec.name}`,
    on: {
      push: {
        branches: [spec.branch],
        // The bot's own commits to deploy/ and catalog edits do not change the ModelKit;
        // documentation does, since the Kitfile packs README.md and docs/.
        'paths-ignore': ['deploy/**', 'catalog-info.yaml'],
      },
      workflow_dispatch: {},
    },
    permissions: { contents: 'read' },
    concurrency: {
      group: 'modelkit-${{ github.ref }}',
      'cancel-in-progress': false,
    },
    env,
    defaults: { run: { shell: 'bash' } },
    jobs: {
      modelkit: modelkitJob,
      ...(buildsImage ? { image: imageJob } : {}),
      ...(spec.deployEnvironment ? { deploy: deployJob } : {}),
    },
  };
}
