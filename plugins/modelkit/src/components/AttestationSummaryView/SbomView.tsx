import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SbomSummary } from '@kitstage/plugin-modelkit-common';
import { makeStyles } from '@material-ui/core/styles';
import {
  AboutField,
  AboutFieldList,
  RelativeTime,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';

const useStyles = makeStyles(theme => ({
  licenses: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
  muted: { color: theme.palette.text.secondary },
}));

/**
 * What an SBOM says: its standard, the tools that wrote it, how many packages
 * it lists and their licenses, most frequent first.
 *
 * @internal
 */
export function SbomView(props: { summary: SbomSummary }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { summary } = props;
  const format = [
    t(`security.sbom.formats.${summary.format}`),
    summary.specVersion,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <AboutFieldList>
      <AboutField label={t('security.sbom.format')}>{format}</AboutField>
      {summary.name && (
        <AboutField label={t('security.sbom.name')}>{summary.name}</AboutField>
      )}
      <AboutField label={t('security.sbom.packages')}>
        {summary.packageCount}
      </AboutField>
      {summary.created && (
        <AboutField label={t('security.sbom.created')}>
          <RelativeTime timestamp={summary.created} />
        </AboutField>
      )}
      {summary.tools.length > 0 && (
        <AboutField label={t('security.sbom.tools')} wide>
          {summary.tools.join(', ')}
        </AboutField>
      )}
      <AboutField
        label={t('security.sbom.licenses', {
          count: summary.distinctLicenses,
        })}
        wide
      >
        {summary.licenses.length > 0 ? (
          <ul className={classes.licenses}>
            {summary.licenses.map(entry => (
              <li key={entry.license}>
                {t('security.sbom.licenseCount', {
                  license: entry.license,
                  count: entry.count,
                })}
              </li>
            ))}
          </ul>
        ) : (
          <span className={classes.muted}>{t('security.sbom.noLicenses')}</span>
        )}
        {summary.packagesWithoutLicense > 0 && (
          <span className={classes.muted}>
            {t('security.sbom.withoutLicense', {
              count: summary.packagesWithoutLicense,
            })}
          </span>
        )}
      </AboutField>
    </AboutFieldList>
  );
}
