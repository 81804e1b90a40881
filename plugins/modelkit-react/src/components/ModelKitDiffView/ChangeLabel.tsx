import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ModelKitChange } from '@kitstage/plugin-modelkit-common';
import { makeStyles } from '@material-ui/core/styles';
import { modelkitTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  root: {
    ...theme.typography.caption,
    display: 'inline-block',
    padding: theme.spacing(0, 1),
    borderRadius: theme.shape.borderRadius,
    border: '1px solid currentColor',
    fontWeight: theme.typography.fontWeightMedium as number,
    whiteSpace: 'nowrap',
  },
  added: { color: theme.palette.success.main },
  removed: { color: theme.palette.error.main },
  changed: { color: theme.palette.warning.dark },
  unchanged: { color: theme.palette.text.secondary },
}));

/** How a value or part differs, as a coloured label. */
export function ChangeLabel(props: { change: ModelKitChange }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  return (
    <span className={`${classes.root} ${classes[props.change]}`}>
      {t(`diffContent.changes.${props.change}` as const)}
    </span>
  );
}

/** A size change with its sign, coloured by direction. */
export function SizeDelta(props: { bytes: number; text: string }) {
  const classes = useStyles();
  let className = classes.unchanged;
  if (props.bytes > 0) {
    className = classes.added;
  } else if (props.bytes < 0) {
    className = classes.removed;
  }
  return <span className={className}>{props.text}</span>;
}
