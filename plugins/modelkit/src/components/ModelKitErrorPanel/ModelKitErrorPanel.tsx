import { ResponseErrorPanel } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';

/**
 * Shows an error of the ModelKit API. For an error response of the backend the
 * title is the backend's own message (for example that the registry cannot be
 * reached), and the details hold the status, the request and the full body.
 *
 * @internal
 */
export function ModelKitErrorPanel(props: { error: Error; title?: string }) {
  const { error } = props;
  const backendMessage = ResponseError.is(error)
    ? error.cause.message
    : undefined;
  return (
    <ResponseErrorPanel
      error={error}
      title={
        props.title && backendMessage
          ? `${props.title}: ${backendMessage}`
          : props.title ?? backendMessage
      }
    />
  );
}
