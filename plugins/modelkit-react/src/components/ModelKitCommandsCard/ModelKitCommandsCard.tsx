import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityInfoCard } from '@backstage/plugin-catalog-react';
import { ModelKitCommands } from '@kitstage/plugin-modelkit-common';
import { modelkitTranslationRef } from '../../translation';
import { AboutField, AboutFieldList } from '../AboutField';
import { CopyableCommand } from '../CopyableCommand';

/** Each command shown, in order, with its label and copy button label. */
const COMMANDS = [
  ['pull', 'contentsContent.pull', 'contentsContent.copyPull'],
  ['unpack', 'contentsContent.unpack', 'contentsContent.copyUnpack'],
  ['inspect', 'contentsContent.inspect', 'contentsContent.copyInspect'],
] as const;

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
        {COMMANDS.map(([command, label, copyLabel]) => (
          <AboutField key={command} label={t(label)} wide>
            <CopyableCommand
              command={commands[command]}
              copyLabel={t(copyLabel)}
              copiedText={copied}
            />
          </AboutField>
        ))}
      </AboutFieldList>
    </EntityInfoCard>
  );
}
