// One error type for every failed call to a service: the status, the envelope's code and
// message, and the fields it names. Pages show `message` and `fields` as the API gave them.

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];
  readonly requestId: string | null;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldProblem[] = [],
    requestId: string | null = null,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
  }

  /** The problem the API named for `field`, if any. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

interface Envelope {
  error?: { code?: unknown; message?: unknown; fields?: unknown };
  request_id?: unknown;
}

/** Builds an ApiError from an error response and its (parsed) body, whatever its shape. */
export function apiErrorFrom(status: number, body: unknown, fallback: string): ApiError {
  const envelope = (body ?? {}) as Envelope;
  const detail = envelope.error;
  const message =
    typeof detail?.message === "string" && detail.message !== ""
      ? detail.message
      : `${fallback} (HTTP ${status})`;
  const code = typeof detail?.code === "string" ? detail.code : `http_${status}`;
  const fields = Array.isArray(detail?.fields)
    ? (detail.fields as unknown[])
        .filter(
          (f): f is FieldProblem =>
            typeof f === "object" &&
            f !== null &&
            typeof (f as FieldProblem).field === "string" &&
            typeof (f as FieldProblem).message === "string",
        )
        .map((f) => ({ field: f.field, message: f.message }))
    : [];
  const requestId = typeof envelope.request_id === "string" ? envelope.request_id : null;
  return new ApiError(status, code, message, fields, requestId);
}

/** A service that could not be reached at all (down, wrong URL, CORS refused). */
export function unreachable(service: string, cause: unknown): ApiError {
  const error = new ApiError(
    0,
    "unreachable",
    `The ${service} cannot be reached. Check your connection and try again.`,
  );
  error.cause = cause;
  return error;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
