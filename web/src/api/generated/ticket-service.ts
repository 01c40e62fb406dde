// Generated from docs/openapi/ticket-service.json by `npm run generate`. Do not edit.

export interface paths {
    "/audit/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List ticket audit events, newest first.
         * @description Creates, changes (`PATCH`), helpdesk upserts and tickets recorded from the workflow engine,
         *     each with the fields it changed from → to. For `tts:Admin` staff. Paged with `limit` and
         *     `cursor`: pass `next_cursor` as `cursor`; it is absent on the last page.
         */
        get: operations["listTicketAuditEvents"];
        put?: never;
        post?: never;
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
    "/tickets/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tickets, newest first.
         * @description Staff with a `tts` role see every ticket, everyone else their own. Paged with `limit` and
         *     `cursor`: pass `next_cursor` as `cursor` for the next page; it is absent on the last page.
         */
        get: operations["listTickets"];
        put?: never;
        /**
         * Create a ticket; the caller is its requester.
         * @description Every invalid field (and a malformed `Idempotency-Key`) is reported at once. A retry with the
         *     same `Idempotency-Key` by the same person gets the first answer (status and body, no second
         *     ticket); the same key with a different body is refused. The answer carries
         *     `ETag: "<version>"`.
         */
        post: operations["createTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_number}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One ticket with its attachments.
         * @description For its requester and `tts` staff; someone else's ticket answers 404, like a missing one.
         *     Other services (by API key with `tickets:read`) may read any ticket: messaging learns a
         *     ticket's requester here. The answer carries `ETag: "<version>"`.
         */
        get: operations["getTicket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a ticket.
         * @description Its requester while it is `New` or `Open` (status only to `Withdrawn`), or a `tts:Admin` at
         *     any time. With `If-Match: "<version>"` a concurrent change answers 412. A change that changes
         *     nothing keeps the version.
         */
        patch: operations["updateTicket"];
        trace?: never;
    };
    "/tickets/{ticket_number}/attachments/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload one file to a ticket.
         * @description A `multipart/form-data` body with the file in field `file`. The type is judged from the
         *     bytes; files are stored once per SHA-256. For the ticket's requester and `tts` staff.
         */
        post: operations["uploadAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_number}/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an attachment.
         * @description Of a ticket the caller may see. Served with the stored type, `Content-Disposition:
         *     attachment` with the original name (RFC 6266) and `X-Content-Type-Options: nosniff`.
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
    "/tickets/send/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Insert or update a helpdesk's ticket by its number.
         * @description Takes the ticket in the helpdesk's shape (`tickets.tasks.receive_ticket` args[0]). For the
         *     helpdesk's service key (scope `helpdesk:upsert`), `hdts:Admin` or `hdts:Ticket Coordinator`.
         *     Sending the same ticket again changes nothing and is not handed off again; a re-sent status
         *     never moves the ticket backwards.
         */
        post: operations["sendHelpdeskTicket"];
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
         * @description A file attached to a ticket.
         * @example {
         *       "content_type": "text/plain",
         *       "created_at": "2026-12-02T00:51:19.086447Z",
         *       "file_name": "printer.log",
         *       "id": 1,
         *       "sha256": "858f70069fffb2364fa89a83e5c863c2960fd3c5b51433d83c2a9aa0707b47b2",
         *       "size_bytes": 33,
         *       "url": "/tickets/TX20261202000000/attachments/1"
         *     }
         */
        AttachmentView: {
            /** @description The type judged from the bytes (what downloads are served as). */
            content_type: string;
            /** Format: date-time */
            created_at: string;
            file_name: string;
            /** Format: int64 */
            id: number;
            /** @description Hex SHA-256 of the bytes. */
            sha256: string;
            /** Format: int64 */
            size_bytes: number;
            /** @description Download path (authenticated). */
            url: string;
        };
        AuditEvent: {
            /** @description `ticket.created`, `ticket.updated`, `ticket.upserted` or `ticket.recorded`. */
            action: string;
            /**
             * Format: int64
             * @description The person's user id (staff and employee ids are separate namespaces).
             */
            actor_id?: number | null;
            /** @description The person's name, the API key's name, or the part of TTS that acted. */
            actor_name: string;
            /** @description `staff`, `employee`, `service` or `system`. */
            actor_type: string;
            /** Format: date-time */
            at: string;
            /** @description `{"field": {"from": …, "to": …}}`; `from` is null for a new ticket. */
            changes: Record<string, never>;
            /** Format: int64 */
            id: number;
            request_id?: string | null;
            /** @description The ticket number. */
            target_id: string;
            target_type: string;
        };
        /**
         * @description A page of audit events, newest first.
         * @example {
         *       "items": [
         *         {
         *           "action": "ticket.updated",
         *           "actor_id": 3,
         *           "actor_name": "",
         *           "actor_type": "staff",
         *           "at": "2026-12-02T00:51:18.970905Z",
         *           "changes": {
         *             "description": {
         *               "from": "Black screen after the BIOS logo since this morning.",
         *               "to": "Black screen, and the fan does not spin."
         *             },
         *             "priority": {
         *               "from": "High",
         *               "to": "Critical"
         *             }
         *           },
         *           "id": 2,
         *           "request_id": "01a2343c-0735-718a-b40f-02a921e3eeea",
         *           "target_id": "TX20261202000000",
         *           "target_type": "ticket"
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
         * @description A ticket in the helpdesk's shape (`tickets.tasks.receive_ticket` args[0]). Fields TTS does
         *     not interpret are accepted and kept.
         * @example {
         *       "attachments": [],
         *       "category": "IT Support",
         *       "department": "IT Department",
         *       "description": "Black screen after BIOS logo",
         *       "dynamic_data": null,
         *       "employee": {
         *         "email": "juan@example.com",
         *         "first_name": "Juan",
         *         "last_name": "Reyes"
         *       },
         *       "employee_email": "juan@example.com",
         *       "employee_id": 14,
         *       "priority": "High",
         *       "status": "Open",
         *       "sub_category": "Hardware Troubleshooting",
         *       "subject": "Laptop will not boot",
         *       "ticket_number": "TX20251231962083"
         *     }
         */
        HelpdeskTicket: {
            asset_name?: string | null;
            /** @description The helpdesk's attachment records, passed on unchanged. */
            attachments?: Record<string, never>[];
            category?: string | null;
            department?: string | null;
            description?: string | null;
            /** @description A JSON object (or null), at most 64 KiB serialised; becomes the ticket's `data`. */
            dynamic_data?: Record<string, never> | null;
            employee?: Record<string, never> | null;
            employee_company_id?: string | null;
            /** Format: email */
            employee_email?: string | null;
            /**
             * Format: int64
             * @description The requester, an employee.
             */
            employee_id?: number | null;
            /** @description The ticket number, if `ticket_number` is absent (a string or a number). */
            id?: unknown;
            original_ticket_id?: unknown;
            /** @description `Low`, `Medium` (the default), `High` or `Critical`. */
            priority?: string | null;
            requested_budget?: unknown;
            /** @description A ticket status; default `Open`. */
            status?: string | null;
            /** @description Also accepted as `subcategory`. */
            sub_category?: string | null;
            /** @description Required (not blank), at most 255 characters. */
            subject: string;
            submit_date?: string | null;
            ticket_id?: unknown;
            /**
             * @description 1–64 letters, digits, `-` or `_`. The number is the first of `ticket_number`,
             *     `ticket_id`, `id`, `original_ticket_id`.
             */
            ticket_number?: string | null;
            update_date?: string | null;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description Body of `POST /tickets/`.
         * @example {
         *       "category": "IT Support",
         *       "data": {
         *         "asset_tag": "LT-0451"
         *       },
         *       "department": "IT Department",
         *       "description": "Black screen after the BIOS logo since this morning.",
         *       "priority": "High",
         *       "sub_category": "Hardware Troubleshooting",
         *       "subject": "Laptop will not boot"
         *     }
         */
        NewTicket: {
            category?: string | null;
            /** @description Free-form JSON object (a form's answers), at most 64 KiB serialised. */
            data?: Record<string, never> | null;
            department?: string | null;
            description?: string | null;
            priority?: components["schemas"]["Priority"] | null;
            sub_category?: string | null;
            /** @description Required; trimmed. */
            subject: string | null;
        };
        /** @enum {string} */
        Priority: "Low" | "Medium" | "High" | "Critical";
        /** @description Who asked for the ticket: a person, matched on user id *and* user type. */
        Requester: {
            /** Format: email */
            email?: string | null;
            name?: string | null;
            /** Format: int64 */
            user_id: number;
            user_type: components["schemas"]["UserType"];
        };
        /**
         * @description Answer of `POST /tickets/send/`.
         * @example {
         *       "created": true,
         *       "handed_off": true,
         *       "ticket": {
         *         "attachments": [],
         *         "category": "IT Support",
         *         "created_at": "2026-12-02T00:51:19.140194Z",
         *         "data": {},
         *         "department": "IT Department",
         *         "description": "Black screen after BIOS logo",
         *         "priority": "High",
         *         "requester": {
         *           "email": "juan@example.com",
         *           "name": "Juan Reyes",
         *           "user_id": 14,
         *           "user_type": "employee"
         *         },
         *         "source": "helpdesk",
         *         "status": "Open",
         *         "sub_category": "Hardware Troubleshooting",
         *         "subject": "Laptop will not boot",
         *         "ticket_number": "TX20251231962083",
         *         "updated_at": "2026-12-02T00:51:19.140194Z",
         *         "version": 1
         *       }
         *     }
         */
        SendResult: {
            /** @description Whether this call created the ticket (else it updated it). */
            created: boolean;
            /** @description Whether the workflow engine was (re)told about the ticket. */
            handed_off: boolean;
            ticket: components["schemas"]["TicketView"];
        };
        /** @enum {string} */
        Status: "New" | "Open" | "In Progress" | "On Hold" | "Pending" | "Resolved" | "Rejected" | "Withdrawn" | "Closed";
        /**
         * @description A page of tickets, newest first.
         * @example {
         *       "items": [
         *         {
         *           "category": "IT Support",
         *           "created_at": "2026-12-02T00:51:18.757Z",
         *           "data": {
         *             "asset_tag": "LT-0451"
         *           },
         *           "department": "IT Department",
         *           "description": "Black screen after the BIOS logo since this morning.",
         *           "priority": "High",
         *           "requester": {
         *             "email": null,
         *             "name": null,
         *             "user_id": 14,
         *             "user_type": "employee"
         *           },
         *           "source": "api",
         *           "status": "New",
         *           "sub_category": "Hardware Troubleshooting",
         *           "subject": "Laptop will not boot",
         *           "ticket_number": "TX20261202000000",
         *           "updated_at": "2026-12-02T00:51:18.757Z",
         *           "version": 1
         *         }
         *       ],
         *       "next_cursor": "dDE"
         *     }
         */
        TicketPage: {
            items: components["schemas"]["TicketView"][];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            next_cursor?: string | null;
        };
        /**
         * @description Body of `PATCH /tickets/{ticket_number}/`. Absent fields are left as they are; an empty
         *     string clears `category`, `sub_category` or `department`.
         * @example {
         *       "description": "Black screen, and the fan does not spin.",
         *       "priority": "Critical"
         *     }
         */
        TicketPatch: {
            category?: string | null;
            /** @description Replaces the whole object; at most 64 KiB serialised. */
            data?: Record<string, never> | null;
            department?: string | null;
            description?: string | null;
            priority?: components["schemas"]["Priority"] | null;
            status?: components["schemas"]["Status"] | null;
            sub_category?: string | null;
            subject?: string | null;
        };
        /**
         * @description Where a ticket came from.
         * @enum {string}
         */
        TicketSource: "api" | "helpdesk";
        /**
         * @description A ticket.
         * @example {
         *       "attachments": [],
         *       "category": "IT Support",
         *       "created_at": "2026-12-02T00:51:18.757Z",
         *       "data": {
         *         "asset_tag": "LT-0451"
         *       },
         *       "department": "IT Department",
         *       "description": "Black screen, and the fan does not spin.",
         *       "priority": "Critical",
         *       "requester": {
         *         "email": null,
         *         "name": null,
         *         "user_id": 14,
         *         "user_type": "employee"
         *       },
         *       "source": "api",
         *       "status": "New",
         *       "sub_category": "Hardware Troubleshooting",
         *       "subject": "Laptop will not boot",
         *       "ticket_number": "TX20261202000000",
         *       "updated_at": "2026-12-02T00:51:18.970905Z",
         *       "version": 2
         *     }
         */
        TicketView: {
            /** @description In the detail view only. */
            attachments?: components["schemas"]["AttachmentView"][] | null;
            category?: string | null;
            /** Format: date-time */
            created_at: string;
            /** @description Free-form JSON object the requester or helpdesk sent (a form's answers). */
            data: Record<string, never>;
            department?: string | null;
            description: string;
            priority: components["schemas"]["Priority"];
            requester?: components["schemas"]["Requester"] | null;
            source: components["schemas"]["TicketSource"];
            status: components["schemas"]["Status"];
            sub_category?: string | null;
            subject: string;
            /** @description `TX` + UTC `yyyymmdd` + 6 digits for tickets created here; the helpdesk's number otherwise. */
            ticket_number: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int32
             * @description Increases with every change; send it back in `If-Match` to update.
             */
            version: number;
        };
        /**
         * @description Staff and employees are numbered by different systems: user 7 the agent and user 7 the
         *     requester are different people. Every user id in TTS travels with its type.
         * @enum {string}
         */
        UserType: "staff" | "employee";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listTicketAuditEvents: {
        parameters: {
            query?: {
                /**
                 * @description `ticket.created`, `ticket.updated`, `ticket.upserted` or `ticket.recorded`.
                 * @example ticket.updated
                 */
                action?: string;
                /** @description The acting person's user id. */
                actor?: number;
                /** @description The kind of actor. */
                actor_type?: "staff" | "employee" | "service" | "system";
                /** @description `next_cursor` of the previous page (opaque). */
                cursor?: string;
                /** @description Events at or after this time (RFC 3339). */
                from?: string;
                /** @description Page size. */
                limit?: number;
                /** @description A ticket number. */
                target?: string;
                /** @description Events before this time (RFC 3339); not before `from`. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of audit events, newest first. */
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
            /** @description The caller is not `tts:Admin` staff (employees never are). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A filter or paging parameter is invalid, or `to` is before `from`; every problem is named (`validation_failed`). */
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
    listTickets: {
        parameters: {
            query?: {
                /** @description Exact category. */
                category?: string;
                /** @description `next_cursor` of the previous page (opaque). */
                cursor?: string;
                /** @description Exact department. */
                department?: string;
                /** @description Page size. */
                limit?: number;
                /** @description Only tickets of this priority. */
                priority?: components["schemas"]["Priority"];
                /** @description Text in the subject, description or ticket number (case-insensitive, literal). */
                q?: string;
                /** @description Requester's user id (staff only). */
                requester?: number;
                /** @description Requester's user type. */
                requester_type?: components["schemas"]["UserType"];
                /** @description Only tickets in this status. */
                status?: components["schemas"]["Status"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of tickets, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
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
            /** @description A filter or paging parameter is invalid; every problem is named (`validation_failed`). */
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
    createTicket: {
        parameters: {
            query?: never;
            header?: {
                /** @description Visible ASCII, 1–255 characters, per person: makes retries safe. */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewTicket"];
            };
        };
        responses: {
            /** @description The ticket was created (or this is the stored answer to the first request with this key). */
            201: {
                headers: {
                    /** @description The ticket's version, quoted. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
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
            /** @description No free ticket number is left today (`conflict`). */
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
            /** @description Invalid fields, each named (`validation_failed`), or the `Idempotency-Key` was already used with a different body (`idempotency_key_reused`). */
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
    getTicket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description `TX` + UTC `yyyymmdd` + 6 digits, or a helpdesk's own number.
                 * @example TX20261201000042
                 */
                ticket_number: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ticket, with `attachments`. */
            200: {
                headers: {
                    /** @description The ticket's version, quoted. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
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
            /** @description The API key lacks `tickets:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such ticket, or not one the caller may see (`not_found`). */
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
    updateTicket: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The version the change is based on: `"<version>"`, `W/"<version>"` or a bare number.
                 * @example "3"
                 */
                "If-Match"?: string | null;
            };
            path: {
                /**
                 * @description `TX` + UTC `yyyymmdd` + 6 digits, or a helpdesk's own number.
                 * @example TX20261201000042
                 */
                ticket_number: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketPatch"];
            };
        };
        responses: {
            /** @description The ticket after the change. */
            200: {
                headers: {
                    /** @description The ticket's version, quoted. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
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
            /** @description The caller is neither the requester nor a `tts:Admin`, or the ticket is past `Open` and only a `tts:Admin` may change it. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such ticket, or not one the caller may see (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `If-Match` names an older version: someone changed the ticket since (`version_conflict`; the message gives the current version). */
            412: {
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
            /** @description Invalid fields or `If-Match`, each named, or a requester setting a status other than `Withdrawn` (`validation_failed`). */
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
    uploadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description `TX` + UTC `yyyymmdd` + 6 digits, or a helpdesk's own number.
                 * @example TX20261201000042
                 */
                ticket_number: string;
            };
            cookie?: never;
        };
        /** @description One file in the field `file`. */
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
            /** @description The file is attached. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttachmentView"];
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
            /** @description No such ticket, or not one the caller may see (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The file is larger than `attachment_max_bytes` (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Not a multipart body, or the bytes are not an accepted type or do not match the declared type (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No file was sent, the file is empty (`file`), or its name could name a path (`file_name`) (`validation_failed`). */
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
    downloadAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The attachment's id (`id` in the ticket's `attachments`).
                 * @example 7
                 */
                id: number;
                /**
                 * @description The ticket's number.
                 * @example TX20261201000042
                 */
                ticket_number: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file's bytes, served with the type judged at upload. */
            200: {
                headers: {
                    /** @description `attachment` with the original file name. */
                    "Content-Disposition"?: string;
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
            /** @description No such ticket (or not one the caller may see), or no such attachment on it (`not_found`). */
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
    sendHelpdeskTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HelpdeskTicket"];
            };
        };
        responses: {
            /** @description The ticket was updated, or was already as sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendResult"];
                };
            };
            /** @description The ticket was inserted. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendResult"];
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
            /** @description The key lacks `helpdesk:upsert`, or the person is neither `hdts:Admin` nor `hdts:Ticket Coordinator`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The number belongs to a ticket created through `POST /tickets/`, or the same number is being inserted right now (retry). */
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
            /** @description Every invalid field of the ticket, each named (`validation_failed`). */
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
}
