import { TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ModelKitAnnotationChange,
  ModelKitChange,
  ModelKitDescriptor,
  ModelKitKitfileChange,
  ModelKitPartChange,
} from '@kitstage/plugin-modelkit-common';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatBytes,
  formatKitfileValue,
  formatSizeDelta,
} from '../../lib/format';
import { modelkitTranslationRef } from '../../translation';
import { DigestText } from '../DigestText';
import { LayerKindLabel } from '../LayerKindLabel';
import { ChangeLabel, SizeDelta } from './ChangeLabel';

const useStyles = makeStyles(theme => ({
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
}));

function Absent() {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  return <span className={classes.absent}>{t('diffContent.absent')}</span>;
}

function Code(props: { text: string }) {
  const classes = useStyles();
  return <span className={classes.code}>{props.text}</span>;
}

function KitfileValue(props: { value: unknown }) {
  if (props.value === undefined) {
    return <Absent />;
  }
  return <Code text={formatKitfileValue(props.value)} />;
}

function Descriptor(props: { descriptor?: ModelKitDescriptor }) {
  const classes = useStyles();
  if (!props.descriptor) {
    return <Absent />;
  }
  return (
    <span className={classes.descriptor}>
      <DigestText digest={props.descriptor.digest} copy={false} />
      <span>{formatBytes(props.descriptor.size)}</span>
    </span>
  );
}

/** A row of a table of changes: how it changed, and what it was and is. */
interface ChangeRow<TValue> {
  change: ModelKitChange;
  from?: TValue;
  to?: TValue;
}

/**
 * The columns of the three tables of a diff: the Kitfile fields and the
 * manifest annotations (each a name, how it changed, and its value before
 * and after) and the parts (how they changed, kind, path, the layer before
 * and after, and the size delta).
 */
export function useDiffColumns() {
  const { t } = useTranslationRef(modelkitTranslationRef);

  const changeColumn = {
    title: t('diffContent.columns.change'),
    field: 'change',
    render: (row: ChangeRow<unknown>) => <ChangeLabel change={row.change} />,
  };
  const valueColumns = [
    changeColumn,
    {
      title: t('diffContent.columns.from'),
      field: 'from',
      render: (row: ChangeRow<unknown>) => <KitfileValue value={row.from} />,
    },
    {
      title: t('diffContent.columns.to'),
      field: 'to',
      render: (row: ChangeRow<unknown>) => <KitfileValue value={row.to} />,
    },
  ];

  const kitfileColumns: TableColumn<ModelKitKitfileChange>[] = [
    {
      title: t('diffContent.columns.field'),
      field: 'path',
      render: row => <Code text={row.path} />,
    },
    ...valueColumns,
  ];

  const annotationColumns: TableColumn<ModelKitAnnotationChange>[] = [
    {
      title: t('diffContent.columns.key'),
      field: 'key',
      render: row => <Code text={row.key} />,
    },
    ...valueColumns,
  ];

  const partColumns: TableColumn<ModelKitPartChange>[] = [
    changeColumn,
    {
      title: t('diffContent.columns.kind'),
      field: 'kind',
      render: row => <LayerKindLabel kind={row.kind} />,
    },
    {
      title: t('diffContent.columns.path'),
      field: 'path',
      render: row => <Code text={row.path ?? '-'} />,
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

  return { kitfileColumns, annotationColumns, partColumns };
}
