import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  AttestationPolicyResult,
  AttestationPolicyStatus,
  DeploymentModelKitPolicy,
} from '@kitstage/plugin-modelkit-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
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
  'not-applicable': {
    color: theme.palette.text.secondary,
    borderColor: theme.palette.divider,
  },
}));

/**
 * What a policy badge shows: the policy outcome, or `not-applicable` when the
 * lifecycle has no rules (nothing was required, so nothing passed).
 *
 * @public
 */
export type PolicyBadgeStatus = AttestationPolicyStatus | 'not-applicable';

const ICONS: Record<PolicyBadgeStatus, ReactElement> = {
  passed: <VerifiedUserIcon />,
  failed: <ErrorIcon />,
  missing: <HelpOutlineIcon />,
  'not-applicable': <RemoveCircleOutlineIcon />,
};

/**
 * A policy outcome as the badge reads it, from the deployments API (status,
 * message, lifecycle) or the attestations API (with `applies`).
 *
 * @public
 */
export type PolicyBadgeValue =
  | DeploymentModelKitPolicy
  | Pick<
      AttestationPolicyResult,
      'status' | 'applies' | 'lifecycle' | 'message' | 'failedRule'
    >;

/**
 * Tells what a policy badge shows for a policy outcome. Anything unexpected is
 * treated as evidence missing, never as passed; a policy that does not apply
 * is never shown as passed either.
 *
 * @public
 */
export function policyBadgeStatus(
  policy: PolicyBadgeValue | AttestationPolicyStatus,
): PolicyBadgeStatus {
  const value = typeof policy === 'string' ? { status: policy } : policy;
  if ('applies' in value && value.applies === false) {
    return 'not-applicable';
  }
  return value.status === 'passed' || value.status === 'failed'
    ? value.status
    : 'missing';
}

/**
 * The attestation policy outcome of a ModelKit version: passed, failed,
 * missing evidence or not applicable, with the lifecycle whose policy applied
 * and the backend's sentence (naming the rule that failed) in a tooltip.
 *
 * @public
 */
export function PolicyBadge(props: {
  policy: PolicyBadgeValue | AttestationPolicyStatus;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const policy: PolicyBadgeValue =
    typeof props.policy === 'string' ? { status: props.policy } : props.policy;
  const status = policyBadgeStatus(policy);
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
