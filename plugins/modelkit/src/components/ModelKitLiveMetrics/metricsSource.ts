import type { ComponentLiveMetricsResponse } from '@kitstage/plugin-modelkit-common';

/**
 * What the app configuration says the metrics source is (`kitstage.prometheus.title` and
 * `kitstage.prometheus.simulated`), as the live metrics route returns it next to the metrics.
 *
 * @internal
 */
export interface LiveMetricsSource {
  title?: string;
  simulated: boolean;
}

/**
 * The metrics source of a live metrics answer, checked field by field; undefined when the
 * answer has none (a backend that does not say) or it is malformed.
 *
 * @internal
 */
export function liveMetricsSourceOf(
  value: ComponentLiveMetricsResponse | undefined,
): LiveMetricsSource | undefined {
  if (!value?.configured) return undefined;
  const source = (value as { source?: unknown }).source;
  if (typeof source !== 'object' || source === null) return undefined;
  const { title, simulated } = source as Record<string, unknown>;
  if (typeof simulated !== 'boolean') return undefined;
  return {
    simulated,
    ...(typeof title === 'string' && title.trim() && { title: title.trim() }),
  };
}
