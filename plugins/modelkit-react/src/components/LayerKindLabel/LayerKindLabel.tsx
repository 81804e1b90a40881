import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ModelKitLayerKind } from '@kitstage/plugin-modelkit-common';
import { makeStyles } from '@material-ui/core/styles';
import ChatIcon from '@material-ui/icons/ChatBubbleOutline';
import CodeIcon from '@material-ui/icons/Code';
import DescriptionIcon from '@material-ui/icons/Description';
import DnsIcon from '@material-ui/icons/Dns';
import ExtensionIcon from '@material-ui/icons/Extension';
import HelpIcon from '@material-ui/icons/HelpOutline';
import StorageIcon from '@material-ui/icons/Storage';
import { ComponentType } from 'react';
import { modelkitTranslationRef } from '../../translation';
import { ModelKitIcon } from '../ModelKitIcon';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    whiteSpace: 'nowrap',
  },
  icon: {
    color: theme.palette.text.secondary,
  },
}));

const ICONS: Record<
  ModelKitLayerKind,
  ComponentType<{ fontSize?: 'small'; className?: string }>
> = {
  model: ModelKitIcon,
  'model-part': ExtensionIcon,
  code: CodeIcon,
  dataset: StorageIcon,
  docs: DescriptionIcon,
  prompt: ChatIcon,
  'mcp-server': DnsIcon,
  unknown: HelpIcon,
};

/**
 * The kind of a ModelKit layer as an icon and a label (`Model`, `Dataset`...).
 *
 * @public
 */
export function LayerKindLabel(props: { kind: ModelKitLayerKind }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const kind = props.kind in ICONS ? props.kind : 'unknown';
  const Icon = ICONS[kind];
  return (
    <span className={classes.root}>
      <Icon fontSize="small" className={classes.icon} />
      {t(`layerKinds.${kind}` as const)}
    </span>
  );
}
