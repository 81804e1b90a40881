import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  ModelCardDisagreement,
  ModelCardFrontMatter,
} from '@kitstage/plugin-modelkit-common';
import {
  CompactFieldList,
  VerticalStack,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { CardSection } from '../CardSection';

const useStyles = makeStyles(theme => ({
  results: { overflowX: 'auto' },
  number: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

/**
 * What a model card's front matter declares (license, base model, datasets,
 * `model-index` results), with where it disagrees with the Kitfile and what
 * could not be read. Everything shown is the card's claim, as text.
 *
 * @internal
 */
export function ModelCardMetadata(props: {
  frontMatter?: ModelCardFrontMatter;
  disagreements: ModelCardDisagreement[];
  problems: string[];
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { frontMatter, disagreements, problems } = props;
  const fields: Array<[string, string | undefined]> = frontMatter
    ? [
        [t('modelCardMetadata.license'), frontMatter.license],
        [t('modelCardMetadata.baseModel'), frontMatter.baseModels.join(', ')],
        [t('modelCardMetadata.datasets'), frontMatter.datasets.join(', ')],
        [t('modelCardMetadata.pipelineTag'), frontMatter.pipelineTag],
        [t('modelCardMetadata.library'), frontMatter.libraryName],
        [t('modelCardMetadata.languages'), frontMatter.languages.join(', ')],
        [t('modelCardMetadata.tags'), frontMatter.tags.join(', ')],
      ]
    : [];
  const hasFields = fields.some(([, value]) => value);
  const results = frontMatter?.results ?? [];
  const showModel = new Set(results.map(r => r.model)).size > 1;

  return (
    <InfoCard
      title={t('modelCardMetadata.title')}
      subheader={t('modelCardMetadata.subtitle')}
    >
      <VerticalStack label={t('modelCardMetadata.title')}>
        {disagreements.length > 0 && (
          <Alert severity="warning" role="note">
            <AlertTitle>{t('modelCardMetadata.disagreements')}</AlertTitle>
            <ul className={classes.list}>
              {disagreements.map(d => (
                <li key={d.field}>{d.message}</li>
              ))}
            </ul>
          </Alert>
        )}
        {problems.length > 0 && (
          <Alert severity="warning" role="note">
            <AlertTitle>{t('modelCardMetadata.problems')}</AlertTitle>
            <ul className={classes.list}>
              {problems.map((problem, i) => (
                <li key={i}>{problem}</li>
              ))}
            </ul>
          </Alert>
        )}
        <CompactFieldList fields={fields} />
        {frontMatter && !hasFields && results.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            {t('modelCardMetadata.empty')}
          </Typography>
        )}
        {results.length > 0 && (
          <CardSection
            title={t('modelCardMetadata.results')}
            className={classes.results}
          >
            <Table
              size="small"
              aria-label={t('modelCardMetadata.resultsLabel')}
            >
              <TableHead>
                <TableRow>
                  {showModel && (
                    <TableCell>
                      {t('modelCardMetadata.columns.model')}
                    </TableCell>
                  )}
                  <TableCell>{t('modelCardMetadata.columns.task')}</TableCell>
                  <TableCell>
                    {t('modelCardMetadata.columns.dataset')}
                  </TableCell>
                  <TableCell>{t('modelCardMetadata.columns.metric')}</TableCell>
                  <TableCell align="right">
                    {t('modelCardMetadata.columns.value')}
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {results.map((result, i) => (
                  <TableRow key={i}>
                    {showModel && <TableCell>{result.model ?? ''}</TableCell>}
                    <TableCell>{result.task ?? ''}</TableCell>
                    <TableCell>
                      {result.dataset ?? ''}
                      {result.split ? ` (${result.split})` : ''}
                    </TableCell>
                    <TableCell>
                      {result.metric}
                      {result.verified && (
                        <Typography variant="caption" color="textSecondary">
                          {` (${t('modelCardMetadata.verifiedClaim')})`}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell align="right" className={classes.number}>
                      {result.value}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardSection>
        )}
      </VerticalStack>
    </InfoCard>
  );
}
