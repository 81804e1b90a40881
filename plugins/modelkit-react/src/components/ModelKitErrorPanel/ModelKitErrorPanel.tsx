import { ResponseErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';

/**
 * Shows an error of the ModelKit API with its message in the title. For an
 * error response of the backend that is the backend's own message (for
 * example that the registry cannot be reached), and the details hold the
 * status, the request and the full body.
 *
 * @public
 */
export function ModelKitErrorPanel(props: { error: Error; title?: string }) {
  const { error, title } = props;
  const message = ResponseError.is(error) ? error.cause.message : error.message;
  return (
    <ResponseErrorPanel
      error={error}
      title={title && message ? `${title}: ${message}` : title ?? message}
    />
  );
}
