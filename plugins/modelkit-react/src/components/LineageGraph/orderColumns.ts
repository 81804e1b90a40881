/**
 * Crossing reduction of a layered drawing: the slots of each column (nodes,
 * and the points where a long edge crosses a column) are sorted by the
 * barycentre of their neighbours in the column before (sweeping right) or
 * after (sweeping left), and the order with the fewest crossings is kept.
 * Each sweep costs O(s log s + e) for s slots and e links.
 *
 * @internal
 */
export function orderColumns(
  columns: number[][],
  preds: readonly number[][],
  succs: readonly number[][],
  sweeps = 4,
): number[][] {
  const slotCount = preds.length;
  // The position of a slot in its column, scaled to (0, 1) so that columns
  // of different lengths compare.
  const pos = new Float64Array(slotCount);
  const setPositions = (column: number[]) => {
    column.forEach((slot, i) => {
      pos[slot] = (i + 0.5) / column.length;
    });
  };
  columns.forEach(setPositions);

  const sortColumn = (column: number[], neighbours: readonly number[][]) => {
    const keyed = column.map((slot, i) => {
      const list = neighbours[slot];
      let key = pos[slot];
      if (list.length > 0) {
        let sum = 0;
        for (const other of list) sum += pos[other];
        key = sum / list.length;
      }
      return { slot, key, i };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    for (let i = 0; i < column.length; i++) column[i] = keyed[i].slot;
    setPositions(column);
  };

  let best = columns.map(column => [...column]);
  let bestCrossings = countCrossings(columns, succs);
  for (let sweep = 0; sweep < sweeps && bestCrossings > 0; sweep++) {
    for (let c = 1; c < columns.length; c++) sortColumn(columns[c], preds);
    for (let c = columns.length - 2; c >= 0; c--) {
      sortColumn(columns[c], succs);
    }
    const crossings = countCrossings(columns, succs);
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = columns.map(column => [...column]);
    }
  }
  return best;
}

/**
 * The number of edge crossings between adjacent columns, counted with a
 * Fenwick tree in O(e log s) (Barth, Jünger and Mutzel).
 *
 * @internal
 */
export function countCrossings(
  columns: readonly number[][],
  succs: readonly number[][],
): number {
  const slotCount = succs.length;
  const rank = new Int32Array(slotCount);
  for (const column of columns) {
    column.forEach((slot, i) => {
      rank[slot] = i;
    });
  }
  let total = 0;
  for (let c = 0; c + 1 < columns.length; c++) {
    const targets: number[] = [];
    for (const slot of columns[c]) {
      const ends = succs[slot].map(s => rank[s]).sort((a, b) => a - b);
      targets.push(...ends);
    }
    const size = columns[c + 1].length;
    const tree = new Int32Array(size + 1);
    let seen = 0;
    for (const target of targets) {
      // Edges seen so far that end further down than this one cross it.
      let upToHere = 0;
      for (let i = target + 1; i > 0; i -= i & -i) upToHere += tree[i];
      total += seen - upToHere;
      for (let i = target + 1; i <= size; i += i & -i) tree[i]++;
      seen++;
    }
  }
  return total;
}
