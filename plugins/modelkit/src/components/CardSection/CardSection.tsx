import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useId } from 'react';

const useStyles = makeStyles(theme => ({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    minWidth: 0,
  },
  heading: {
    ...theme.typography.overline,
    lineHeight: 1.6,
    fontWeight: theme.typography.fontWeightBold as number,
    color: theme.palette.text.secondary,
    margin: 0,
  },
}));

/**
 * A titled part of a card: a region named by its heading, so assistive
 * technology can jump between the parts of a card.
 *
 * @internal
 */
export function CardSection(props: {
  /** The heading of the part. */
  title: string;
  /** Further styles of the section, for example to scroll wide content. */
  className?: string;
  /** The content below the heading. */
  children: ReactNode;
}) {
  const classes = useStyles();
  const headingId = useId();
  return (
    <section
      className={
        props.className
          ? `${classes.section} ${props.className}`
          : classes.section
      }
      aria-labelledby={headingId}
    >
      <h4 id={headingId} className={classes.heading}>
        {props.title}
      </h4>
      {props.children}
    </section>
  );
}
