const memoryUnits: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/**
 * Converts a CPU quantity (`500m`, `2`, `1.5`) to millicores.
 *
 * @internal
 */
export function cpuMillicores(quantity: string): number {
  return quantity.endsWith('m')
    ? Number(quantity.slice(0, -1))
    : Math.round(Number(quantity) * 1000);
}

/**
 * Converts a memory quantity (`512Mi`, `1G`, `1048576`) to bytes.
 *
 * @internal
 */
export function memoryBytes(quantity: string): number {
  const match = /^([0-9]+)([A-Za-z]*)$/.exec(quantity);
  if (!match || !(match[2] in memoryUnits)) {
    return NaN;
  }
  return Number(match[1]) * memoryUnits[match[2]];
}
