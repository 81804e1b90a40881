import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

/**
 * The class of a block whose children stack with a gap of `gap` theme
 * spacing units, for stacks rendered as another element (`StackedList`).
 *
 * @internal
 */
export const useVerticalStackStyles = makeStyles(theme => ({
  stack: {
    display: 'flex',
    flexDirection: 'column',
    gap: (props: { gap: number }) => theme.spacing(props.gap),
  },
}));

/**
 * A block whose children stack from top to bottom with a gap between them,
 * as the sections of a tab or a card do. For a list of items, use
 * `StackedList`.
 *
 * @public
 */
export function VerticalStack(props: {
  /** The gap between children, in theme spacing units. Defaults to 2. */
  gap?: number;
  /** The accessible name of the block, when it needs one. */
  label?: string;
  /** What to stack. */
  children: ReactNode;
}) {
  const classes = useVerticalStackStyles({ gap: props.gap ?? 2 });
  return (
    <div className={classes.stack} aria-label={props.label}>
      {props.children}
    </div>
  );
}
