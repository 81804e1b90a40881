import { CopyTextButton } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    minWidth: 0,
  },
  code: {
    flex: 1,
    minWidth: 0,
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    padding: theme.spacing(0.25, 1),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.action.hover,
  },
  wrap: {
    overflowWrap: 'anywhere',
  },
  truncate: {
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
}));

/**
 * A shell command in code style with a button that copies it exactly.
 *
 * @remarks
 *
 * With `truncate`, a long command stays on one line and ends in an ellipsis;
 * the whole command is in its tooltip and is what the button copies.
 *
 * @public
 */
export function CopyableCommand(props: {
  command: string;
  /** The accessible name of the copy button. */
  copyLabel: string;
  /** The text shown once the command is copied. */
  copiedText?: string;
  truncate?: boolean;
}) {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <code
        className={`${classes.code} ${
          props.truncate ? classes.truncate : classes.wrap
        }`}
        title={props.truncate ? props.command : undefined}
      >
        {props.command}
      </code>
      <CopyTextButton
        text={props.command}
        aria-label={props.copyLabel}
        tooltipText={props.copiedText}
        variant="tertiary"
      />
    </span>
  );
}
