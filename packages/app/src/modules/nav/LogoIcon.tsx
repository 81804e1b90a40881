import { makeStyles } from '@material-ui/core';
import { ModelKitIcon } from '@kitstage/plugin-modelkit';

const useStyles = makeStyles({
  root: { color: '#7df3e1', fontSize: 28, display: 'flex' },
});

/** The Kitstage mark shown when the sidebar is collapsed. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <span className={classes.root} aria-label="Kitstage">
      <ModelKitIcon fontSize="inherit" />
    </span>
  );
};
