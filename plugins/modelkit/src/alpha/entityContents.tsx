import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import CompareArrowsIcon from '@material-ui/icons/CompareArrows';
import FolderOpenIcon from '@material-ui/icons/FolderOpen';
import HistoryIcon from '@material-ui/icons/History';

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
 * The tabs of ModelKit entity pages (`EntityContentBlueprint` extensions),
 * next to the catalog's overview tab that `entityCards` fill.
 *
 * @internal
 */
export const entityContents = [
  modelkitVersionsEntityContent,
  modelkitContentsEntityContent,
  modelkitDiffEntityContent,
];
