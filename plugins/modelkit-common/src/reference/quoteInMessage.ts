/**
 * Quotes a value for an error or refusal message, as a JSON string, shortened to `max`
 * characters and an ellipsis when longer: the values quoted come from requests, entities and
 * registries, and may be long or hold line breaks.
 *
 * @param value - the value, as given.
 * @param max - how many of its characters are shown at most.
 * @public
 */
export function quoteInMessage(value: string, max = 100): string {
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(shown);
}
