import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ModelKitVersionSummary } from '@kitstage/plugin-modelkit-common';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';
import { shortDigest } from '../../lib/format';
import { findVersion } from '../../lib/references';
import { modelkitTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'flex-end',
    gap: theme.spacing(1),
  },
  select: {
    minWidth: '20rem',
  },
}));

function optionLabel(version: ModelKitVersionSummary, untagged: string) {
  const tags = version.tags.length > 0 ? version.tags.join(', ') : untagged;
  const packageVersion =
    version.version && !version.tags.includes(version.version)
      ? ` (${version.version})`
      : '';
  return `${tags}${packageVersion} · ${shortDigest(version.digest)}`;
}

/**
 * A select of ModelKit versions. Each option is a version's manifest digest;
 * `value` may be a tag or a digest. A value that names no listed version (an
 * older version, or one from a shared link) is kept as an extra option.
 *
 * @public
 */
export function ModelKitVersionPicker(props: {
  label: string;
  versions: ModelKitVersionSummary[];
  /** The selected version: a tag or a manifest digest. */
  value?: string;
  onChange(digest: string): void;
  /** Offers to load older versions when set. */
  onLoadMore?: () => void;
  loadingMore?: boolean;
  disabled?: boolean;
}) {
  const classes = useStyles();
  const id = useId();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const selected = findVersion(props.versions, props.value);
  const value = selected?.digest ?? props.value ?? '';
  const extra = props.value !== undefined && !selected ? props.value : '';

  return (
    <span className={classes.root}>
      <TextField
        id={id}
        select
        label={props.label}
        value={value}
        disabled={props.disabled}
        onChange={event => props.onChange(event.target.value)}
        SelectProps={{ native: true }}
        className={classes.select}
      >
        {extra && <option value={extra}>{extra}</option>}
        {props.versions.map(version => (
          <option key={version.digest} value={version.digest}>
            {optionLabel(version, t('versionPicker.untagged'))}
          </option>
        ))}
      </TextField>
      {props.onLoadMore && (
        <Button
          size="small"
          onClick={props.onLoadMore}
          disabled={props.loadingMore}
        >
          {t('versionPicker.loadMore')}
        </Button>
      )}
    </span>
  );
}
