import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityInfoCard } from '@backstage/plugin-catalog-react';
import { ModelKitCommands } from '@kitstage/plugin-modelkit-common';
import { modelkitTranslationRef } from '../../translation';
import { AboutField, AboutFieldList } from '../AboutField';
import { CopyableCommand } from '../CopyableCommand';

/**
 * The `kit pull`, `kit unpack` and `kit inspect` commands of one ModelKit
 * version, as the backend wrote them, each with a copy button.
 *
 * @public
 */
export function ModelKitCommandsCard(props: { commands: ModelKitCommands }) {
  const { commands } = props;
  const { t } = useTranslationRef(modelkitTranslationRef);
  const copied = t('contentsContent.copied');
  return (
    <EntityInfoCard title={t('contentsContent.commandsTitle')}>
      <AboutFieldList>
        <AboutField label={t('contentsContent.pull')} wide>
          <CopyableCommand
            command={commands.pull}
            copyLabel={t('contentsContent.copyPull')}
            copiedText={copied}
          />
        </AboutField>
        <AboutField label={t('contentsContent.unpack')} wide>
          <CopyableCommand
            command={commands.unpack}
            copyLabel={t('contentsContent.copyUnpack')}
            copiedText={copied}
          />
        </AboutField>
        <AboutField label={t('contentsContent.inspect')} wide>
          <CopyableCommand
            command={commands.inspect}
            copyLabel={t('contentsContent.copyInspect')}
            copiedText={copied}
          />
        </AboutField>
      </AboutFieldList>
    </EntityInfoCard>
  );
}
