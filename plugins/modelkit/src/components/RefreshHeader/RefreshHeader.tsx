import { useTranslationRef } from '@backstage/frontend-plugin-api';
import IconButton from '@material-ui/core/IconButton';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import { RelativeTime } from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  spacer: {
    flex: 1,
  },
  progress: {
    height: 2,
  },
}));

/**
 * The header of a view of what runs on the clusters: its summary, then at the
 * end of the row when the backend read the clusters and a button that reads
 * them again.
 *
 * @internal
 */
export function RefreshHeader(props: {
  /** When the backend read the clusters (an ISO 8601 timestamp). */
  generatedAt: string;
  /** True while the clusters are read again; the button is disabled then. */
  refreshing: boolean;
  /** Reads the clusters again. */
  onRefresh(): void;
  /** The summary at the start of the row. */
  children: ReactNode;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  return (
    <div className={classes.header}>
      {props.children}
      <span className={classes.spacer} />
      <Typography variant="caption" color="textSecondary">
        {t('componentDeployments.generatedAt')}{' '}
        <RelativeTime timestamp={props.generatedAt} />
      </Typography>
      <IconButton
        size="small"
        aria-label={t('componentDeployments.refresh')}
        onClick={props.onRefresh}
        disabled={props.refreshing}
      >
        <RefreshIcon fontSize="small" />
      </IconButton>
    </div>
  );
}

/**
 * A thin progress bar while a view loads again, and a line of the same
 * height otherwise, so the content below does not move.
 *
 * @internal
 */
export function RefreshProgress(props: { loading: boolean }) {
  const classes = useStyles();
  return props.loading ? (
    <LinearProgress className={classes.progress} />
  ) : (
    <div className={classes.progress} />
  );
}
