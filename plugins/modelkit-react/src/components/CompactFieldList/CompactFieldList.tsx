import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
}));

/**
 * A compact list of labelled values as text: labels in one column, values
 * beside them, as a description list so that each value stays tied to its
 * label for assistive technology. Fields without a value (`undefined` or an
 * empty string) are left out, and nothing is rendered when none has one.
 *
 * @remarks
 *
 * For a card of a few prominent fields, each with its own layout, use
 * `AboutFieldList` instead.
 *
 * @public
 */
export function CompactFieldList(props: {
  /** The fields, in order, each a label and its value. */
  fields: ReadonlyArray<readonly [label: string, value: string | undefined]>;
}) {
  const classes = useStyles();
  const shown = props.fields.filter(([, value]) => value);
  if (shown.length === 0) {
    return null;
  }
  return (
    <dl className={classes.fields}>
      {shown.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
