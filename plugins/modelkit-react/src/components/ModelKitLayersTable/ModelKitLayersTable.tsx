import { Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ModelKitLayer } from '@kitstage/plugin-modelkit-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { formatBytes } from '../../lib/format';
import { modelkitTranslationRef } from '../../translation';
import { DigestText } from '../DigestText';
import { LayerKindLabel } from '../LayerKindLabel';

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
  },
  empty: {
    padding: theme.spacing(2),
  },
}));

/**
 * The layers of one ModelKit version in manifest order: kind, path, Kitfile
 * name, media type, compression, size and digest, with their total size in
 * the subtitle.
 *
 * @public
 */
export function ModelKitLayersTable(props: { layers: ModelKitLayer[] }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  // The table keeps its own state on the row objects it gets, so it gets copies.
  const rows = useMemo(() => props.layers.map(l => ({ ...l })), [props.layers]);
  const total = props.layers.reduce((sum, layer) => sum + layer.size, 0);

  const columns: TableColumn<ModelKitLayer>[] = [
    {
      title: t('contentsContent.columns.kind'),
      field: 'kind',
      render: row => <LayerKindLabel kind={row.kind} />,
    },
    {
      title: t('contentsContent.columns.path'),
      field: 'path',
      render: row => <span className={classes.code}>{row.path ?? '-'}</span>,
    },
    {
      title: t('contentsContent.columns.name'),
      field: 'name',
      render: row => row.name ?? '-',
    },
    {
      title: t('contentsContent.columns.mediaType'),
      field: 'mediaType',
      render: row => <span className={classes.code}>{row.mediaType}</span>,
    },
    {
      title: t('contentsContent.columns.compression'),
      field: 'compression',
    },
    {
      title: t('contentsContent.columns.size'),
      field: 'size',
      type: 'numeric',
      render: row => formatBytes(row.size),
    },
    {
      title: t('contentsContent.columns.digest'),
      field: 'digest',
      render: row => <DigestText digest={row.digest} />,
    },
  ];

  return (
    <Table<ModelKitLayer>
      title={t('contentsContent.layersTitle')}
      subtitle={t('contentsContent.layersTotal', {
        count: props.layers.length,
        size: formatBytes(total),
      })}
      columns={columns}
      data={rows}
      emptyContent={
        <Typography className={classes.empty}>
          {t('contentsContent.noLayers')}
        </Typography>
      }
      options={{
        paging: false,
        search: false,
        draggable: false,
        padding: 'dense',
      }}
    />
  );
}
