import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DeployedModelKit } from '@kitstage/plugin-modelkit-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import {
  DigestText,
  formatObjectRef,
  PolicyBadge,
  RegistryDigestNote,
  StackedList,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    minWidth: 0,
  },
  line: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    minWidth: 0,
  },
  repository: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
  },
  tag: {
    margin: 0,
    fontFamily: 'monospace',
  },
  warning: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: theme.palette.warning.dark,
  },
  warningIcon: {
    fontSize: '1rem',
  },
}));

function DeployedModelKitItem(props: { modelKit: DeployedModelKit }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { modelKit } = props;
  const firstPlace = modelKit.foundIn[0];
  const details = [
    modelKit.rolloutRole && t(`modelKits.rolloutRole.${modelKit.rolloutRole}`),
    modelKit.trafficPercent !== undefined &&
      t('modelKits.traffic', { percent: String(modelKit.trafficPercent) }),
    t('modelKits.pods', { count: modelKit.pods }),
    firstPlace &&
      t('modelKits.foundIn', {
        object: formatObjectRef(firstPlace.object),
        via: t(`modelKits.via.${firstPlace.via}`),
      }),
  ].filter(Boolean);

  return (
    <li className={classes.item}>
      <div className={classes.line}>
        {modelKit.entity ? (
          <EntityRefLink
            entityRef={modelKit.entity.ref}
            title={modelKit.entity.title ?? modelKit.entity.name}
          />
        ) : (
          <span className={classes.repository}>{modelKit.repository}</span>
        )}
        {modelKit.tag && (
          <Chip size="small" label={modelKit.tag} className={classes.tag} />
        )}
        {modelKit.policy && <PolicyBadge policy={modelKit.policy} />}
      </div>
      {modelKit.entity && (
        <span className={classes.repository}>{modelKit.repository}</span>
      )}
      <div className={classes.line}>
        {modelKit.digest ? (
          <>
            <DigestText digest={modelKit.digest} />
            {modelKit.entity && modelKit.digestFrom !== 'registry' && (
              <RegistryDigestNote
                entity={modelKit.entity}
                digest={modelKit.digest}
              />
            )}
          </>
        ) : (
          <span className={classes.warning}>
            <WarningIcon className={classes.warningIcon} />
            {modelKit.resolveError
              ? t('modelKits.digestUnresolved', {
                  reason: modelKit.resolveError,
                })
              : t('modelKits.digestUnknown')}
          </span>
        )}
        {!modelKit.pinnedByDigest && (
          <span className={classes.warning}>
            <WarningIcon className={classes.warningIcon} />
            {t('modelKits.mutableTag')}
          </span>
        )}
      </div>
      {modelKit.policy?.message && modelKit.policy.status !== 'passed' && (
        <Typography variant="body2">{modelKit.policy.message}</Typography>
      )}
      <Typography variant="caption" color="textSecondary">
        {details.join(' · ')}
      </Typography>
    </li>
  );
}

/**
 * The ModelKit versions a service runs on a cluster: the ModelKit entity (or
 * its repository), the tag, the digest (short, copyable), the attestation
 * policy badge, whether it is pinned by digest, and where it was found.
 *
 * @internal
 */
export function DeployedModelKitList(props: {
  modelKits: DeployedModelKit[];
  label?: string;
}) {
  if (props.modelKits.length === 0) {
    return null;
  }
  return (
    <StackedList gap={1.5} label={props.label}>
      {props.modelKits.map(modelKit => (
        <DeployedModelKitItem
          key={`${modelKit.repository}|${modelKit.digest ?? ''}|${
            modelKit.reference
          }`}
          modelKit={modelKit}
        />
      ))}
    </StackedList>
  );
}
