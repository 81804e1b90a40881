import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { StackedList } from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { CardSection } from '../CardSection';
import { groupRelations, RelationGroup } from './groupRelations';

const useStyles = makeStyles(theme => ({
  groups: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: theme.spacing(3),
  },
  item: {
    ...theme.typography.body2,
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  kind: {
    flexShrink: 0,
    color: theme.palette.text.secondary,
  },
}));

// Relation targets carry the kind in lower case; show the usual spelling.
const KIND_NAMES: Record<string, string> = {
  api: 'API',
  component: 'Component',
  domain: 'Domain',
  group: 'Group',
  modelkit: 'ModelKit',
  resource: 'Resource',
  system: 'System',
  template: 'Template',
  user: 'User',
};

function kindName(kind: string): string {
  const lower = kind.toLocaleLowerCase('en-US');
  return KIND_NAMES[lower] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

function humanizeType(type: string): string {
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function RelationTarget(props: { target: CompoundEntityRef }) {
  const classes = useStyles();
  return (
    <li className={classes.item}>
      <EntityRefLink entityRef={props.target} defaultKind={props.target.kind} />
      <Typography variant="caption" className={classes.kind}>
        {kindName(props.target.kind)}
      </Typography>
    </li>
  );
}

/**
 * Lists the catalog relations of a ModelKit entity grouped by type: what it is
 * built from (`dependsOn`: its base model and datasets), what uses it
 * (`dependencyOf`: fine-tunes and serving components), its owner (`ownedBy`)
 * and its system (`partOf`). Any other relation type follows under its own
 * name.
 *
 * @public
 */
export function ModelKitRelationsCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const groups = groupRelations(entity.relations);

  const groupTitle = (group: RelationGroup): string => {
    switch (group.type) {
      case 'dependsOn':
        return t('relationsCard.groups.dependsOn');
      case 'dependencyOf':
        return t('relationsCard.groups.dependencyOf');
      case 'ownedBy':
        return t('relationsCard.groups.ownedBy');
      case 'partOf':
        return t('relationsCard.groups.partOf');
      default:
        return humanizeType(group.type);
    }
  };

  return (
    <EntityInfoCard title={t('relationsCard.title')}>
      {groups.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('relationsCard.empty')}
        </Typography>
      ) : (
        <div className={classes.groups}>
          {groups.map(group => (
            <CardSection key={group.type} title={groupTitle(group)}>
              <StackedList>
                {group.targets.map(target => (
                  <RelationTarget
                    key={stringifyEntityRef(target)}
                    target={target}
                  />
                ))}
              </StackedList>
            </CardSection>
          ))}
        </div>
      )}
    </EntityInfoCard>
  );
}
