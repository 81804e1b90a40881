import { EmptyState, Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityInfoCard } from '@backstage/plugin-catalog-react';
import {
  ModelKitAnnotationChange,
  ModelKitDescriptor,
  ModelKitDiff,
  ModelKitKitfileChange,
  ModelKitPartChange,
} from '@kitstage/plugin-modelkit-common';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import {
  formatBytes,
  formatKitfileValue,
  formatSizeDelta,
  shortDigest,
} from '../../lib/format';
import { modelkitTranslationRef } from '../../translation';
import { AboutField, AboutFieldList } from '../AboutField';
import { DigestText } from '../DigestText';
import { LayerKindLabel } from '../LayerKindLabel';
import { ChangeLabel, SizeDelta } from './ChangeLabel';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  code: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
    whiteSpace: 'pre-wrap',
  },
  absent: {
    color: theme.palette.text.disabled,
    fontStyle: 'italic',
  },
  descriptor: {
    display: 'flex',
    flexDirection: 'column',
  },
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

function KitfileValue(props: { value: unknown }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  if (props.value === undefined) {
    return <span className={classes.absent}>{t('diffContent.absent')}</span>;
  }
  return (
    <span className={classes.code}>{formatKitfileValue(props.value)}</span>
  );
}

function Descriptor(props: { descriptor?: ModelKitDescriptor }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  if (!props.descriptor) {
    return <span className={classes.absent}>{t('diffContent.absent')}</span>;
  }
  return (
    <span className={classes.descriptor}>
      <DigestText digest={props.descriptor.digest} copy={false} />
      <span>{formatBytes(props.descriptor.size)}</span>
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
      <div className={classes.root}>
        {summary}
        <EmptyState
          missing="content"
          title={t('diffContent.identicalTitle')}
          description={t('diffContent.identicalDescription', {
            digest: shortDigest(diff.to.digest),
          })}
        />
      </div>
    );
  }

  const kitfileColumns: TableColumn<ModelKitKitfileChange>[] = [
    {
      title: t('diffContent.columns.field'),
      field: 'path',
      render: row => <span className={classes.code}>{row.path}</span>,
    },
    {
      title: t('diffContent.columns.change'),
      field: 'change',
      render: row => <ChangeLabel change={row.change} />,
    },
    {
      title: t('diffContent.columns.from'),
      field: 'from',
      render: row => <KitfileValue value={row.from} />,
    },
    {
      title: t('diffContent.columns.to'),
      field: 'to',
      render: row => <KitfileValue value={row.to} />,
    },
  ];

  const annotationColumns: TableColumn<ModelKitAnnotationChange>[] = [
    {
      title: t('diffContent.columns.key'),
      field: 'key',
      render: row => <span className={classes.code}>{row.key}</span>,
    },
    {
      title: t('diffContent.columns.change'),
      field: 'change',
      render: row => <ChangeLabel change={row.change} />,
    },
    {
      title: t('diffContent.columns.from'),
      field: 'from',
      render: row => <KitfileValue value={row.from} />,
    },
    {
      title: t('diffContent.columns.to'),
      field: 'to',
      render: row => <KitfileValue value={row.to} />,
    },
  ];

  const partColumns: TableColumn<ModelKitPartChange>[] = [
    {
      title: t('diffContent.columns.change'),
      field: 'change',
      render: row => <ChangeLabel change={row.change} />,
    },
    {
      title: t('diffContent.columns.kind'),
      field: 'kind',
      render: row => <LayerKindLabel kind={row.kind} />,
    },
    {
      title: t('diffContent.columns.path'),
      field: 'path',
      render: row => <span className={classes.code}>{row.path ?? '-'}</span>,
    },
    {
      title: t('diffContent.columns.from'),
      field: 'from',
      render: row => <Descriptor descriptor={row.from} />,
    },
    {
      title: t('diffContent.columns.to'),
      field: 'to',
      render: row => <Descriptor descriptor={row.to} />,
    },
    {
      title: t('diffContent.columns.sizeDelta'),
      field: 'sizeDelta',
      type: 'numeric',
      render: row => (
        <SizeDelta
          bytes={row.sizeDelta}
          text={formatSizeDelta(row.sizeDelta)}
        />
      ),
    },
  ];

  const tableOptions = {
    paging: false,
    search: false,
    draggable: false,
    padding: 'dense',
  } as const;

  return (
    <div className={classes.root}>
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
    </div>
  );
}
