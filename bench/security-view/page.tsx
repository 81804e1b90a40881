/*
 * The page the Security view benchmark loads in headless Chromium: it renders the Security tab
 * of a ModelKit entity page (ModelKitSecurityContent) over an in-memory fixture ModelKit API
 * with N versions of M attestations each, and reports when every attestation card of the
 * selected version is in the DOM and painted.
 */
import { ApiProvider } from '@backstage/core-app-api';
import {
  alertApiRef,
  errorApiRef,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { UnifiedThemeProvider, themes } from '@backstage/theme';
import {
  AttestationResult,
  countAttestationStates,
  evaluateAttestationPolicy,
  ModelKitAttestationsResponse,
  ModelKitVersionSummary,
} from '@kitstage/plugin-modelkit-common';
import { createRoot, Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  FixtureModelKitApi,
  mismatchedSbom,
  policies,
  repository,
  unsignedOther,
  untrustedProvenance,
  verifiedScan,
  verifiedVulns,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { fineTunedModelKit } from '../../plugins/modelkit/src/__fixtures__/modelkits';
import { ModelKitSecurityContent } from '../../plugins/modelkit/src/components/ModelKitSecurityContent';

/**
 * The attestations each version carries, in this order (cycled when a version has more than
 * five): a verified scan evaluation, a verified vulnerability scan, SLSA provenance from an
 * untrusted signer, an SBOM about another artifact and an unsigned envelope.
 */
const MIX: AttestationResult[] = [
  verifiedScan,
  verifiedVulns,
  untrustedProvenance,
  mismatchedSbom,
  unsignedOther,
];

function hex64(seed: number): string {
  let out = '';
  let x = (seed * 2654435761) >>> 0;
  while (out.length < 64) {
    x = (Math.imul(x ^ (x >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** A ModelKit API with `versionCount` versions of `perVersion` attestations each. */
function fixtureApi(versionCount: number, perVersion: number) {
  const versions: ModelKitVersionSummary[] = [];
  const attestations: ModelKitAttestationsResponse[] = [];
  for (let v = 0; v < versionCount; v++) {
    const digest = `sha256:${hex64(v + 1)}`;
    const minor = versionCount - v;
    versions.push({
      digest,
      tags: [`v1.${minor}.0`, ...(v === 0 ? ['latest'] : [])],
      created: new Date(Date.UTC(2025, 5, 1) - v * 86_400_000).toISOString(),
      size: 280 * 1024 * 1024 + v,
      version: `1.${minor}.0`,
    });
    // Ids differ per version, as the holder manifests of real attestations do, so that a
    // version switch replaces every card rather than updating it in place.
    const list = Array.from({ length: perVersion }, (_, i) => {
      const base = MIX[i % MIX.length];
      const holder = `sha256:${hex64(100_000 + v * 1_000 + i)}`;
      return {
        ...base,
        id: `${holder}#0`,
        location: base.location && {
          ...base.location,
          manifestDigest: holder,
          tag: `sha256-${digest.slice(7)}.att`,
        },
      };
    });
    const report = {
      subject: { source: 'demo', repository, digest },
      attestations: list,
      counts: countAttestationStates(list),
      limits: {
        maxAttestations: 100,
        maxBytes: 128 * 1024 * 1024,
        bytesRead: 4_096 * perVersion,
        omitted: 0,
      },
      discovery: { referrers: 'referrers-api' as const, errors: [] },
      otherReferrers: [],
      complete: true,
      checkedAt: '2025-06-01T08:00:00Z',
    };
    attestations.push({
      repository,
      reference: digest,
      digest,
      report,
      policy: evaluateAttestationPolicy({
        attestations: list,
        lifecycle: 'production',
        policies,
        complete: true,
      }),
    });
  }
  // One page holds every version, so the version picker offers all of them.
  return {
    api: new FixtureModelKitApi({
      versions,
      skipped: [],
      pageSize: Math.max(versionCount, 1),
      lifecycle: 'production',
      attestations,
    }),
    digests: versions.map(v => v.digest),
  };
}

const noopSubscription = { unsubscribe() {} };

/** The plugin's English messages with `{{name}}` interpolation and `_one`/`_other` plurals. */
function translate(
  messages: Record<string, string>,
  key: string,
  options?: Record<string, unknown>,
): string {
  let message = messages[key];
  if (options && typeof options.count === 'number') {
    message =
      messages[`${key}_${options.count === 1 ? 'one' : 'other'}`] ?? message;
  }
  if (message === undefined) {
    return key;
  }
  return message.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) =>
    String(options?.[name] ?? ''),
  );
}

function apisFor(api: FixtureModelKitApi) {
  const implementations = new Map<string, unknown>([
    [modelkitApiRef.id, api],
    [
      translationApiRef.id,
      {
        getTranslation: (ref: any) => {
          const messages = ref.getDefaultMessages() as Record<string, string>;
          return {
            ready: true,
            t: (key: string, options?: Record<string, unknown>) =>
              translate(messages, key, options),
          };
        },
        translation$: () => ({ subscribe: () => noopSubscription }),
      },
    ],
    [
      errorApiRef.id,
      { post() {}, error$: () => ({ subscribe: () => noopSubscription }) },
    ],
    [
      alertApiRef.id,
      { post() {}, alert$: () => ({ subscribe: () => noopSubscription }) },
    ],
  ]);
  return { get: (ref: { id: string }) => implementations.get(ref.id) as any };
}

let root: Root | undefined;
let current: { digests: string[]; perVersion: number } | undefined;

/** Resolves after a frame is painted once `done()` holds, checking every frame. */
function until(done: () => boolean, describe: () => string): Promise<void> {
  const deadline = performance.now() + 60_000;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (done()) {
        requestAnimationFrame(() => resolve());
      } else if (performance.now() > deadline) {
        reject(new Error(`${describe()} after 60 s`));
      } else {
        requestAnimationFrame(check);
      }
    };
    check();
  });
}

function cards(container: HTMLElement) {
  return Array.from(container.querySelectorAll('article[data-state]'));
}

/**
 * Mounts the Security view afresh and resolves with the milliseconds from `root.render()`
 * until every attestation card of the newest version is in the DOM and a frame is painted.
 */
async function renderView(versionCount: number, perVersion: number) {
  root?.unmount();
  const container = document.getElementById('root')!;
  container.innerHTML = '';
  root = createRoot(container);
  const fixture = fixtureApi(versionCount, perVersion);
  current = { digests: fixture.digests, perVersion };
  const started = performance.now();
  root.render(
    <ApiProvider apis={apisFor(fixture.api)}>
      <UnifiedThemeProvider theme={themes.light}>
        <MemoryRouter initialEntries={['/catalog/default/modelkit/x/security']}>
          <EntityProvider entity={fineTunedModelKit}>
            <ModelKitSecurityContent />
          </EntityProvider>
        </MemoryRouter>
      </UnifiedThemeProvider>
    </ApiProvider>,
  );
  await until(
    () =>
      cards(container).length === perVersion &&
      container.querySelector('select') !== null,
    () => `${cards(container).length} of ${perVersion} cards`,
  );
  return {
    ms: performance.now() - started,
    cards: cards(container).length,
    states: cards(container).map(card => card.getAttribute('data-state')),
  };
}

/**
 * Picks version `index` in the version picker (as a user does, through the native select's
 * change event) and resolves with the milliseconds until every card of that version replaced
 * the previous ones and a frame is painted.
 */
async function switchVersion(index: number) {
  if (!current) {
    throw new Error('renderView first');
  }
  const container = document.getElementById('root')!;
  const select = container.querySelector('select')!;
  const digest = current.digests[index % current.digests.length];
  if (select.value === digest) {
    throw new Error(`version ${index} is already selected`);
  }
  const before = new Set(cards(container));
  const perVersion = current.perVersion;
  const started = performance.now();
  select.value = digest;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await until(
    () => {
      const now = cards(container);
      return (
        select.value === digest &&
        now.length === perVersion &&
        now.every(card => !before.has(card))
      );
    },
    () => `${cards(container).length} of ${perVersion} new cards`,
  );
  return { ms: performance.now() - started };
}

(window as any).renderView = renderView;
(window as any).switchVersion = switchVersion;
(window as any).benchReady = true;
