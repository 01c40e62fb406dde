// Writing a comment or reply: visibility (staff choose explicitly; internal by default), @mentions
// of staff with an autocomplete, attachments, and "typing…" sent while writing.
import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Button, FileInput, Group, Paper, SegmentedControl, Stack, Text, Textarea, UnstyledButton } from "@mantine/core";
import { IconLock, IconPaperclip, IconWorld } from "@tabler/icons-react";
import { isApiError } from "@/api/errors";
import { ErrorAlert } from "@/components/ErrorAlert";
import { mentionAt, type Visibility } from "@/lib/thread";
import type { StaffMember } from "./staff";

export interface Draft {
  body: string;
  visibility: Visibility;
  mentions: number[];
  files: File[];
}

/** The mentioned people whose `@name` is still in the text. */
export function mentionsIn(body: string, picked: StaffMember[]): number[] {
  return [...new Set(picked.filter((p) => body.includes(`@${p.name}`)).map((p) => p.user_id))];
}

export function Composer({
  staff,
  directory,
  label,
  submitLabel,
  initialBody = "",
  fixedVisibility,
  allowFiles = true,
  onSubmit,
  onCancel,
  onTyping,
}: {
  /** Staff choose the visibility and may mention; requesters always write public replies. */
  staff: boolean;
  directory: StaffMember[];
  label: string;
  submitLabel?: (visibility: Visibility) => string;
  initialBody?: string;
  /** The visibility is decided already (an edit, or a reply to an internal note). */
  fixedVisibility?: Visibility;
  allowFiles?: boolean;
  onSubmit: (draft: Draft) => Promise<void>;
  onCancel?: () => void;
  onTyping?: (visibility: Visibility) => void;
}) {
  const [body, setBody] = useState(initialBody);
  const [visibility, setVisibility] = useState<Visibility>(fixedVisibility ?? (staff ? "internal" : "public"));
  const [files, setFiles] = useState<File[]>([]);
  const [picked, setPicked] = useState<StaffMember[]>([]);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const listId = useId();

  const mention = staff ? mentionAt(body, caret) : null;
  const suggestions = useMemo(() => {
    if (!mention) return [];
    const q = mention.query.toLowerCase();
    return directory.filter((p) => p.name.toLowerCase().includes(q) || (p.email ?? "").toLowerCase().startsWith(q)).slice(0, 8);
  }, [mention, directory]);

  const choose = (person: StaffMember) => {
    if (!mention) return;
    const text = `${body.slice(0, mention.start)}@${person.name} ${body.slice(caret)}`;
    const at = mention.start + person.name.length + 2;
    setBody(text);
    setPicked((p) => (p.some((x) => x.user_id === person.user_id) ? p : [...p, person]));
    setCaret(at);
    setActive(0);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(at, at);
    });
  };

  const submit = async () => {
    setError(null);
    setSending(true);
    try {
      await onSubmit({ body, visibility, mentions: mentionsIn(body, picked), files });
      setBody("");
      setFiles([]);
      setPicked([]);
      // Each public reply is chosen again: after sending, staff are back to an internal note.
      setVisibility(fixedVisibility ?? (staff ? "internal" : "public"));
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((a) => (a + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        const person = suggestions[active] ?? suggestions[0];
        if (person) choose(person);
        return;
      }
      if (event.key === "Escape") {
        setCaret(-1);
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && body.trim() !== "") {
      event.preventDefault();
      void submit();
    }
  };

  const internal = visibility === "internal";
  const bodyError = isApiError(error) ? error.fieldMessage("body") : undefined;
  const showVisibility = staff && !fixedVisibility;

  return (
    <Stack gap="xs">
      {showVisibility && (
        <SegmentedControl
          aria-label="Visibility"
          value={visibility}
          onChange={(v) => setVisibility(v as Visibility)}
          color={internal ? "yellow" : "blue"}
          data={[
            { value: "internal", label: "Internal note" },
            { value: "public", label: "Public reply" },
          ]}
          w="fit-content"
        />
      )}
      {staff && (
        <Text size="xs" c={internal ? "yellow.9" : "blue.8"} fw={500}>
          {internal ? (
            <>
              <IconLock size={12} style={{ verticalAlign: -1 }} /> Staff only — the requester will not see this.
            </>
          ) : (
            <>
              <IconWorld size={12} style={{ verticalAlign: -1 }} /> Visible to the requester.
            </>
          )}
        </Text>
      )}
      <div style={{ position: "relative" }}>
        <Textarea
          ref={area}
          label={label}
          placeholder={staff ? "Write… type @ to mention a colleague" : "Write a reply…"}
          autosize
          minRows={3}
          maxRows={12}
          value={body}
          error={bodyError}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
            setActive(0);
            onTyping?.(visibility);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onKeyDown={onKeyDown}
          styles={internal ? { input: { backgroundColor: "var(--mantine-color-yellow-0)" } } : undefined}
          aria-autocomplete={staff ? "list" : undefined}
          aria-controls={suggestions.length > 0 ? listId : undefined}
          aria-activedescendant={suggestions.length > 0 ? `${listId}-${active}` : undefined}
        />
        {suggestions.length > 0 && (
          <Paper
            withBorder
            shadow="md"
            p={4}
            id={listId}
            role="listbox"
            aria-label="Mention a colleague"
            style={{ position: "absolute", zIndex: 20, left: 8, right: 8, top: "100%" }}
          >
            {suggestions.map((p, i) => (
              <UnstyledButton
                key={p.user_id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(p);
                }}
                px="sm"
                py={6}
                w="100%"
                style={{ borderRadius: 4, background: i === active ? "var(--mantine-color-blue-light)" : undefined }}
              >
                <Text size="sm" fw={500}>
                  {p.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {p.roles.join(", ")}
                </Text>
              </UnstyledButton>
            ))}
          </Paper>
        )}
      </div>
      {allowFiles && (
        <FileInput
          label="Attachments"
          placeholder="Add files"
          multiple
          clearable
          leftSection={<IconPaperclip size={16} />}
          value={files}
          onChange={setFiles}
          size="xs"
          maw={420}
        />
      )}
      {error != null && !bodyError && <ErrorAlert error={error} />}
      <Group gap="xs">
        <Button
          onClick={() => void submit()}
          loading={sending}
          disabled={body.trim() === ""}
          color={internal ? "yellow" : "blue"}
          leftSection={internal ? <IconLock size={16} /> : <IconWorld size={16} />}
        >
          {submitLabel ? submitLabel(visibility) : internal ? "Add internal note" : "Send public reply"}
        </Button>
        {onCancel && (
          <Button variant="default" onClick={onCancel} disabled={sending}>
            Cancel
          </Button>
        )}
        <Text size="xs" c="dimmed">
          Ctrl+Enter sends
        </Text>
      </Group>
    </Stack>
  );
}
