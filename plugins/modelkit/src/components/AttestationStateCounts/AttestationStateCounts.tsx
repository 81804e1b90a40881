import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ATTESTATION_VERIFICATION_STATES,
  AttestationVerificationState,
} from '@kitstage/plugin-modelkit-common';
import { makeStyles } from '@material-ui/core/styles';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { AttestationStateChip } from '../AttestationStateChip';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
}));

/**
 * How many attestations ended in each verification state, for the states
 * that occur, from verified to not checked.
 *
 * @internal
 */
export function AttestationStateCounts(props: {
  counts: Partial<Record<AttestationVerificationState, number>>;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const states = ATTESTATION_VERIFICATION_STATES.filter(
    state => (props.counts[state] ?? 0) > 0,
  );
  return (
    <ul className={classes.list} aria-label={t('security.counts')}>
      {states.map(state => (
        <li key={state}>
          <AttestationStateChip state={state} count={props.counts[state]} />
        </li>
      ))}
    </ul>
  );
}
