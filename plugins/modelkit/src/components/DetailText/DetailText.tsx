import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  detail: {
    ...theme.typography.caption,
    color: theme.palette.text.secondary,
    display: 'block',
    overflowWrap: 'anywhere',
  },
}));

/**
 * A secondary line of small text below what it details, as the reasons,
 * signer identities and scan findings of the Security tab show.
 *
 * @internal
 */
export function DetailText(props: {
  /** Render the text as code (`code`) rather than prose (`span`). */
  code?: boolean;
  /** The tooltip of the text, such as the full value it shortens. */
  title?: string;
  /** Further styles of the text, for example its colour. */
  className?: string;
  /** The text. */
  children: ReactNode;
}) {
  const classes = useStyles();
  const Element = props.code ? 'code' : 'span';
  return (
    <Element
      className={[classes.detail, props.className].filter(Boolean).join(' ')}
      title={props.title}
    >
      {props.children}
    </Element>
  );
}
