import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))',
    gap: theme.spacing(2),
    margin: 0,
  },
  field: {
    minWidth: 0,
  },
  wide: {
    gridColumn: '1 / -1',
  },
  label: {
    ...theme.typography.overline,
    lineHeight: 1.6,
    fontWeight: theme.typography.fontWeightBold as number,
    color: theme.palette.text.secondary,
  },
  value: {
    ...theme.typography.body2,
    margin: 0,
    overflowWrap: 'anywhere',
  },
}));

/**
 * A list of labelled fields, rendered as a description list so that each
 * value stays tied to its label for assistive technology.
 *
 * @public
 */
export function AboutFieldList(props: { children: ReactNode }) {
  const classes = useStyles();
  return <dl className={classes.list}>{props.children}</dl>;
}

/**
 * One labelled field of an {@link AboutFieldList}.
 *
 * @public
 */
export function AboutField(props: {
  label: string;
  wide?: boolean;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <div
      className={
        props.wide ? `${classes.field} ${classes.wide}` : classes.field
      }
    >
      <dt className={classes.label}>{props.label}</dt>
      <dd className={classes.value}>{props.children}</dd>
    </div>
  );
}
