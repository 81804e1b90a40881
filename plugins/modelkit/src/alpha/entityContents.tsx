import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import CompareArrowsIcon from '@material-ui/icons/CompareArrows';
import FolderOpenIcon from '@material-ui/icons/FolderOpen';
import HistoryIcon from '@material-ui/icons/History';
import SecurityIcon from '@material-ui/icons/Security';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import DescriptionIcon from '@material-ui/icons/Description';

const modelKitFilter = { kind: 'modelkit' };

/**
 * The Versions tab of ModelKit entity pages, at `/versions`: every version in
 * the registry with copyable `kit pull` and `kit unpack` commands.
 *
 * @alpha
 */
export const modelkitVersionsEntityContent = EntityContentBlueprint.make({
  name: 'versions',
  params: {
    path: '/versions',
    title: 'Versions',
    group: 'development',
    icon: <HistoryIcon fontSize="inherit" />,
    filter: modelKitFilter,
    loader: () =>
      import('../components/ModelKitVersionsContent').then(m => (
        <m.ModelKitVersionsContent />
      )),
  },
});

/**
 * The Contents tab of ModelKit entity pages, at `/contents`: the Kitfile and
 * the layers of one version (`?version=` a tag or digest; the newest when
 * absent).
 *
 * @alpha
 */
export const modelkitContentsEntityContent = EntityContentBlueprint.make({
  name: 'contents',
  params: {
    path: '/contents',
    title: 'Contents',
    group: 'development',
    icon: <FolderOpenIcon fontSize="inherit" />,
    filter: modelKitFilter,
    loader: () =>
      import('../components/ModelKitContentsContent').then(m => (
        <m.ModelKitContentsContent />
      )),
  },
});

/**
 * The Diff tab of ModelKit entity pages, at `/diff`: what changed between two
 * versions (`?from=&to=`; the previous and the newest when absent).
 *
 * @alpha
 */
export const modelkitDiffEntityContent = EntityContentBlueprint.make({
  name: 'diff',
  params: {
    path: '/diff',
    title: 'Diff',
    group: 'development',
    icon: <CompareArrowsIcon fontSize="inherit" />,
    filter: modelKitFilter,
    loader: () =>
      import('../components/ModelKitDiffContent').then(m => (
        <m.ModelKitDiffContent />
      )),
  },
});

/**
 * The Security tab of ModelKit entity pages, at `/security`: for one version
 * (`?version=` a tag or digest; the newest when absent), its attestation
 * policy outcome and every attestation with its verification state, signer,
 * predicate summary and a `cosign verify-attestation` command.
 *
 * @alpha
 */
export const modelkitSecurityEntityContent = EntityContentBlueprint.make({
  name: 'security',
  params: {
    path: '/security',
    title: 'Security',
    group: 'development',
    icon: <SecurityIcon fontSize="inherit" />,
    filter: modelKitFilter,
    loader: () =>
      import('../components/ModelKitSecurityContent').then(m => (
        <m.ModelKitSecurityContent />
      )),
  },
});

/**
 * The Lineage tab of ModelKit entity pages, at `/lineage`: the graph from the
 * datasets, base models and source of one version (`?version=` a tag or
 * digest; the newest when absent) through the ModelKit and its fine-tunes to
 * the Components serving it and their clusters, with warnings and a table of
 * every node.
 *
 * @alpha
 */
export const modelkitLineageEntityContent = EntityContentBlueprint.make({
  name: 'lineage',
  params: {
    path: '/lineage',
    title: 'Lineage',
    group: 'development',
    icon: <AccountTreeIcon fontSize="inherit" />,
    filter: modelKitFilter,
    loader: () =>
      import('../components/ModelKitLineageContent').then(m => (
        <m.ModelKitLineageContent />
      )),
  },
});

/**
 * The Model card tab of ModelKit entity pages, at `/model-card`: the model
 * card of one version (`?version=`; the newest when absent) from its docs
 * layer, rendered as Markdown without raw HTML and with safe links, or the
 * Kitfile descriptions when there is none.
 *
 * @alpha
 */
export const modelkitModelCardEntityContent = EntityContentBlueprint.make({
  name: 'model-card',
  params: {
    path: '/model-card',
    title: 'Model card',
    group: 'documentation',
    icon: <DescriptionIcon fontSize="inherit" />,
    filter: modelKitFilter,
    loader: () =>
      import('../components/ModelCard').then(m => <m.ModelCardContent />),
  },
});

/**
 * The tabs of ModelKit entity pages (`EntityContentBlueprint` extensions),
 * next to the catalog's overview tab that `entityCards` fill.
 *
 * @internal
 */
export const entityContents = [
  modelkitVersionsEntityContent,
  modelkitContentsEntityContent,
  modelkitDiffEntityContent,
  modelkitSecurityEntityContent,
  modelkitLineageEntityContent,
  modelkitModelCardEntityContent,
];
