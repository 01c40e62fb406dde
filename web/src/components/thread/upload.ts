// Multipart uploads (field `file`) through the typed clients.
import { api, unwrap } from "@/api/clients";
import type { ThreadAttachment } from "@/lib/thread";

function form(file: File): FormData {
  const data = new FormData();
  data.append("file", file, file.name);
  return data;
}

/** Attaches a file to a comment; answers the change (its `seq`) and the attachment stored. */
export async function attachToComment(commentId: number, file: File): Promise<{ seq: number; attachment: ThreadAttachment }> {
  return (await unwrap(
    api().messaging.POST("/comments/{id}/attachments/", {
      params: { path: { id: commentId } },
      body: form(file) as never,
      bodySerializer: (body: unknown) => body as FormData,
    }),
  )) as { seq: number; attachment: ThreadAttachment };
}

/** Attaches a file to a ticket. */
export async function attachToTicket(ticketNumber: string, file: File): Promise<unknown> {
  return unwrap(
    api().tickets.POST("/tickets/{ticket_number}/attachments/", {
      params: { path: { ticket_number: ticketNumber } },
      body: form(file) as never,
      bodySerializer: (body: unknown) => body as FormData,
    }),
  );
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
