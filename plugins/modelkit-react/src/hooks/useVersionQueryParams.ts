import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo } from 'react';

/**
 * Reads and writes the versions selected on a page in its query parameters
 * (`?version=`, `?from=&to=`), so that a link to the page shows the same
 * selection. Other query parameters are left as they are.
 *
 * @param keys - The query parameters to read and write.
 * @returns The value of each parameter (undefined when absent or empty) and a
 *   function that sets some of them, adding a history entry.
 * @public
 */
export function useVersionQueryParams<TKey extends string>(
  keys: readonly TKey[],
): [
  Partial<Record<TKey, string>>,
  (values: Partial<Record<TKey, string>>) => void,
] {
  const [searchParams, setSearchParams] = useAppSearchParams();
  const keyList = keys.join('\n');

  const values = useMemo(() => {
    const result: Partial<Record<TKey, string>> = {};
    for (const key of keyList.split('\n') as TKey[]) {
      const value = searchParams.get(key);
      if (value) {
        result[key] = value;
      }
    }
    return result;
  }, [searchParams, keyList]);

  const setValues = useCallback(
    (next: Partial<Record<TKey, string>>) => {
      setSearchParams(previous => {
        for (const [key, value] of Object.entries(next) as Array<
          [TKey, string | undefined]
        >) {
          if (value) {
            previous.set(key, value);
          } else {
            previous.delete(key);
          }
        }
        return previous;
      });
    },
    [setSearchParams],
  );

  return [values, setValues];
}
