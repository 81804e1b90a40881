import { Link, Progress } from '@backstage/core-components';
import {
  findPromotionLiveAt,
  PromotionEnvironment,
  PromotionHistoryEntry,
} from '@kitstage/plugin-modelkit-common';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useId, useState } from 'react';
import {
  ModelKitErrorPanel,
  useModelKitEntityName,
  usePromotionHistory,
  VerticalStack,
} from '@kitstage/plugin-modelkit-react';
import { environmentEntries, RollbackButton } from '../RollbackButton';

const useStyles = makeStyles(theme => ({
  section: {
    padding: theme.spacing(2),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  spacer: { flex: 1 },
  timeline: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    borderLeft: `2px solid ${theme.palette.divider}`,
  },
  entry: {
    position: 'relative',
    padding: theme.spacing(0.5, 0, 1.5, 2),
    '&::before': {
      content: '""',
      position: 'absolute',
      left: -6,
      top: 10,
      width: 10,
      height: 10,
      borderRadius: '50%',
      background: theme.palette.primary.main,
    },
  },
  digest: { fontFamily: 'monospace', overflowWrap: 'anywhere' },
  liveAt: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) },
}));

/** UTC date and time, to the minute, as the history shows it. */
function formatTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime())
    ? iso
    : `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function EntryText(props: { entry: PromotionHistoryEntry }) {
  const classes = useStyles();
  const { entry } = props;
  const pr = entry.pullRequest;
  return (
    <>
      <Typography variant="body2">
        {entry.digest ? (
          <code className={classes.digest}>{entry.digest}</code>
        ) : (
          <span>{entry.reference ?? 'no pinned reference'}</span>
        )}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        <time dateTime={entry.committedAt}>
          {formatTime(entry.committedAt)}
        </time>{' '}
        by {entry.author.name}
        {pr &&
          (pr.url ? (
            <>
              {' '}
              through <Link to={pr.url}>pull request #{pr.number}</Link>
            </>
          ) : (
            ` through pull request #${pr.number}`
          ))}
        {' · '}
        <span title={entry.commit}>{entry.commit.slice(0, 10)}</span>{' '}
        {entry.subject}
      </Typography>
      {entry.problem && (
        <Typography variant="caption" color="error" component="div">
          {entry.problem}
        </Typography>
      )}
    </>
  );
}

function LiveAtLookup(props: {
  environment: string;
  entries: PromotionHistoryEntry[];
}) {
  const classes = useStyles();
  const [at, setAt] = useState('');
  const id = useId();
  let answer: JSX.Element | undefined;
  if (at) {
    const time = Date.parse(`${at}Z`);
    if (Number.isNaN(time)) {
      answer = <Alert severity="warning">“{at}” is not a date and time.</Alert>;
    } else {
      const live = findPromotionLiveAt(props.entries, new Date(time));
      answer = live ? (
        <div role="status" aria-live="polite">
          <Typography variant="body2">
            Live in {props.environment} at{' '}
            {formatTime(new Date(time).toISOString())}:
          </Typography>
          <EntryText entry={live} />
        </div>
      ) : (
        <Typography variant="body2" role="status" aria-live="polite">
          Nothing had been promoted into {props.environment} by then.
        </Typography>
      );
    }
  }
  return (
    <div className={classes.liveAt}>
      <TextField
        id={id}
        label="Which model was live at (UTC)"
        type="datetime-local"
        size="small"
        variant="outlined"
        value={at}
        onChange={e => setAt(e.target.value)}
        InputLabelProps={{ shrink: true }}
        inputProps={{ step: 60 }}
      />
      {answer}
    </div>
  );
}

function EnvironmentHistory(props: {
  environment: PromotionEnvironment;
  entries: PromotionHistoryEntry[];
  truncated: boolean;
}) {
  const classes = useStyles();
  const titleId = useId();
  const { environment } = props;
  const entries = environmentEntries(props.entries, environment.name);
  return (
    <Paper
      component="section"
      className={classes.section}
      aria-labelledby={titleId}
      data-environment={environment.name}
    >
      <div className={classes.header}>
        <Typography variant="h6" id={titleId}>
          {environment.title ?? environment.name}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          <code>{environment.overlayPath}</code>
        </Typography>
        <span className={classes.spacer} />
        <RollbackButton environment={environment.name} entries={entries} />
      </div>
      {entries.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No promotion into {environment.title ?? environment.name} in the Git
          history of <code>{environment.overlayPath}</code>.
        </Typography>
      ) : (
        <>
          <LiveAtLookup environment={environment.name} entries={entries} />
          <ol
            className={classes.timeline}
            aria-label={`Promotions into ${
              environment.title ?? environment.name
            }`}
          >
            {entries.map(entry => (
              <li key={entry.commit} className={classes.entry}>
                <EntryText entry={entry} />
              </li>
            ))}
          </ol>
          {props.truncated && (
            <Typography variant="caption" color="textSecondary">
              Older promotions are beyond the history limit the backend reads.
            </Typography>
          )}
        </>
      )}
    </Paper>
  );
}

/**
 * The Promotions tab of a Component: per environment, a timeline of which
 * ModelKit digest was promoted when, by whom and through which pull request,
 * read by the backend from the Git history of the overlays; a lookup of the
 * version that was live at a given time; and "Roll back" to the previously
 * promoted version for users who may promote.
 *
 * @internal
 */
export function PromotionHistoryContent() {
  const component = useModelKitEntityName();
  const { error, environments, history } = usePromotionHistory(component);
  if (error) {
    return (
      <ModelKitErrorPanel
        error={error}
        title="Could not load the promotion history"
      />
    );
  }
  if (!environments || !history) {
    return <Progress />;
  }
  if (environments.length === 0) {
    return (
      <Alert severity="info">
        No environments are configured under kitstage.environments.
      </Alert>
    );
  }
  return (
    <VerticalStack>
      <Typography variant="body2" color="textSecondary">
        From the Git history of <code>{history.repository}</code> (branch{' '}
        <code>{history.branch}</code>). A promotion is live once Flux or Argo CD
        applied its commit.
      </Typography>
      {environments.map(environment => (
        <EnvironmentHistory
          key={environment.name}
          environment={environment}
          entries={history.entries}
          truncated={history.truncated}
        />
      ))}
    </VerticalStack>
  );
}
