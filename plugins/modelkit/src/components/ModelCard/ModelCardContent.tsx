import {
  EmptyState,
  InfoCard,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import type { ModelKitModelCardResponse } from '@kitstage/plugin-modelkit-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Alert } from '@material-ui/lab';
import { useModelKitEntityName } from '../../hooks/useModelKitEntityName';
import { useModelKitModelCard } from '../../hooks/useModelKitModelCard';
import { useModelKitVersions } from '../../hooks/useModelKitVersions';
import { useVersionQueryParams } from '../../hooks/useVersionQueryParams';
import { formatBytes } from '../../lib/format';
import { isVersionReference } from '../../lib/references';
import { ModelKitErrorPanel } from '../ModelKitErrorPanel';
import { ModelKitVersionPicker } from '../ModelKitVersionPicker';
import { SafeMarkdown } from './SafeMarkdown';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
  section: { marginTop: theme.spacing(2) },
}));

/** The Kitfile descriptions, as plain text, when there is no model card file. */
export function KitfileDescriptions(props: {
  descriptions: ModelKitModelCardResponse['descriptions'];
}) {
  const classes = useStyles();
  const { package: pkg, model, datasets, code, docs } = props.descriptions;
  const fields: Array<[string, string | undefined]> = [
    ['Name', pkg?.name],
    ['Version', pkg?.version],
    ['Description', pkg?.description],
    ['License', pkg?.license],
    ['Authors', pkg?.authors?.join(', ')],
    ['Model', model?.name],
    ['Framework', model?.framework],
    ['Model description', model?.description],
    ['Model license', model?.license],
  ];
  const parts: Array<
    [
      string,
      Array<{
        path?: string;
        name?: string;
        description?: string;
        license?: string;
      }>,
    ]
  > = [
    ['Datasets', datasets],
    ['Code', code],
    ['Docs', docs],
  ];
  return (
    <div aria-label="Kitfile descriptions">
      <dl className={classes.fields}>
        {fields
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label} style={{ display: 'contents' }}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {parts
        .filter(([, list]) => list.length > 0)
        .map(([title, list]) => (
          <div key={title} className={classes.section}>
            <Typography variant="subtitle2" component="h3">
              {title}
            </Typography>
            <ul>
              {list.map((item, index) => (
                <li key={`${item.path ?? item.name}-${index}`}>
                  <code>{item.name ?? item.path}</code>
                  {item.description ? ` — ${item.description}` : ''}
                  {item.license ? ` (${item.license})` : ''}
                </li>
              ))}
            </ul>
          </div>
        ))}
    </div>
  );
}

/**
 * A model card: the Markdown of the docs layer rendered sanitized, or the
 * Kitfile descriptions when the backend found none.
 *
 * @internal
 */
export function ModelCardView(props: { card: ModelKitModelCardResponse }) {
  const { card } = props;
  const title =
    card.source.type === 'docs-layer'
      ? `Model card · ${card.source.path}`
      : 'Model card · from the Kitfile';
  return (
    <InfoCard title={title}>
      {card.truncated && (
        <Alert severity="info" role="note">
          {`The model card is longer than ${formatBytes(
            card.maxBytes,
          )}; its beginning is shown.`}
        </Alert>
      )}
      {card.warnings.length > 0 && (
        <Alert severity="warning" role="note">
          {card.warnings.join(' ')}
        </Alert>
      )}
      {card.markdown !== null && card.source.type === 'docs-layer' ? (
        <SafeMarkdown content={card.markdown} />
      ) : (
        <KitfileDescriptions descriptions={card.descriptions} />
      )}
    </InfoCard>
  );
}

const QUERY_KEYS = ['version'] as const;

/**
 * The Model card tab of a ModelKit entity page, for one version (the newest
 * by default, or `?version=` a tag or digest).
 *
 * @internal
 */
export function ModelCardContent() {
  const classes = useStyles();
  const entityName = useModelKitEntityName();
  const versions = useModelKitVersions(entityName);
  const [params, setParams] = useVersionQueryParams(QUERY_KEYS);
  const requested = params.version;
  const invalid = requested !== undefined && !isVersionReference(requested);
  const selected = requested ?? versions.versions[0]?.digest;
  const card = useModelKitModelCard(entityName, invalid ? undefined : selected);

  let body;
  if (invalid) {
    body = (
      <WarningPanel
        severity="error"
        title={`"${requested}" is not a tag or a manifest digest`}
      />
    );
  } else if (card.error) {
    body = (
      <ModelKitErrorPanel
        error={card.error}
        title="The model card could not be loaded"
      />
    );
  } else if (card.value) {
    body = <ModelCardView card={card.value} />;
  } else if (card.loading || versions.loading) {
    body = <Progress />;
  } else if (versions.error) {
    body = (
      <ModelKitErrorPanel
        error={versions.error}
        title="The versions could not be loaded"
      />
    );
  } else {
    body = (
      <EmptyState
        missing="data"
        title="No version"
        description="This ModelKit has no version in its registry yet."
      />
    );
  }
  const showPicker =
    !versions.loading &&
    !versions.error &&
    (versions.versions.length > 0 || requested !== undefined);
  return (
    <div className={classes.root}>
      {showPicker && (
        <div>
          <ModelKitVersionPicker
            label="Version"
            versions={versions.versions}
            value={selected}
            onChange={digest => setParams({ version: digest })}
            onLoadMore={versions.hasMore ? versions.loadMore : undefined}
            loadingMore={versions.loadingMore}
          />
        </div>
      )}
      {body}
    </div>
  );
}
