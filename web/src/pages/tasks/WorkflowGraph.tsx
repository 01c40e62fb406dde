import { Box, Text } from "@mantine/core";
import { layout, type Graph } from "./graph";

const W = 172;
const H = 44;
const GAP_X = 56;
const GAP_Y = 28;
const PAD = 16;

/** The workflow version's steps and transitions, the current step highlighted. */
export function WorkflowGraph({ graph, current, done }: { graph: Graph; current: string | null; done: boolean }) {
  const { placed, columns, rows } = layout(graph);
  const width = PAD * 2 + columns * W + (columns - 1) * GAP_X;
  // Back-edges (to the same or an earlier column) are numbered so each dips a little lower.
  const backIndex = new Map<number, number>();
  graph.transitions.forEach((t, i) => {
    const a = placed.get(t.from);
    const b = placed.get(t.to);
    if (a && b && b.column <= a.column) backIndex.set(i, backIndex.size + 1);
  });
  const backEdges = backIndex.size;
  const height = PAD * 2 + rows * H + (rows - 1) * GAP_Y + (backEdges > 0 ? 26 + backEdges * 12 : 0);
  const x = (c: number) => PAD + c * (W + GAP_X);
  const y = (r: number) => PAD + r * (H + GAP_Y);
  const described = graph.steps
    .map((s) => (s.key === current ? `${s.name} (current)` : s.name))
    .join(", then ");
  return (
    <Box style={{ overflowX: "auto" }}>
      <svg
        role="img"
        aria-label={`Workflow steps: ${described}`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        style={{ display: "block" }}
      >
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="var(--mantine-color-gray-6)" />
          </marker>
        </defs>
        {graph.transitions.map((t, i) => {
          const a = placed.get(t.from);
          const b = placed.get(t.to);
          if (!a || !b) return null;
          if (b.column > a.column) {
            const x1 = x(a.column) + W;
            const y1 = y(a.row) + H / 2;
            const x2 = x(b.column);
            const y2 = y(b.row) + H / 2;
            const mx = (x1 + x2) / 2;
            return (
              <g key={t.key ?? i}>
                <path
                  d={`M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2 - 2},${y2}`}
                  fill="none"
                  stroke="var(--mantine-color-gray-6)"
                  strokeWidth={1.5}
                  markerEnd="url(#arrow)"
                />
                <title>{t.name ?? t.key}</title>
              </g>
            );
          }
          const back = backIndex.get(i) ?? 1;
          const x1 = x(a.column) + W / 2;
          const x2 = x(b.column) + W / 2;
          const base = y(rows - 1) + H;
          const dip = base + 14 + back * 12;
          return (
            <g key={t.key ?? i}>
              <path
                d={`M${x1},${y(a.row) + H} C${x1},${dip} ${x2},${dip} ${x2},${y(b.row) + H + 2}`}
                fill="none"
                stroke="var(--mantine-color-gray-5)"
                strokeDasharray="4 3"
                strokeWidth={1.25}
                markerEnd="url(#arrow)"
              />
              <title>{`${t.name ?? t.key} (back)`}</title>
            </g>
          );
        })}
        {[...placed.values()].map(({ step, column, row }) => {
          const isCurrent = step.key === current && !done;
          return (
            <g key={step.key} aria-current={isCurrent ? "step" : undefined}>
              <rect
                x={x(column)}
                y={y(row)}
                width={W}
                height={H}
                rx={8}
                fill={isCurrent ? "var(--mantine-color-blue-6)" : "var(--mantine-color-white)"}
                stroke={isCurrent ? "var(--mantine-color-blue-8)" : "var(--mantine-color-gray-4)"}
                strokeWidth={isCurrent ? 2 : 1}
              />
              <title>{step.name}</title>
              <text
                x={x(column) + W / 2}
                y={y(row) + H / 2 + 4}
                textAnchor="middle"
                fontSize={13}
                fontWeight={isCurrent ? 700 : 500}
                fill={isCurrent ? "white" : "var(--mantine-color-dark-7)"}
              >
                {step.name.length > 23 ? `${step.name.slice(0, 22)}…` : step.name}
              </text>
              {(step.is_start || step.is_end) && (
                <text x={x(column) + 8} y={y(row) - 4} fontSize={10} fill="var(--mantine-color-gray-7)">
                  {step.is_start ? "start" : "end"}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {graph.steps.length === 0 && (
        <Text size="sm" c="dimmed">
          The workflow has no steps.
        </Text>
      )}
    </Box>
  );
}
