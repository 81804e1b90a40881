import { compare } from './lineageKeys';

/**
 * The strongly connected components with a cycle, by Tarjan's algorithm without recursion:
 * each as its sorted ids, the components sorted by their first id. A single id is a cycle
 * only when it is its own successor.
 */
export function findCycles(
  ids: readonly string[],
  successors: (id: string) => readonly string[],
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const work: Array<{ id: string; next: number }> = [];
  let counter = 0;
  const visit = (id: string) => {
    index.set(id, counter);
    low.set(id, counter);
    counter++;
    stack.push(id);
    onStack.add(id);
    work.push({ id, next: 0 });
  };
  for (const start of ids) {
    if (index.has(start)) continue;
    visit(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const out = successors(frame.id);
      if (frame.next < out.length) {
        const next = out[frame.next++];
        if (!index.has(next)) {
          visit(next);
        } else if (onStack.has(next)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(next)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        if (component.length > 1 || successors(frame.id).includes(frame.id)) {
          cycles.push(component.sort(compare));
        }
      }
    }
  }
  return cycles.sort((a, b) => compare(a[0], b[0]));
}
