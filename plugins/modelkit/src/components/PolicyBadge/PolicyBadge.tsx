import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  AttestationPolicyStatus,
  DeploymentModelKitPolicy,
} from '@kitstage/plugin-modelkit-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { ReactElement } from 'react';
import { modelkitTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  chip: {
    margin: 0,
    '& $icon': { color: 'inherit' },
  },
  icon: {},
  passed: {
    color: theme.palette.success.dark,
    borderColor: theme.palette.success.main,
  },
  failed: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
  missing: {
    color: theme.palette.warning.dark,
    borderColor: theme.palette.warning.main,
  },
}));

const ICONS: Record<AttestationPolicyStatus, ReactElement> = {
  passed: <VerifiedUserIcon />,
  failed: <ErrorIcon />,
  missing: <HelpOutlineIcon />,
};

function statusOf(value: unknown): AttestationPolicyStatus {
  // Anything unexpected is treated as evidence missing, never as passed.
  return value === 'passed' || value === 'failed' ? value : 'missing';
}

/**
 * The attestation policy outcome of a running ModelKit version: passed,
 * failed or missing evidence, with the backend's sentence and the lifecycle
 * whose policy applied in a tooltip.
 *
 * @internal
 */
export function PolicyBadge(props: {
  policy: DeploymentModelKitPolicy | DeploymentModelKitPolicy['status'];
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const policy =
    typeof props.policy === 'string' ? { status: props.policy } : props.policy;
  const status = statusOf(policy.status);
  const details = [
    policy.lifecycle && t('policy.lifecycle', { lifecycle: policy.lifecycle }),
    policy.message,
  ].filter(Boolean);
  const chip = (
    <Chip
      size="small"
      variant="outlined"
      icon={ICONS[status]}
      label={t(`policy.${status}`)}
      classes={{ icon: classes.icon }}
      className={`${classes.chip} ${classes[status]}`}
      data-policy={status}
    />
  );
  if (details.length === 0) {
    return chip;
  }
  return (
    <Tooltip title={details.join(' — ')}>
      <span>{chip}</span>
    </Tooltip>
  );
}
