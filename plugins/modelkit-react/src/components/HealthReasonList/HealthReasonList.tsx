import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  HealthReason,
  HealthReasonSeverity,
} from '@kitstage/plugin-modelkit-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ErrorIcon from '@material-ui/icons/Error';
import InfoIcon from '@material-ui/icons/Info';
import WarningIcon from '@material-ui/icons/Warning';
import { formatObjectRef } from '../../lib/deployments';
import { modelkitTranslationRef } from '../../translation';
import { StackedList } from '../StackedList';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    minWidth: 0,
  },
  icon: {
    flexShrink: 0,
    fontSize: '1.25rem',
    marginTop: 1,
  },
  error: { color: theme.palette.error.main },
  warning: { color: theme.palette.warning.main },
  info: { color: theme.palette.info.main },
  text: {
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  object: {
    fontFamily: 'monospace',
    fontSize: '0.75rem',
  },
}));

const SEVERITY_ICONS: Record<HealthReasonSeverity, typeof ErrorIcon> = {
  error: ErrorIcon,
  warning: WarningIcon,
  info: InfoIcon,
};

function severityOf(value: unknown): HealthReasonSeverity {
  return value === 'error' || value === 'warning' ? value : 'info';
}

/**
 * The reasons behind a health status, worst first as the backend orders them:
 * an icon for the severity (named for assistive technology), the message, and
 * the object it was read from with the controller's own reason word.
 *
 * @public
 */
export function HealthReasonList(props: {
  reasons: HealthReason[];
  /** The accessible name of the list. */
  label?: string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  if (props.reasons.length === 0) {
    return null;
  }
  return (
    <StackedList label={props.label}>
      {props.reasons.map((reason, index) => {
        const severity = severityOf(reason.severity);
        const Icon = SEVERITY_ICONS[severity];
        const severityText = t(`reasonSeverity.${severity}`);
        return (
          <li
            key={`${reason.code}-${index}`}
            className={classes.item}
            data-code={reason.code}
          >
            <Icon
              className={`${classes.icon} ${classes[severity]}`}
              titleAccess={severityText}
            />
            <div className={classes.text}>
              <Typography variant="body2">{reason.message}</Typography>
              {(reason.object || reason.controllerReason) && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                  className={classes.object}
                >
                  {[
                    reason.object && formatObjectRef(reason.object),
                    reason.controllerReason,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography>
              )}
            </div>
          </li>
        );
      })}
    </StackedList>
  );
}
