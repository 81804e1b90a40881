import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { JsonPreview } from '@kitstage/plugin-modelkit-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useId, useMemo, useState } from 'react';
import { formatBytes } from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';

const useStyles = makeStyles(theme => ({
  pre: {
    margin: theme.spacing(0.5, 0, 0),
    padding: theme.spacing(1),
    maxHeight: '32rem',
    overflow: 'auto',
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.action.hover,
  },
}));

/** Indented JSON text of a preview; the cut text as it came when too large. */
function previewText(preview: JsonPreview): string {
  if (preview.text !== undefined) {
    return preview.text;
  }
  try {
    return JSON.stringify(preview.value ?? null, null, 2) ?? 'null';
  } catch {
    return String(preview.value);
  }
}

/**
 * A JSON value behind a button that shows and hides it, indented for reading.
 * A preview the backend cut to size says so, with the size of the whole.
 *
 * @internal
 */
export function JsonPreviewView(props: {
  preview: JsonPreview;
  /** The button text, e.g. "Show predicate JSON". */
  showLabel: string;
  /** The button text while the JSON is shown. */
  hideLabel: string;
  defaultExpanded?: boolean;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const id = useId();
  const [expanded, setExpanded] = useState(props.defaultExpanded ?? false);
  const text = useMemo(
    () => (expanded ? previewText(props.preview) : ''),
    [expanded, props.preview],
  );
  return (
    <div>
      <Button
        size="small"
        aria-expanded={expanded}
        aria-controls={id}
        startIcon={expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
        onClick={() => setExpanded(e => !e)}
      >
        {expanded ? props.hideLabel : props.showLabel}
      </Button>
      {expanded && (
        <>
          <pre id={id} className={classes.pre}>
            {text}
          </pre>
          {props.preview.truncated && (
            <Typography variant="caption" color="textSecondary">
              {t('security.json.truncated', {
                size: formatBytes(props.preview.bytes),
              })}
            </Typography>
          )}
        </>
      )}
    </div>
  );
}
