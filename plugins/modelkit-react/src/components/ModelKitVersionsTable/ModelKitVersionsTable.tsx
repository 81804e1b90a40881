import { Table, TableColumn } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ModelKitVersionSummary,
  OciReference,
} from '@kitstage/plugin-modelkit-common';
import { makeStyles } from '@material-ui/core/styles';
import { createContext, useContext, useMemo } from 'react';
import type { ModelKitPolicyStatusState } from '../../hooks/useModelKitPolicyStatus';
import { formatBytes, shortDigest } from '../../lib/format';
import { kitCommandsForDigest } from '../../lib/kitCommands';
import { modelkitTranslationRef } from '../../translation';
import { CopyableCommand } from '../CopyableCommand';
import { DigestText } from '../DigestText';
import { RelativeTime } from '../RelativeTime';
import { VersionPolicyBadge } from '../VersionPolicyBadge';
import { VersionTags } from '../VersionTags';

/** The commands of each row, in order, with their copy button labels. */
const ROW_COMMANDS = [
  ['pull', 'versionsContent.copyPull'],
  ['unpack', 'versionsContent.copyUnpack'],
] as const;

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

type PolicyState = Pick<
  ModelKitPolicyStatusState,
  'statuses' | 'pending' | 'lifecycle'
>;

// The policy statuses reach their cells through a context, so that their
// arrival re-renders those cells without giving the table new columns, which
// would make it build every row anew.
const PolicyContext = createContext<PolicyState | undefined>(undefined);

function PolicyCell(props: { digest: string }) {
  const policy = useContext(PolicyContext);
  return (
    <VersionPolicyBadge
      status={policy?.statuses.get(props.digest)}
      pending={policy?.pending.has(props.digest)}
      lifecycle={policy?.lifecycle}
    />
  );
}

/**
 * The name people know a version by: its first tag, or its short digest.
 *
 * @public
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
 * it is undefined the table shows no commands. With `policy` (the state of
 * {@link useModelKitPolicyStatus}), a Policy column shows each version's
 * attestation policy badge.
 *
 * @public
 */
export function ModelKitVersionsTable(props: {
  versions: ModelKitVersionSummary[];
  repository?: OciReference;
  title?: string;
  subtitle?: string;
  policy?: Pick<
    ModelKitPolicyStatusState,
    'statuses' | 'pending' | 'lifecycle'
  >;
}) {
  const { versions, repository, policy } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);

  // The table keeps its own state on the row objects it gets, so it gets copies.
  const rows = useMemo<Row[]>(
    () => versions.map(v => ({ ...v, label: versionLabel(v) })),
    [versions],
  );

  const showPolicy = policy !== undefined;
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
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
      ...(showPolicy
        ? [
            {
              title: t('versionsContent.columns.policy'),
              field: 'policy',
              render: (row: Row) => <PolicyCell digest={row.digest} />,
            },
          ]
        : []),
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
              {ROW_COMMANDS.map(([command, copyLabel]) => (
                <CopyableCommand
                  key={command}
                  command={commands[command]}
                  copyLabel={t(copyLabel, { version: row.label })}
                  copiedText={t('versionsContent.copied')}
                  truncate
                />
              ))}
            </div>
          );
        },
      },
    ],
    [t, classes, repository, showPolicy],
  );

  return (
    <PolicyContext.Provider value={policy}>
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
    </PolicyContext.Provider>
  );
}
