import { Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ModelKitVersionSummary,
  OciReference,
} from '@kitstage/plugin-modelkit-common';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import { formatBytes, shortDigest } from '../../lib/format';
import { kitCommandsForDigest } from '../../lib/kitCommands';
import { modelkitTranslationRef } from '../../translation';
import { CopyableCommand } from '../CopyableCommand';
import { DigestText } from '../DigestText';
import { RelativeTime } from '../RelativeTime';
import { VersionTags } from '../VersionTags';

const useStyles = makeStyles(theme => ({
  commands: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    width: '26rem',
    maxWidth: '40vw',
  },
  muted: {
    color: theme.palette.text.secondary,
  },
}));

type Row = ModelKitVersionSummary & { label: string };

/**
 * The name people know a version by: its first tag, or its short digest.
 *
 * @internal
 */
export function versionLabel(version: ModelKitVersionSummary): string {
  return version.tags[0] ?? shortDigest(version.digest);
}

/**
 * A table of ModelKit versions, in the order given (the backend lists them
 * newest first): tags, Kitfile `package.version`, digest, creation time, size
 * and copyable `kit pull` / `kit unpack` commands pinned to the digest.
 *
 * @remarks
 *
 * The commands are written from `repository`, a parsed OCI repository; when
 * it is undefined the table shows no commands.
 *
 * @public
 */
export function ModelKitVersionsTable(props: {
  versions: ModelKitVersionSummary[];
  repository?: OciReference;
  title?: string;
  subtitle?: string;
}) {
  const { versions, repository } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);

  // The table keeps its own state on the row objects it gets, so it gets copies.
  const rows = useMemo<Row[]>(
    () => versions.map(v => ({ ...v, label: versionLabel(v) })),
    [versions],
  );

  const columns: TableColumn<Row>[] = [
    {
      title: t('versionsContent.columns.tags'),
      field: 'tags',
      render: row => (
        <VersionTags
          tags={row.tags}
          label={t('versionsContent.tagsOf', { version: row.label })}
        />
      ),
    },
    {
      title: t('versionsContent.columns.version'),
      field: 'version',
      render: row => row.version ?? <span className={classes.muted}>-</span>,
    },
    {
      title: t('versionsContent.columns.digest'),
      field: 'digest',
      render: row => <DigestText digest={row.digest} />,
    },
    {
      title: t('versionsContent.columns.created'),
      field: 'created',
      render: row => <RelativeTime timestamp={row.created} />,
    },
    {
      title: t('versionsContent.columns.size'),
      field: 'size',
      type: 'numeric',
      render: row => formatBytes(row.size),
    },
    {
      title: t('versionsContent.columns.commands'),
      field: 'commands',
      render: row => {
        const commands = repository
          ? kitCommandsForDigest(repository, row.digest)
          : undefined;
        if (!commands) {
          return (
            <span className={classes.muted}>
              {t('versionsContent.noCommands')}
            </span>
          );
        }
        return (
          <div className={classes.commands}>
            <CopyableCommand
              command={commands.pull}
              copyLabel={t('versionsContent.copyPull', { version: row.label })}
              copiedText={t('versionsContent.copied')}
              truncate
            />
            <CopyableCommand
              command={commands.unpack}
              copyLabel={t('versionsContent.copyUnpack', {
                version: row.label,
              })}
              copiedText={t('versionsContent.copied')}
              truncate
            />
          </div>
        );
      },
    },
  ];

  return (
    <Table<Row>
      title={props.title}
      subtitle={props.subtitle}
      columns={columns}
      data={rows}
      options={{
        paging: false,
        search: false,
        sorting: false,
        draggable: false,
        padding: 'dense',
        toolbar: props.title !== undefined,
      }}
    />
  );
}
