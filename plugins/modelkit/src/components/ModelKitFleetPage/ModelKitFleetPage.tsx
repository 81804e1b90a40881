import { Content, Header, Page } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import {
  ModelKitFleetContent,
  ModelKitFleetContentProps,
} from '../ModelKitFleetContent';

/**
 * The fleet page with its own header, for apps on the legacy frontend
 * system, whose routes render whole pages.
 *
 * @internal
 */
export function ModelKitFleetPage(props: ModelKitFleetContentProps) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  return (
    <Page themeId="tool">
      <Header title={t('fleet.title')} subtitle={t('fleet.subtitle')} />
      <Content>
        <ModelKitFleetContent {...props} />
      </Content>
    </Page>
  );
}
