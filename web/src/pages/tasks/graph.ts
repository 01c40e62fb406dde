// The workflow's steps laid out for a small picture: columns by distance from the start step
// (forward edges go right; back-edges curve underneath), rows within a column in graph order.

export interface GraphStep {
  key: string;
  name: string;
  is_start?: boolean;
  is_end?: boolean;
}
export interface GraphTransition {
  key?: string;
  from: string;
  to: string;
  name?: string | null;
}
export interface Graph {
  steps: GraphStep[];
  transitions: GraphTransition[];
}

export interface Placed {
  step: GraphStep;
  column: number;
  row: number;
}

export function layout(graph: Graph): { placed: Map<string, Placed>; columns: number; rows: number } {
  const start = graph.steps.find((s) => s.is_start) ?? graph.steps[0];
  const depth = new Map<string, number>();
  if (start) {
    depth.set(start.key, 0);
    const queue = [start.key];
    while (queue.length) {
      const at = queue.shift()!;
      for (const t of graph.transitions) {
        if (t.from === at && !depth.has(t.to)) {
          depth.set(t.to, depth.get(at)! + 1);
          queue.push(t.to);
        }
      }
    }
  }
  // Steps not reachable from the start still show, after the rest.
  let last = Math.max(-1, ...depth.values());
  for (const s of graph.steps) if (!depth.has(s.key)) depth.set(s.key, ++last);
  const perColumn = new Map<number, number>();
  const placed = new Map<string, Placed>();
  for (const step of graph.steps) {
    const column = depth.get(step.key)!;
    const row = perColumn.get(column) ?? 0;
    perColumn.set(column, row + 1);
    placed.set(step.key, { step, column, row });
  }
  return {
    placed,
    columns: Math.max(0, ...[...placed.values()].map((p) => p.column)) + 1,
    rows: Math.max(1, ...perColumn.values()),
  };
}
