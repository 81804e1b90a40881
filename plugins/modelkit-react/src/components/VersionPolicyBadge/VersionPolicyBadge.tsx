import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ModelKitVersionPolicyStatus } from '@kitstage/plugin-modelkit-common';
import Typography from '@material-ui/core/Typography';
import { modelkitTranslationRef } from '../../translation';
import { PolicyBadge } from '../PolicyBadge';

/**
 * The policy badge of one ModelKit version from the batched policy status:
 * the outcome with the backend's sentence (and why the attestations could not
 * be checked, when they could not), a note while it loads, or a dash when it
 * could not be loaded.
 *
 * @public
 */
export function VersionPolicyBadge(props: {
  status?: ModelKitVersionPolicyStatus;
  lifecycle?: string;
  pending?: boolean;
}) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { status } = props;
  if (status) {
    return (
      <PolicyBadge
        policy={{
          status: status.status,
          applies: status.applies,
          lifecycle: props.lifecycle ?? '',
          message: status.error
            ? `${status.message} ${t('policy.error', {
                message: status.error,
              })}`
            : status.message,
        }}
      />
    );
  }
  if (props.pending) {
    return (
      <Typography variant="caption" color="textSecondary" aria-busy="true">
        {t('policy.pending')}
      </Typography>
    );
  }
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      title={t('policy.unavailable')}
      aria-label={t('policy.unavailable')}
    >
      -
    </Typography>
  );
}
