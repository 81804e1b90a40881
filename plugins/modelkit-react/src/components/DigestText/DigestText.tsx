import { CopyTextButton } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import { shortDigest } from '../../lib/format';
import { modelkitTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.25),
    whiteSpace: 'nowrap',
  },
  code: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
  },
}));

/**
 * A content digest shortened to twelve hex digits, with the full digest in its
 * tooltip and, unless `copy` is false, a button that copies the full digest.
 *
 * @public
 */
export function DigestText(props: { digest: string; copy?: boolean }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  return (
    <span className={classes.root}>
      <code className={classes.code} title={props.digest}>
        {shortDigest(props.digest)}
      </code>
      {props.copy !== false && (
        <CopyTextButton
          text={props.digest}
          aria-label={t('digest.copy', { digest: shortDigest(props.digest) })}
          tooltipText={t('digest.copied')}
          variant="tertiary"
        />
      )}
    </span>
  );
}
