import { makeStyles } from '@material-ui/core';
import { ModelKitIcon } from '@kitstage/plugin-modelkit';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: 10,
    color: '#7df3e1',
    fontSize: 26,
    fontWeight: 600,
    letterSpacing: 0.5,
    whiteSpace: 'nowrap',
  },
});

/** The Kitstage word mark shown when the sidebar is open. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <ModelKitIcon fontSize="inherit" />
      Kitstage
    </span>
  );
};
