import { PageHeader } from "@/components/PageHeader";
import { EmptyState } from "@/components/States";

/** A page that is not built yet. */
export function Placeholder({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title="Not available yet">This page is coming soon.</EmptyState>
    </>
  );
}
