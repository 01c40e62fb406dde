import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { MantineProvider } from "@mantine/core";
import { layout, type Graph } from "@/pages/tasks/graph";
import { WorkflowGraph } from "@/pages/tasks/WorkflowGraph";

const graph: Graph = {
  steps: [
    { key: "triage", name: "Triage", is_start: true },
    { key: "fix", name: "Fix" },
    { key: "verify", name: "Verify with requester", is_end: true },
    { key: "orphan", name: "Unreachable" },
  ],
  transitions: [
    { key: "to_specialist", from: "triage", to: "fix", name: "Hand to specialist" },
    { key: "need_info", from: "fix", to: "triage", name: "Need more information" },
    { key: "fixed", from: "fix", to: "verify", name: "Fixed" },
  ],
};

describe("workflow graph", () => {
  it("puts each step one column after the step that leads to it, unreachable ones last", () => {
    const { placed, columns } = layout(graph);
    expect([...placed.values()].map((p) => [p.step.key, p.column])).toEqual([
      ["triage", 0],
      ["fix", 1],
      ["verify", 2],
      ["orphan", 3],
    ]);
    expect(columns).toBe(4);
  });

  it("names the current step for screen readers", () => {
    render(
      <MantineProvider>
        <WorkflowGraph graph={graph} current="fix" done={false} />
      </MantineProvider>,
    );
    expect(screen.getByRole("img")).toHaveAccessibleName(
      "Workflow steps: Triage, then Fix (current), then Verify with requester, then Unreachable",
    );
  });
});
