import { EmptyState, Table } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityInfoCard } from '@backstage/plugin-catalog-react';
import {
  ModelKitAnnotationChange,
  ModelKitDiff,
  ModelKitKitfileChange,
  ModelKitPartChange,
} from '@kitstage/plugin-modelkit-common';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { VerticalStack } from '../VerticalStack';
import { useMemo, useState } from 'react';
import { formatBytes, formatSizeDelta, shortDigest } from '../../lib/format';
import { modelkitTranslationRef } from '../../translation';
import { AboutField, AboutFieldList } from '../AboutField';
import { DigestText } from '../DigestText';
import { useDiffColumns } from './diffColumns';

const useStyles = makeStyles(theme => ({
  empty: {
    padding: theme.spacing(2),
  },
}));

/** A reference with the digest it resolved to, when they differ. */
function VersionRef(props: { side: ModelKitDiff['from'] }) {
  const { reference, digest } = props.side;
  return (
    <span>
      {reference !== digest && <strong>{reference} </strong>}
      <DigestText digest={digest} />
    </span>
  );
}

/**
 * What differs between two ModelKit versions, as `kit diff` reports it: the
 * Kitfile fields that changed and the parts that were added, removed or
 * changed, with size deltas. Two references to the same manifest show as
 * identical.
 *
 * @public
 */
export function ModelKitDiffView(props: { diff: ModelKitDiff }) {
  const { diff } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const [showUnchanged, setShowUnchanged] = useState(false);
  const { kitfileColumns, annotationColumns, partColumns } = useDiffColumns();

  const kitfileRows = useMemo(
    () => diff.kitfile.map(change => ({ ...change })),
    [diff.kitfile],
  );
  const annotationRows = useMemo(
    () => diff.annotations.map(change => ({ ...change })),
    [diff.annotations],
  );
  const unchangedCount = diff.parts.filter(
    p => p.change === 'unchanged',
  ).length;
  const partRows = useMemo(
    () =>
      diff.parts
        .filter(p => showUnchanged || p.change !== 'unchanged')
        .map(p => ({ ...p })),
    [diff.parts, showUnchanged],
  );

  const summary = (
    <EntityInfoCard>
      <AboutFieldList>
        <AboutField label={t('diffContent.from')}>
          <VersionRef side={diff.from} />
        </AboutField>
        <AboutField label={t('diffContent.to')}>
          <VersionRef side={diff.to} />
        </AboutField>
        <AboutField label={t('diffContent.columns.sizeDelta')}>
          {t('diffContent.summary', {
            fromSize: formatBytes(diff.from.size),
            toSize: formatBytes(diff.to.size),
            delta: formatSizeDelta(diff.sizeDelta),
          })}
        </AboutField>
      </AboutFieldList>
    </EntityInfoCard>
  );

  if (diff.identical) {
    return (
      <VerticalStack>
        {summary}
        <EmptyState
          missing="content"
          title={t('diffContent.identicalTitle')}
          description={t('diffContent.identicalDescription', {
            digest: shortDigest(diff.to.digest),
          })}
        />
      </VerticalStack>
    );
  }

  const tableOptions = {
    paging: false,
    search: false,
    draggable: false,
    padding: 'dense',
  } as const;

  return (
    <VerticalStack>
      {summary}
      <Table<ModelKitKitfileChange>
        title={t('diffContent.kitfileTitle')}
        columns={kitfileColumns}
        data={kitfileRows}
        options={tableOptions}
        emptyContent={
          <Typography className={classes.empty}>
            {t('diffContent.kitfileEmpty')}
          </Typography>
        }
      />
      {annotationRows.length > 0 && (
        <Table<ModelKitAnnotationChange>
          title={t('diffContent.annotationsTitle')}
          columns={annotationColumns}
          data={annotationRows}
          options={tableOptions}
        />
      )}
      <Table<ModelKitPartChange>
        title={t('diffContent.partsTitle')}
        subtitle={
          unchangedCount > 0 && !showUnchanged
            ? t('diffContent.unchangedHidden', { count: unchangedCount })
            : undefined
        }
        columns={partColumns}
        data={partRows}
        options={tableOptions}
        emptyContent={
          <Typography className={classes.empty}>
            {t('diffContent.partsEmpty')}
          </Typography>
        }
      />
      {unchangedCount > 0 && (
        <FormControlLabel
          control={
            <Switch
              checked={showUnchanged}
              onChange={(_, checked) => setShowUnchanged(checked)}
            />
          }
          label={t('diffContent.showUnchanged')}
        />
      )}
    </VerticalStack>
  );
}
