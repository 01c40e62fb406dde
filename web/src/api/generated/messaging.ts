// Generated from docs/openapi/messaging.json by `npm run generate`. Do not edit.

export interface paths {
    "/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an attachment
         * @description The file's bytes, for people who may read its comment.
         */
        get: operations["downloadAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List comment audit events
         * @description Edits (with the body before and after) and deletes (with the body that was deleted), newest
         *     first, for `tts:Admin` staff. Filters combine; pages with `?limit=&cursor=`.
         */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/comments/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a comment
         * @description One comment with the caller's own rating, and its replies when it is a top-level one.
         */
        get: operations["getComment"];
        put?: never;
        post?: never;
        /**
         * Delete a comment
         * @description By its author or a `tts:Admin`: a soft delete. The comment keeps its place, marked deleted,
         *     with its body wiped (kept in the audit log); its replies stay.
         */
        delete: operations["deleteComment"];
        options?: never;
        head?: never;
        /**
         * Edit a comment
         * @description By its author or a `tts:Admin`. Sets `edited`; the previous body is kept in the audit log.
         *     Only people newly mentioned are notified.
         */
        patch: operations["editComment"];
        trace?: never;
    };
    "/comments/{id}/attachments/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Attach a file to a comment
         * @description Multipart field `file`, by the comment's author (or a `tts:Admin`). The type is judged from
         *     the bytes; files are stored once per SHA-256.
         */
        post: operations["attachFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/comments/{id}/rating/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Rate a comment
         * @description Thumbs up or down, one per person per comment: the same call sets, switches or (with null)
         *     removes the caller's rating.
         */
        put: operations["rateComment"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/comments/{id}/replies/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reply to a comment
         * @description Replies go one level deep: the comment replied to must be a top-level one. A reply to an
         *     internal comment is internal, whatever was asked.
         */
        post: operations["replyToComment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check liveness.
         * @description The process is up and serving HTTP; it checks no dependency, so an orchestrator restarts
         *     the process only when it stops answering.
         */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check readiness.
         * @description The database and the broker are reachable, so the service can take traffic. A 503 names
         *     in `checks` and `error.message` what is not.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the metrics.
         * @description Prometheus metrics of this process in the text exposition format: HTTP requests by route
         *     and status, their durations, and the service's own counters.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_number}/comments/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a ticket's comments
         * @description The thread of a ticket: top-level comments oldest first, each with its replies oldest first.
         *     Requesters see public comments only. `seq` is the thread's latest sequence number: open the
         *     socket with `?after=<seq>` to receive every change made since this page was read.
         */
        get: operations["listComments"];
        put?: never;
        /**
         * Comment on a ticket
         * @description Starts the thread when it is the first comment (staff: only on a ticket the ticket service
         *     holds). The answer carries the change's sequence number, the one the socket shows, and the
         *     mentioned people who were not notified.
         */
        post: operations["postComment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Format: binary
         * @description A downloaded file's bytes.
         */
        AttachmentBytes: string;
        /**
         * @example {
         *       "attachment": {
         *         "comment_id": 2,
         *         "content_type": "image/png",
         *         "created_at": "2026-12-02T00:03:25.146073Z",
         *         "file_name": "uplink.png",
         *         "id": 1,
         *         "size_bytes": 33,
         *         "url": "/attachments/1"
         *       },
         *       "seq": 6
         *     }
         */
        AttachmentChange: {
            attachment: components["schemas"]["AttachmentView"];
            /** Format: int64 */
            seq: number;
        };
        /**
         * @example {
         *       "comment_id": 2,
         *       "content_type": "image/png",
         *       "created_at": "2026-12-02T00:03:25.146073Z",
         *       "file_name": "uplink.png",
         *       "id": 1,
         *       "size_bytes": 33,
         *       "url": "/attachments/1"
         *     }
         */
        AttachmentView: {
            /** Format: int64 */
            comment_id: number;
            content_type: string;
            /** Format: date-time */
            created_at: string;
            file_name: string;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            size_bytes: number;
            /** @description Where to download it. */
            url: string;
        };
        /**
         * @description What an audit event records.
         * @enum {string}
         */
        AuditAction: "comment.edited" | "comment.deleted";
        /**
         * @description A comment's content before or after a change.
         * @example {
         *       "body": "Uplink replaced, monitoring",
         *       "mentions": [
         *         4
         *       ]
         *     }
         */
        AuditedContent: {
            body: string;
            /** @description Mentioned staff user ids. */
            mentions: number[];
        };
        /**
         * @example {
         *       "action": "comment.edited",
         *       "actor_id": 1,
         *       "actor_name": "Ana Reyes",
         *       "actor_type": "staff",
         *       "after": {
         *         "body": "Uplink replaced; monitoring for an hour",
         *         "mentions": [
         *           4,
         *           5
         *         ]
         *       },
         *       "at": "2026-12-02T00:03:25.174717Z",
         *       "before": {
         *         "body": "Uplink replaced, monitoring",
         *         "mentions": [
         *           4
         *         ]
         *       },
         *       "id": 3,
         *       "request_id": "01a23410-2d69-7555-a275-5746b025284f",
         *       "target_id": "2",
         *       "target_type": "comment",
         *       "ticket_number": "TX20261201000042"
         *     }
         */
        AuditEvent: {
            action: components["schemas"]["AuditAction"];
            /** Format: int64 */
            actor_id: number;
            actor_name: string;
            /** @description `staff` or `employee` (their ids are separate namespaces). */
            actor_type: components["schemas"]["UserType"];
            after?: components["schemas"]["AuditedContent"] | null;
            /** Format: date-time */
            at: string;
            before?: components["schemas"]["AuditedContent"] | null;
            /** Format: int64 */
            id: number;
            /** @description The `X-Request-Id` of the request that made the change. */
            request_id?: string | null;
            /** @description The comment id. */
            target_id: string;
            /** @description Always `comment`. */
            target_type: string;
            ticket_number: string;
        };
        /**
         * @description A page of the audit log, newest first.
         * @example {
         *       "items": [
         *         {
         *           "action": "comment.edited",
         *           "actor_id": 1,
         *           "actor_name": "Ana Reyes",
         *           "actor_type": "staff",
         *           "after": {
         *             "body": "Uplink replaced; monitoring for an hour",
         *             "mentions": [
         *               4,
         *               5
         *             ]
         *           },
         *           "at": "2026-12-02T00:03:25.174717Z",
         *           "before": {
         *             "body": "Uplink replaced, monitoring",
         *             "mentions": [
         *               4
         *             ]
         *           },
         *           "id": 3,
         *           "request_id": "01a23410-2d69-7555-a275-5746b025284f",
         *           "target_id": "2",
         *           "target_type": "comment",
         *           "ticket_number": "TX20261201000042"
         *         },
         *         {
         *           "action": "comment.deleted",
         *           "actor_id": 1,
         *           "actor_name": "Ana Reyes",
         *           "actor_type": "staff",
         *           "after": null,
         *           "at": "2026-12-02T00:03:25.028343Z",
         *           "before": {
         *             "body": "Rebooted the core switch; @Ben please check the uplink",
         *             "mentions": [
         *               3
         *             ]
         *           },
         *           "id": 2,
         *           "request_id": "01a23410-2ce3-77a0-92b0-56a3f89e0018",
         *           "target_id": "1",
         *           "target_type": "comment",
         *           "ticket_number": "TX20261201000042"
         *         }
         *       ],
         *       "next_cursor": "YTI"
         *     }
         */
        AuditPage: {
            items: components["schemas"]["AuditEvent"][];
            /** @description Pass as `cursor` for the next page; absent on the last. */
            next_cursor?: string | null;
        };
        /**
         * @example {
         *       "name": "Ana Reyes",
         *       "role": "Agent",
         *       "user_id": 1,
         *       "user_type": "staff"
         *     }
         */
        Author: {
            name: string;
            /** @description The author's TTS role when they wrote it (empty for requesters). */
            role: string;
            /** Format: int64 */
            user_id: number;
            user_type: components["schemas"]["UserType"];
        };
        /**
         * @description A change to a thread: its sequence number (the same the socket shows) and the comment now.
         * @example {
         *       "comment": {
         *         "attachments": [],
         *         "author": {
         *           "name": "Ana Reyes",
         *           "role": "Agent",
         *           "user_id": 1,
         *           "user_type": "staff"
         *         },
         *         "body": "Rebooted the switch; @Ben please check the uplink",
         *         "created_at": "2026-12-02T00:03:24.948818Z",
         *         "deleted": false,
         *         "deleted_at": null,
         *         "edited": false,
         *         "edited_at": null,
         *         "id": 1,
         *         "mentions": [
         *           3
         *         ],
         *         "parent_id": null,
         *         "thumbs_down": 0,
         *         "thumbs_up": 0,
         *         "ticket_number": "TX20261201000042",
         *         "visibility": "public"
         *       },
         *       "mentions_not_notified": [],
         *       "seq": 1
         *     }
         */
        Change: {
            comment: components["schemas"]["CommentView"];
            /**
             * @description Mentioned people who were not notified, and why (empty when everyone was, and for
             *     changes that notify nobody).
             */
            mentions_not_notified: components["schemas"]["UnnotifiedMention"][];
            /** Format: int64 */
            seq: number;
        };
        /**
         * @example {
         *       "body": "Rebooted the core switch; @Ben please check the uplink"
         *     }
         */
        CommentEdit: {
            /** @description 1–10,000 characters after trimming. */
            body: string;
            /**
             * @description Replaces the mentions (staff user ids, at most 50); people newly mentioned are notified.
             *     Absent: unchanged.
             */
            mentions?: number[] | null;
        };
        /**
         * @example {
         *       "attachments": [
         *         {
         *           "comment_id": 2,
         *           "content_type": "image/png",
         *           "created_at": "2026-12-02T00:03:25.146073Z",
         *           "file_name": "uplink.png",
         *           "id": 1,
         *           "size_bytes": 33,
         *           "url": "/attachments/1"
         *         }
         *       ],
         *       "author": {
         *         "name": "Ana Reyes",
         *         "role": "Agent",
         *         "user_id": 1,
         *         "user_type": "staff"
         *       },
         *       "body": "Uplink replaced; monitoring for an hour",
         *       "created_at": "2026-12-02T00:03:25.118803Z",
         *       "deleted": false,
         *       "deleted_at": null,
         *       "edited": true,
         *       "edited_at": "2026-12-02T00:03:25.174717Z",
         *       "id": 2,
         *       "mentions": [
         *         4,
         *         5
         *       ],
         *       "parent_id": null,
         *       "replies": [],
         *       "thumbs_down": 0,
         *       "thumbs_up": 0,
         *       "ticket_number": "TX20261201000042",
         *       "visibility": "internal"
         *     }
         */
        CommentView: {
            attachments: components["schemas"]["AttachmentView"][];
            author: components["schemas"]["Author"];
            /** @description Empty once deleted. */
            body: string;
            /** Format: date-time */
            created_at: string;
            deleted: boolean;
            /** Format: date-time */
            deleted_at?: string | null;
            edited: boolean;
            /** Format: date-time */
            edited_at?: string | null;
            /** Format: int64 */
            id: number;
            /** @description Mentioned staff user ids. */
            mentions: number[];
            my_rating?: components["schemas"]["Rating"] | null;
            /**
             * Format: int64
             * @description The comment this one replies to; replies go one level deep.
             */
            parent_id?: number | null;
            /** @description Replies, oldest first (top-level comments in lists and detail only). */
            replies?: components["schemas"]["CommentView"][] | null;
            /** Format: int32 */
            thumbs_down: number;
            /** Format: int32 */
            thumbs_up: number;
            ticket_number: string;
            visibility: components["schemas"]["Visibility"];
        };
        /**
         * @description JSON body of every error response.
         * @example {
         *       "error": {
         *         "code": "validation_failed",
         *         "fields": [
         *           {
         *             "field": "priority",
         *             "message": "must be one of Low, Medium, High, Critical"
         *           },
         *           {
         *             "field": "steps[2].role_id",
         *             "message": "is required"
         *           },
         *           {
         *             "field": "subject",
         *             "message": "expected a string, got an integer"
         *           }
         *         ],
         *         "message": "3 fields are invalid"
         *       },
         *       "request_id": "01936f4c-7d2e-7b61-9a43-5f0e8c2d1a7b"
         *     }
         */
        ErrorBody: {
            error: components["schemas"]["ErrorDetail"];
            request_id?: string | null;
        };
        ErrorDetail: {
            code: string;
            fields?: components["schemas"]["FieldError"][];
            message: string;
        };
        /** @description One problem with one input field. */
        FieldError: {
            /** @description Dotted path of the field in the request (`subject`, `steps[2].role_id`, path or query name). */
            field: string;
            message: string;
        };
        HealthBody: {
            /** @description Each dependency: `ok` or what is wrong with it. */
            checks?: {
                [key: string]: string;
            };
            error?: components["schemas"]["ErrorDetail"] | null;
            /** @description `ok` or `unavailable`. */
            status: string;
        };
        /**
         * @example {
         *       "body": "Rebooted the switch; @Ben please check the uplink",
         *       "mentions": [
         *         3
         *       ]
         *     }
         */
        NewComment: {
            /** @description 1–10,000 characters after trimming. */
            body: string;
            /**
             * @description Staff user ids (positive, at most 50) to notify as mentioned; staff only. Those who may
             *     not read the comment are not told (see `mentions_not_notified` in the answer).
             */
            mentions?: number[];
            visibility?: components["schemas"]["Visibility"] | null;
        };
        /**
         * @description Why a mentioned person was not told of a comment.
         * @enum {string}
         */
        NotNotifiedReason: "cannot_read" | "unconfirmed";
        /**
         * @description A thumbs-up or thumbs-down.
         * @enum {string}
         */
        Rating: "up" | "down";
        /**
         * @example {
         *       "comment_id": 1,
         *       "my_rating": "up",
         *       "seq": 2,
         *       "thumbs_down": 0,
         *       "thumbs_up": 1
         *     }
         */
        RatingChange: {
            /** Format: int64 */
            comment_id: number;
            my_rating?: components["schemas"]["Rating"] | null;
            /** Format: int64 */
            seq: number;
            /** Format: int32 */
            thumbs_down: number;
            /** Format: int32 */
            thumbs_up: number;
        };
        /**
         * @example {
         *       "rating": "up"
         *     }
         */
        RatingInput: {
            rating?: components["schemas"]["Rating"] | null;
        };
        /**
         * @description A page of a thread.
         * @example {
         *       "items": [
         *         {
         *           "attachments": [],
         *           "author": {
         *             "name": "Ana Reyes",
         *             "role": "Agent",
         *             "user_id": 1,
         *             "user_type": "staff"
         *           },
         *           "body": "Rebooted the core switch; @Ben please check the uplink",
         *           "created_at": "2026-12-02T00:03:24.948818Z",
         *           "deleted": false,
         *           "deleted_at": null,
         *           "edited": true,
         *           "edited_at": "2026-12-02T00:03:24.988735Z",
         *           "id": 1,
         *           "mentions": [
         *             3
         *           ],
         *           "my_rating": "up",
         *           "parent_id": null,
         *           "replies": [],
         *           "thumbs_down": 0,
         *           "thumbs_up": 1,
         *           "ticket_number": "TX20261201000042",
         *           "visibility": "public"
         *         }
         *       ],
         *       "next_cursor": "YzE",
         *       "seq": 3,
         *       "ticket_number": "TX20261201000042"
         *     }
         */
        ThreadPage: {
            /** @description Top-level comments, oldest first, each with its replies. */
            items: components["schemas"]["CommentView"][];
            /** @description Pass as `cursor` for the next page; absent on the last. */
            next_cursor?: string | null;
            /**
             * Format: int64
             * @description The thread's latest sequence number when this page was read: connect the socket with
             *     `?after=<seq>` to receive every change since.
             */
            seq: number;
            ticket_number: string;
        };
        /**
         * @description A mentioned staff member who was not told of the comment.
         * @example {
         *       "reason": "cannot_read",
         *       "user_id": 4
         *     }
         */
        UnnotifiedMention: {
            /**
             * @description `cannot_read`: they may not read this comment in the thread (no TTS role; or the comment
             *     is internal and they are only the requester). `unconfirmed`: the workflow API's directory
             *     could not confirm they may read it right now.
             */
            reason: components["schemas"]["NotNotifiedReason"];
            /** Format: int64 */
            user_id: number;
        };
        /**
         * @description A person's namespace: staff and employees have separate user ids.
         * @enum {string}
         */
        UserType: "staff" | "employee";
        /**
         * @description Who may read a comment: `public`, everyone on the thread; `internal`, staff only.
         * @enum {string}
         */
        Visibility: "public" | "internal";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    downloadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description An attachment id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with its stored content type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": components["schemas"]["AttachmentBytes"];
                };
            };
            /** @description not authenticated: no, an expired or an invalid token or key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description authenticated, but not allowed to do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such attachment, or the caller may not read its comment */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `validation_failed`: every invalid field or parameter, each named in `fields` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unavailable`: the database or broker is unreachable, or the request took too long */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description `comment.edited` or `comment.deleted`. */
                action?: components["schemas"]["AuditAction"];
                /** @description The acting person's user id (with `actor_type`, one person). */
                actor?: number;
                /** @description `staff` or `employee`. */
                actor_type?: components["schemas"]["UserType"];
                /** @description `next_cursor` of the previous page (opaque). */
                cursor?: string;
                /** @description Events at or after this time (RFC 3339). */
                from?: string;
                /** @description Events per page, 1–200. */
                limit?: number;
                /** @description A comment id: the events of that comment. */
                target?: string;
                /** @description A ticket number: the events of its thread. */
                ticket?: string;
                /** @description Events before this time (RFC 3339); not before `from`. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of audit events, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description not authenticated: no, an expired or an invalid token or key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The caller is not `tts:Admin` staff */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A parameter is invalid (`limit`, `cursor`, `actor_type`, `to` before `from`); every problem is listed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unavailable`: the database or broker is unreachable, or the request took too long */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A comment id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The comment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentView"];
                };
            };
            /** @description not authenticated: no, an expired or an invalid token or key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description authenticated, but not allowed to do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such comment, or the caller may not read it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `validation_failed`: every invalid field or parameter, each named in `fields` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unavailable`: the database or broker is unreachable, or the request took too long */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    deleteComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A comment id */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The comment, as deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Change"];
                };
            };
            /** @description not authenticated: no, an expired or an invalid token or key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Neither the author nor a `tts:Admin` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such comment, or the caller may not read it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The comment is deleted already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `validation_failed`: every invalid field or parameter, each named in `fields` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unavailable`: the database or broker is unreachable, or the request took too long */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    editComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A comment id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentEdit"];
            };
        };
        responses: {
            /** @description The comment, as edited */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Change"];
                };
            };
            /** @description `malformed_json`: the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not authenticated: no, an expired or an invalid token or key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Neither the author nor a `tts:Admin` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such comment, or the caller may not read it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The comment is deleted */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body is larger than allowed */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_media_type`: the body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `body` or `mentions` is invalid; every problem is listed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unavailable`: the database or broker is unreachable, or the request took too long */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    attachFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A comment id */
                id: number;
            };
            cookie?: never;
        };
        /** @description field `file` */
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The file, with its name (`filename` of the part) and declared type (the part's
                     *     `Content-Type`). The first part that carries a file name is taken.
                     */
                    file: string;
                };
            };
        };
        responses: {
            /** @description The attachment, as stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttachmentChange"];
                };
            };
            /** @description not authenticated: no, an expired or an invalid token or key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Neither the comment's author nor a `tts:Admin` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such comment, or the caller may not read it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The comment is deleted */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The file is larger than `attachment_max_bytes` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The bytes are not of an accepted file type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No `file` field, or an unsafe file name */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unavailable`: the database or broker is unreachable, or the request took too long */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    rateComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A comment id */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RatingInput"];
            };
        };
        responses: {
            /** @description The counts after the rating */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingChange"];
                };
            };
            /** @description `malformed_json`: the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not authenticated: no, an expired or an invalid token or key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description authenticated, but not allowed to do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such comment, or the caller may not read it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The comment is deleted */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body is larger than allowed */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_media_type`: the body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `rating` is not `up`, `down` or null */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unavailable`: the database or broker is unreachable, or the request took too long */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    replyToComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The top-level comment replied to */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewComment"];
            };
        };
        responses: {
            /** @description The reply, as posted */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Change"];
                };
            };
            /** @description `malformed_json`: the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not authenticated: no, an expired or an invalid token or key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A requester asked for an internal reply */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such comment, or the caller may not read it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The comment replied to is deleted */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body is larger than allowed */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_media_type`: the body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `body`, `visibility` or `mentions` is invalid, or `parent`: the comment is itself a reply; every problem is listed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The ticket service could not be asked who the requester is */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "checks": {},
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unavailable`: the database or broker is unreachable, or the request took too long */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "checks": {
                     *         "broker": "ok",
                     *         "database": "ok"
                     *       },
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description a dependency is unavailable; `checks` says which */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "checks": {
                     *         "broker": "broker unavailable: connection refused",
                     *         "database": "ok"
                     *       },
                     *       "error": {
                     *         "code": "not_ready",
                     *         "fields": [],
                     *         "message": "unavailable: broker"
                     *       },
                     *       "status": "unavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthBody"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example # TYPE http_requests_total counter
                     *     http_requests_total{method="GET",route="/health/live",status="200"} 3
                     */
                    "text/plain": string;
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unavailable`: the database or broker is unreachable, or the request took too long */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listComments: {
        parameters: {
            query?: {
                /**
                 * @description `next_cursor` of the previous page (opaque). Deprecated, accepted for one release: a bare
                 *     comment id, the integer `next_cursor` this list answered before.
                 */
                cursor?: string;
                /** @description Top-level comments per page (each with all its replies), 1–200. */
                limit?: number;
            };
            header?: never;
            path: {
                /**
                 * @description The ticket's number
                 * @example TX20261201000042
                 */
                ticket_number: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the thread, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadPage"];
                };
            };
            /** @description not authenticated: no, an expired or an invalid token or key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description authenticated, but not allowed to do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such thread, or the caller may not read it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `ticket_number`, `limit` or `cursor` is invalid; every problem is listed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The ticket service could not be asked who the requester is */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    postComment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The ticket's number
                 * @example TX20261201000042
                 */
                ticket_number: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewComment"];
            };
        };
        responses: {
            /** @description The comment, as posted */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Change"];
                };
            };
            /** @description `malformed_json`: the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not authenticated: no, an expired or an invalid token or key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A requester asked for an internal comment */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such ticket, or the caller may not read its thread */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `payload_too_large`: the body is larger than allowed */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `unsupported_media_type`: the body is not `application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `body`, `visibility`, `mentions` (a requester mentioning anyone) or `ticket_number` is invalid; every problem is listed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": {
                     *         "code": "validation_failed",
                     *         "fields": [
                     *           {
                     *             "field": "body",
                     *             "message": "must not be empty"
                     *           },
                     *           {
                     *             "field": "visibility",
                     *             "message": "`secret` is not `public` or `internal`"
                     *           }
                     *         ],
                     *         "message": "2 fields are invalid"
                     *       },
                     *       "request_id": "01a23410-2d9c-7093-94d3-b911ec97131d"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `internal`: an unexpected error; the request id finds it in the logs */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The ticket service cannot say whether the ticket exists, or who its requester is */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
}
