import { ResponseError } from '@backstage/errors';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  useModelKitEntityName,
  useModelKitLatestPolicyStatus,
  versionLabel,
  VersionPolicyBadge,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/**
 * The attestation policy badge of the ModelKit's newest version, from one
 * request, with the version it is about.
 *
 * @internal
 */
export function LatestPolicyStatus() {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const entityName = useModelKitEntityName();
  const state = useModelKitLatestPolicyStatus(entityName);

  if (state.error) {
    const message = ResponseError.is(state.error)
      ? state.error.cause.message
      : state.error.message;
    return (
      <Typography variant="body2" color="textSecondary" title={message}>
        {t('policy.unavailable')}
      </Typography>
    );
  }
  if (!state.value) {
    return <VersionPolicyBadge pending />;
  }
  const { version, policy, lifecycle } = state.value;
  if (!version) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('aboutCard.noVersions')}
      </Typography>
    );
  }
  return (
    <span className={classes.root}>
      <VersionPolicyBadge status={policy} lifecycle={lifecycle} />
      <Typography variant="caption" color="textSecondary">
        {t('aboutCard.policyOf', { version: versionLabel(version) })}
      </Typography>
    </span>
  );
}
