import { Link } from '@backstage/core-components';
import { webUrl } from '../../lib/attestations';

/**
 * A value from an attestation: a link when it is a web address, plain text
 * otherwise.
 */
export function SummaryLink(props: { value: string; children?: string }) {
  const url = webUrl(props.value);
  const text = props.children ?? props.value;
  return url ? <Link to={url}>{text}</Link> : <>{text}</>;
}
