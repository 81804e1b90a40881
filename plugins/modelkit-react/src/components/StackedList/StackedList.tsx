import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { useVerticalStackStyles } from '../VerticalStack/VerticalStack';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0 },
});

/**
 * A list without bullets or indentation whose items stack from top to
 * bottom with a gap between them, as the reasons, deliveries, workloads and
 * versions on the deployment cards do. Its children are the `li` items.
 *
 * @public
 */
export function StackedList(props: {
  /** The gap between items, in theme spacing units. Defaults to 1. */
  gap?: number;
  /** The accessible name of the list. */
  label?: string;
  /** The items of the list, each an `li`. */
  children: ReactNode;
}) {
  const classes = useStyles();
  const stack = useVerticalStackStyles({ gap: props.gap ?? 1 });
  return (
    <ul className={`${stack.stack} ${classes.list}`} aria-label={props.label}>
      {props.children}
    </ul>
  );
}
