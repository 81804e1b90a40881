import Tooltip from '@material-ui/core/Tooltip';
import {
  formatAbsoluteTime,
  formatRelativeTime,
  parseTimestamp,
} from '../../lib/format';

/**
 * A point in time written relative to now (`3 days ago`), with the full date
 * and time in a tooltip. A missing or unreadable timestamp shows as `-`.
 *
 * @public
 */
export function RelativeTime(props: { timestamp?: string }) {
  const date = parseTimestamp(props.timestamp);
  if (!date) {
    return <>-</>;
  }
  return (
    <Tooltip title={formatAbsoluteTime(date)}>
      <time dateTime={date.toISOString()}>{formatRelativeTime(date)}</time>
    </Tooltip>
  );
}
