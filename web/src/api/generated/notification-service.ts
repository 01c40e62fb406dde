// Generated from docs/openapi/notification-service.json by `npm run generate`. Do not edit.

export interface paths {
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
    "/notifications/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's notifications, newest first.
         * @description Filtered by `unread`, `type` and `ticket`; paged with `limit` and `cursor`: pass
         *     `next_cursor` as `cursor` for the next page; it is absent on the last page.
         */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{id}/read/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one notification read.
         * @description Keeps the first read time; marking it again changes nothing. The caller's other devices
         *     learn the new unread count over the socket.
         */
        post: operations["markNotificationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/read-all/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark every notification of the caller's read.
         * @description Answers how many were unread and are read now.
         */
        post: operations["markAllNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/types/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List every notification type.
         * @description For signed-in people, like every other endpoint here. Always one page.
         */
        get: operations["listNotificationTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/unread-count/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count the caller's unread notifications.
         * @description The same number the socket's `unread_count` frame carries.
         */
        get: operations["countUnreadNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/preferences/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's notification preferences.
         * @description Every type, in-app and e-mail; both on unless switched off. Always one page.
         */
        get: operations["listNotificationPreferences"];
        /**
         * Change notification preferences.
         * @description Sets both channels of each listed type (others are left as they are) and answers the
         *     preference of every type. All or nothing: one unknown type changes nothing.
         */
        put: operations["updateNotificationPreferences"];
        post?: never;
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
         * @description How many notifications.
         * @example {
         *       "count": 3
         *     }
         */
        Count: {
            /** Format: int64 */
            count: number;
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
         * @description An in-app notification.
         * @example {
         *       "created_at": "2026-12-02T00:45:31.891231Z",
         *       "id": 1,
         *       "is_read": false,
         *       "message": "You have been assigned ticket TX20251231962083 (Laptop will not boot) as Asset Manager.",
         *       "metadata": {
         *         "role_name": "Asset Manager"
         *       },
         *       "notification_type": "task_assignment",
         *       "read_at": null,
         *       "related_ticket_number": "TX20251231962083",
         *       "subject": "New task: Laptop will not boot",
         *       "user_id": 7,
         *       "user_type": "staff"
         *     }
         */
        Notification: {
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            id: number;
            is_read: boolean;
            message: string;
            /** @description What the notification is about, from the message that caused it (e.g. `task_id`). */
            metadata: Record<string, never>;
            notification_type: components["schemas"]["NotificationType"];
            /** Format: date-time */
            read_at?: string | null;
            related_ticket_number?: string | null;
            subject: string;
            /**
             * Format: int64
             * @description Whose: user id and user type together (staff 7 is not employee 7).
             */
            user_id: number;
            user_type: components["schemas"]["UserType"];
        };
        /**
         * @description A notification type.
         * @example task_assignment
         * @enum {string}
         */
        NotificationType: "task_assignment" | "task_transfer_in" | "task_transfer_out" | "task_escalation_in" | "task_escalation_out" | "task_completed" | "workflow_step_change" | "sla_warning" | "sla_breach" | "ticket_status" | "comment_added" | "mention" | "system" | "ticket_received" | "ticket_pending" | "ticket_resolved" | "task_withdrawn";
        /**
         * @description A page of the caller's notifications, newest first.
         * @example {
         *       "items": [
         *         {
         *           "created_at": "2026-12-02T00:45:31.891231Z",
         *           "id": 1,
         *           "is_read": false,
         *           "message": "You have been assigned ticket TX20251231962083 (Laptop will not boot) as Asset Manager.",
         *           "metadata": {
         *             "role_name": "Asset Manager"
         *           },
         *           "notification_type": "task_assignment",
         *           "read_at": null,
         *           "related_ticket_number": "TX20251231962083",
         *           "subject": "New task: Laptop will not boot",
         *           "user_id": 7,
         *           "user_type": "staff"
         *         }
         *       ],
         *       "next_cursor": "bjE"
         *     }
         */
        Page: {
            items: components["schemas"]["Notification"][];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            next_cursor?: string | null;
        };
        /** @description Whether one notification type reaches the person in the app and by e-mail. */
        Preference: {
            /** @description Send e-mails of this type. */
            email: boolean;
            /** @description Store in-app notifications of this type. */
            in_app: boolean;
            notification_type: components["schemas"]["NotificationType"];
        };
        /**
         * @description The body of `PUT /preferences/`: the types to change, each with both channels.
         * @example [
         *       {
         *         "email": false,
         *         "in_app": true,
         *         "notification_type": "task_assignment"
         *       }
         *     ]
         */
        PreferenceChanges: components["schemas"]["PreferenceInput"][];
        /** @description One preference to set. */
        PreferenceInput: {
            /** @description Send e-mails of this type. */
            email: boolean;
            /** @description Store in-app notifications of this type. */
            in_app: boolean;
            notification_type: components["schemas"]["NotificationType"];
        };
        /**
         * @description The caller's preferences, one per notification type, in one page.
         * @example {
         *       "items": [
         *         {
         *           "email": false,
         *           "in_app": true,
         *           "notification_type": "task_assignment"
         *         },
         *         {
         *           "email": true,
         *           "in_app": true,
         *           "notification_type": "task_transfer_in"
         *         }
         *       ]
         *     }
         */
        PreferenceList: {
            /** @description One entry per type; always complete (no `next_cursor`). */
            items: components["schemas"]["Preference"][];
        };
        /**
         * @description Every notification type, in one page.
         * @example {
         *       "items": [
         *         "task_assignment",
         *         "task_transfer_in",
         *         "comment_added",
         *         "ticket_resolved"
         *       ]
         *     }
         */
        TypeList: {
            /** @description One entry per type; the list is short and always complete (no `next_cursor`). */
            items: components["schemas"]["NotificationType"][];
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
    listNotifications: {
        parameters: {
            query?: {
                /**
                 * @description `next_cursor` of the previous page (opaque). Deprecated: a bare notification id (≥ 0),
                 *     as earlier releases answered in `next_cursor`, is still accepted for one release.
                 */
                cursor?: string;
                /** @description Page size. */
                limit?: number;
                /**
                 * @description Only notifications about this ticket number (at most 64 characters).
                 * @example TX20261201000042
                 */
                ticket?: string;
                /** @description Only notifications of this type. */
                type?: components["schemas"]["NotificationType"];
                /** @description `true`: only unread notifications; `false`: only read ones. */
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the caller's notifications, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page"];
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
    markNotificationRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The notification's `id`.
                 * @example 42
                 */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The notification, read. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notification"];
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
            /** @description No such notification, or another person's (`not_found`). */
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
    markAllNotificationsRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many notifications this marked read. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Count"];
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
    listNotificationTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every notification type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TypeList"];
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
    countUnreadNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many of the caller's notifications are unread. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Count"];
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
    listNotificationPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's preference for every type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreferenceList"];
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
    updateNotificationPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreferenceChanges"];
            };
        };
        responses: {
            /** @description The caller's preference for every type, after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreferenceList"];
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
            /** @description Every entry naming an unknown type (`[i].notification_type`) or missing a field (`validation_failed`). */
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
