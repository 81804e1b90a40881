import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  chip: {
    margin: 0,
    fontFamily: 'monospace',
  },
}));

/**
 * The tags of a version as chips, in the order given.
 *
 * @public
 */
export function VersionTags(props: { tags: string[]; label?: string }) {
  const classes = useStyles();
  if (props.tags.length === 0) {
    return null;
  }
  return (
    <ul className={classes.root} aria-label={props.label}>
      {props.tags.map(tag => (
        <li key={tag}>
          <Chip label={tag} size="small" className={classes.chip} />
        </li>
      ))}
    </ul>
  );
}
