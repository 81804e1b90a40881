import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  muted: { color: theme.palette.text.secondary },
}));

/**
 * How many findings of each severity an attestation reports, in a row: the
 * severities with findings in their colour, those without muted.
 *
 * @internal
 */
export function SeverityCounts<TSeverity extends string>(props: {
  /** The accessible name of the list. */
  label: string;
  /** The severities in the order shown. */
  severities: readonly TSeverity[];
  /** How many findings of each severity there are. */
  counts: Record<TSeverity, number>;
  /** The class that colours each severity. */
  severityClasses: Record<TSeverity, string>;
  /** The text of one count. */
  text(severity: TSeverity, count: number): string;
  /** Further styles of the list, for example its margins. */
  className?: string;
}) {
  const classes = useStyles();
  const { counts, severityClasses } = props;
  return (
    <ul
      className={
        props.className
          ? `${classes.counts} ${props.className}`
          : classes.counts
      }
      aria-label={props.label}
    >
      {props.severities.map(severity => (
        <li
          key={severity}
          className={
            counts[severity] > 0 ? severityClasses[severity] : classes.muted
          }
        >
          {props.text(severity, counts[severity])}
        </li>
      ))}
    </ul>
  );
}
