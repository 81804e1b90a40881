import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DeploymentHealthStatus } from '@kitstage/plugin-modelkit-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import AutorenewIcon from '@material-ui/icons/Autorenew';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import PauseCircleFilledIcon from '@material-ui/icons/PauseCircleFilled';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import { ReactElement } from 'react';
import { isDeploymentHealthStatus } from '../../lib/deployments';
import { modelkitTranslationRef } from '../../translation';

function filled(theme: Theme, color: string) {
  return {
    backgroundColor: color,
    color: theme.palette.getContrastText(color),
    '& $icon': { color: 'inherit' },
  };
}

const useStyles = makeStyles(theme => ({
  chip: {
    margin: 0,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  icon: {},
  healthy: filled(theme, theme.palette.success.main),
  progressing: filled(theme, theme.palette.info.main),
  degraded: filled(theme, theme.palette.error.main),
  suspended: filled(theme, theme.palette.warning.main),
  unknown: filled(theme, theme.palette.grey[600]),
  'not-deployed': {
    color: theme.palette.text.secondary,
    borderColor: theme.palette.divider,
    '& $icon': { color: 'inherit' },
  },
}));

const ICONS: Record<DeploymentHealthStatus, ReactElement> = {
  healthy: <CheckCircleIcon />,
  progressing: <AutorenewIcon />,
  degraded: <ErrorIcon />,
  suspended: <PauseCircleFilledIcon />,
  'not-deployed': <RemoveCircleOutlineIcon />,
  unknown: <HelpIcon />,
};

/**
 * The health of a service on a cluster (or a roll-up) as a coloured chip with
 * an icon and a word, so the status never depends on colour alone. A value
 * outside the known statuses, from a newer backend, shows as `unknown`.
 *
 * @public
 */
export function DeploymentStatusChip(props: {
  status: DeploymentHealthStatus;
  size?: 'small' | 'medium';
  /** Text to show instead of the status word, such as a count. */
  label?: string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const status: DeploymentHealthStatus = isDeploymentHealthStatus(props.status)
    ? props.status
    : 'unknown';
  return (
    <Chip
      size={props.size ?? 'small'}
      variant={status === 'not-deployed' ? 'outlined' : 'default'}
      icon={ICONS[status]}
      label={props.label ?? t(`deploymentStatus.${status}`)}
      classes={{ icon: classes.icon }}
      className={`${classes.chip} ${classes[status]}`}
      data-status={status}
    />
  );
}
