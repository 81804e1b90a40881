import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityInfoCard } from '@backstage/plugin-catalog-react';
import { ModelKitVersion } from '@kitstage/plugin-modelkit-common';
import { formatBytes } from '../../lib/format';
import { modelkitTranslationRef } from '../../translation';
import { AboutField, AboutFieldList } from '../AboutField';
import { DigestText } from '../DigestText';
import { RelativeTime } from '../RelativeTime';
import { VersionTags } from '../VersionTags';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The Kitfile summary of one ModelKit version (package name, version, authors,
 * license and description) next to what the registry knows of it (tags,
 * digest, creation time, size and format).
 *
 * @public
 */
export function ModelKitVersionSummaryCard(props: {
  version: ModelKitVersion;
}) {
  const { version } = props;
  const { t } = useTranslationRef(modelkitTranslationRef);
  const pkg = version.kitfile.package ?? {};
  const authors = Array.isArray(pkg.authors)
    ? pkg.authors.filter((a): a is string => typeof a === 'string')
    : [];

  return (
    <EntityInfoCard title={t('contentsContent.packageTitle')}>
      <AboutFieldList>
        <AboutField label={t('contentsContent.packageName')}>
          {text(pkg.name) ?? '-'}
        </AboutField>
        <AboutField label={t('contentsContent.packageVersion')}>
          {text(pkg.version) ?? '-'}
        </AboutField>
        <AboutField label={t('contentsContent.license')}>
          {text(pkg.license) ?? '-'}
        </AboutField>
        <AboutField label={t('contentsContent.authors')}>
          {authors.length > 0 ? authors.join(', ') : '-'}
        </AboutField>
        <AboutField label={t('contentsContent.description')} wide>
          {text(pkg.description) ?? t('contentsContent.noDescription')}
        </AboutField>
        <AboutField label={t('contentsContent.tags')} wide>
          {version.tags.length > 0 ? <VersionTags tags={version.tags} /> : '-'}
        </AboutField>
        <AboutField label={t('contentsContent.digest')} wide>
          <DigestText digest={version.digest} />
        </AboutField>
        <AboutField label={t('contentsContent.created')}>
          <RelativeTime timestamp={version.created} />
        </AboutField>
        <AboutField label={t('contentsContent.size')}>
          {formatBytes(version.size)}
        </AboutField>
        <AboutField label={t('contentsContent.format')}>
          {version.format === 'modelpack' ? 'CNCF ModelPack' : 'KitOps'}
        </AboutField>
      </AboutFieldList>
    </EntityInfoCard>
  );
}
