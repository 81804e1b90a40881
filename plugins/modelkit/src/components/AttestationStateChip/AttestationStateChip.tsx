import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ATTESTATION_VERIFICATION_STATES,
  AttestationVerificationState,
} from '@kitstage/plugin-modelkit-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';
import BrokenImageIcon from '@material-ui/icons/BrokenImage';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import PersonOutlineIcon from '@material-ui/icons/PersonOutline';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { ReactElement } from 'react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';

const useStyles = makeStyles(theme => ({
  chip: {
    margin: 0,
    fontWeight: theme.typography.fontWeightMedium as number,
    '& $icon': { color: 'inherit' },
  },
  icon: {},
  verified: {
    color: theme.palette.success.dark,
    borderColor: theme.palette.success.main,
  },
  danger: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
  warning: {
    color: theme.palette.warning.dark,
    borderColor: theme.palette.warning.main,
  },
  neutral: {
    color: theme.palette.text.secondary,
    borderColor: theme.palette.divider,
  },
}));

type Tone = 'verified' | 'danger' | 'warning' | 'neutral';

const LOOK: Record<
  AttestationVerificationState,
  { tone: Tone; icon: ReactElement }
> = {
  verified: { tone: 'verified', icon: <VerifiedUserIcon /> },
  'invalid-signature': { tone: 'danger', icon: <BlockIcon /> },
  'subject-mismatch': { tone: 'danger', icon: <CallSplitIcon /> },
  'untrusted-signer': { tone: 'warning', icon: <PersonOutlineIcon /> },
  malformed: { tone: 'warning', icon: <BrokenImageIcon /> },
  unsigned: { tone: 'neutral', icon: <HelpOutlineIcon /> },
  'not-checked': { tone: 'neutral', icon: <HourglassEmptyIcon /> },
};

/**
 * Reads a verification state from API data. A value that is not one of the
 * known states is shown as not checked, never as verified.
 *
 * @internal
 */
export function verificationStateOf(
  value: unknown,
): AttestationVerificationState {
  return (ATTESTATION_VERIFICATION_STATES as readonly unknown[]).includes(value)
    ? (value as AttestationVerificationState)
    : 'not-checked';
}

/**
 * The verification state of an attestation as a chip. Only `verified` has the
 * success colour, the shield icon and the word "Verified"; every other state
 * names what is wrong.
 *
 * @internal
 */
export function AttestationStateChip(props: {
  state: AttestationVerificationState;
  /** A count to show after the label, as in a summary of states. */
  count?: number;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const state = verificationStateOf(props.state);
  const look = LOOK[state];
  const label = t(`security.states.${state}`);
  return (
    <Chip
      size="small"
      variant="outlined"
      icon={look.icon}
      label={props.count === undefined ? label : `${label}: ${props.count}`}
      classes={{ icon: classes.icon }}
      className={`${classes.chip} ${classes[look.tone]}`}
      data-state={state}
    />
  );
}
