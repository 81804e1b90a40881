import {
  ANNOTATION_EDIT_URL,
  DEFAULT_NAMESPACE,
  Entity,
  getEntitySourceLocation,
} from '@backstage/catalog-model';
import {
  CopyTextButton,
  Link,
  MarkdownContent,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import CodeIcon from '@material-ui/icons/Code';
import EditIcon from '@material-ui/icons/Edit';
import { Fragment } from 'react';
import { AboutField, AboutFieldList } from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import {
  kitPullCommand,
  readModelKitSpec,
  SpecEntityRef,
} from '../../lib/modelKitEntity';
import { LatestPolicyStatus } from './LatestPolicyStatus';

const useStyles = makeStyles(theme => ({
  action: {
    display: 'inline-flex',
    padding: theme.spacing(0.5),
    borderRadius: '50%',
    color: theme.palette.text.secondary,
    '&:hover': {
      backgroundColor: theme.palette.action.hover,
    },
  },
  copyable: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  code: {
    flex: 1,
    minWidth: 0,
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    padding: theme.spacing(0.5, 1),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.action.hover,
    overflowWrap: 'anywhere',
  },
  tags: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  tag: {
    margin: 0,
  },
}));

/** A reference from the spec: a link when it parses, its text otherwise. */
function SpecRef(props: { value: SpecEntityRef; namespace: string }) {
  const { value, namespace } = props;
  if (!value.ref) {
    return <>{value.raw}</>;
  }
  return (
    <EntityRefLink
      entityRef={value.ref}
      defaultKind={value.ref.kind}
      defaultNamespace={namespace}
    />
  );
}

/** A value in a code style with a button that copies it. */
function Copyable(props: {
  text: string;
  copyLabel: string;
  copiedText: string;
}) {
  const classes = useStyles();
  return (
    <span className={classes.copyable}>
      <code className={classes.code}>{props.text}</code>
      <CopyTextButton
        text={props.text}
        aria-label={props.copyLabel}
        tooltipText={props.copiedText}
        variant="tertiary"
      />
    </span>
  );
}

// Links taken from annotations are only followed when they are web addresses.
function webUrl(value: string | undefined): string | undefined {
  return value && /^https?:\/\//i.test(value) ? value : undefined;
}

function sourceUrl(entity: Entity): string | undefined {
  try {
    const location = getEntitySourceLocation(entity);
    return location.type === 'url' ? webUrl(location.target) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Shows what a ModelKit entity declares: its description, owner, lifecycle,
 * type, framework, license, system, base model, datasets, OCI repository (with
 * the `kit pull` command for its latest version) and tags, and the attestation
 * policy badge of its newest version.
 *
 * @remarks
 *
 * It reads the entity from the surrounding entity page. Optional fields that
 * the entity does not set are left out.
 *
 * @public
 */
export function ModelKitAboutCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const spec = readModelKitSpec(entity);
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const tags = (entity.metadata.tags ?? []).filter(
    (tag): tag is string => typeof tag === 'string',
  );
  const pullCommand = spec.repository
    ? kitPullCommand(spec.repository)
    : undefined;
  const source = sourceUrl(entity);
  const editUrl = webUrl(entity.metadata.annotations?.[ANNOTATION_EDIT_URL]);

  const headerActions = (
    <>
      {source && (
        <Link
          to={source}
          className={classes.action}
          aria-label={t('aboutCard.viewSource')}
          title={t('aboutCard.viewSource')}
        >
          <CodeIcon fontSize="small" />
        </Link>
      )}
      {editUrl && (
        <Link
          to={editUrl}
          className={classes.action}
          aria-label={t('aboutCard.editMetadata')}
          title={t('aboutCard.editMetadata')}
        >
          <EditIcon fontSize="small" />
        </Link>
      )}
    </>
  );

  return (
    <EntityInfoCard
      title={t('aboutCard.title')}
      headerActions={source || editUrl ? headerActions : undefined}
    >
      <AboutFieldList>
        <AboutField label={t('aboutCard.description')} wide>
          <MarkdownContent
            content={
              entity.metadata.description || t('aboutCard.noDescription')
            }
          />
        </AboutField>
        <AboutField label={t('aboutCard.owner')}>
          {spec.owner ? (
            <SpecRef value={spec.owner} namespace={namespace} />
          ) : (
            '-'
          )}
        </AboutField>
        <AboutField label={t('aboutCard.lifecycle')}>
          {spec.lifecycle ?? '-'}
        </AboutField>
        {spec.type && (
          <AboutField label={t('aboutCard.type')}>{spec.type}</AboutField>
        )}
        {spec.framework && (
          <AboutField label={t('aboutCard.framework')}>
            {spec.framework}
          </AboutField>
        )}
        {spec.license && (
          <AboutField label={t('aboutCard.license')}>{spec.license}</AboutField>
        )}
        {spec.system && (
          <AboutField label={t('aboutCard.system')}>
            <SpecRef value={spec.system} namespace={namespace} />
          </AboutField>
        )}
        {spec.baseModel && (
          <AboutField label={t('aboutCard.baseModel')}>
            <SpecRef value={spec.baseModel} namespace={namespace} />
          </AboutField>
        )}
        {spec.datasets.length > 0 && (
          <AboutField label={t('aboutCard.datasets')}>
            {spec.datasets.map((dataset, index) => (
              <Fragment key={dataset.raw}>
                {index > 0 && ', '}
                <SpecRef value={dataset} namespace={namespace} />
              </Fragment>
            ))}
          </AboutField>
        )}
        <AboutField label={t('aboutCard.policy')} wide>
          <LatestPolicyStatus />
        </AboutField>
        <AboutField label={t('aboutCard.repository')} wide>
          {spec.repository ? (
            <Copyable
              text={spec.repository}
              copyLabel={t('aboutCard.copyRepository')}
              copiedText={t('aboutCard.copied')}
            />
          ) : (
            '-'
          )}
        </AboutField>
        {pullCommand && (
          <AboutField label={t('aboutCard.pullCommand')} wide>
            <Copyable
              text={pullCommand}
              copyLabel={t('aboutCard.copyPullCommand')}
              copiedText={t('aboutCard.copied')}
            />
          </AboutField>
        )}
        {tags.length > 0 && (
          <AboutField label={t('aboutCard.tags')} wide>
            <span className={classes.tags}>
              {tags.map(tag => (
                <Chip
                  key={tag}
                  label={tag}
                  size="small"
                  className={classes.tag}
                />
              ))}
            </span>
          </AboutField>
        )}
      </AboutFieldList>
    </EntityInfoCard>
  );
}
