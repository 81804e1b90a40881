import {
  useApiHolder,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import type { ModelKitEntityName } from '@kitstage/plugin-modelkit-common';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import useAsync from 'react-use/esm/useAsync';
import { modelkitApiRef } from '../../api';
import { modelkitTranslationRef } from '../../translation';
import { listedDigests } from './listedDigests';

const useStyles = makeStyles(theme => ({
  note: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: theme.palette.error.main,
    fontWeight: theme.typography.fontWeightBold as number,
    fontSize: '0.8125rem',
  },
  icon: { fontSize: '1rem' },
}));

/**
 * Says "Not in any known registry" when a running ModelKit digest is none of
 * the versions the ModelKit's registry lists; shows nothing while the list
 * loads, when it cannot be read or is incomplete, or when the digest is listed.
 *
 * @remarks
 *
 * The versions are listed through the ModelKit API as the signed-in user, so
 * the registry is the one configured for the ModelKit's catalog entity.
 * Notes for the same ModelKit on one page share one listing.
 *
 * @public
 */
export function RegistryDigestNote(props: {
  /** The ModelKit entity whose registry should hold the digest. */
  entity: ModelKitEntityName & { title?: string };
  /** The manifest digest that runs. */
  digest: string;
}) {
  const classes = useStyles();
  // Without the ModelKit API (an app that installs only the deployment views) nothing is said.
  const api = useApiHolder().get(modelkitApiRef);
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { namespace, name, title } = props.entity;
  const listed = useAsync(
    async () => (api ? listedDigests(api, { namespace, name }) : undefined),
    [api, namespace, name],
  );
  if (!listed.value || listed.value.has(props.digest)) return null;
  return (
    <Tooltip
      title={t('modelKits.notInRegistryDescription', {
        modelKit: title ?? name,
        digest: props.digest,
      })}
    >
      <span className={classes.note} role="status">
        <ErrorOutlineIcon className={classes.icon} />
        {t('modelKits.notInRegistry')}
      </span>
    </Tooltip>
  );
}
