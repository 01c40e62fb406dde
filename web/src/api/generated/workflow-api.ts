// Generated from docs/openapi/workflow-api.json by `npm run generate`. Do not edit.

export interface paths {
    "/analytics/dashboard/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the analytics summary.
         * @description Totals, SLA and first-response compliance, time to resolve, escalation and transfer rates
         *     of the tasks created in the range. CSV: one row per figure, `figure,value,tasks`.
         */
        get: operations["getAnalyticsSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/sla/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the SLA report.
         * @description Met, breached, at risk and compliance (resolution and first response) per priority, then
         *     per workflow. CSV: one row per group.
         */
        get: operations["getSlaReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/steps/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the step report.
         * @description Per step: items, open items, median time, longest current wait (longest first). CSV: one
         *     row per step.
         */
        get: operations["getStepReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/tasks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tasks behind a figure.
         * @description Follow a figure's `tasks` link: the tasks it counts, newest first, paged by `limit` and
         *     `cursor`. CSV: the page, one row per task.
         */
        get: operations["listAnalyticsTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/trends/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the trend report.
         * @description Tasks created and resolved per day or week (UTC). CSV: one row per period.
         */
        get: operations["getTrendReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/workflows/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the workflow report.
         * @description Per workflow: tasks started and completed, median time to complete. CSV: one row per workflow.
         */
        get: operations["getWorkflowReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/workload/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the workload report.
         * @description Per agent: tasks with an open, overdue or resolved item of theirs, and their median handling
         *     time. CSV: one row per agent.
         */
        get: operations["getWorkloadReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/events/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit events.
         * @description Who did what: the actions of staff and of the engine on tasks, tickets, workflows and roles,
         *     newest first, filtered by actor or target, a page at a time (`tts:Admin`).
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
    "/auth/demo/people/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the demo people to sign in as
         * @description Only when demo sign-in is enabled (`demo_sign_in`, development mode only); otherwise 404 like an unknown path. The admin, a coordinator, the agents and a requester of the demo organisation `tts demo` loads, each with the roles the demo gives them.
         */
        get: operations["listDemoPeople"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/demo/sign-in/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in as a demo person
         * @description Only when demo sign-in is enabled (`demo_sign_in`, development mode only); otherwise 404 like an unknown path. Sets the `access_token` cookie (HttpOnly, SameSite=Lax, Path=/) to an access token for the person, signed with the HS256 `jwt_secret` as the auth service signs it and valid `demo_sign_in_ttl_seconds`. The cookie goes to every service on the same host.
         */
        post: operations["demoSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-out/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out
         * @description Clears the `access_token` cookie of this host (every service on it). Always available and needs no token. The token itself stays valid until it expires: signing out forgets it in this browser.
         */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/end-logic/deliveries/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List end-logic deliveries.
         * @description The callbacks sent to other systems when tasks end (asset, budget, notification, webhook),
         *     newest first, a page at a time, optionally of one `status` (`tts:Admin`).
         */
        get: operations["listEndLogicDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/end-logic/deliveries/{id}/retry/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an end-logic delivery again.
         * @description Sends a failed or pending delivery again, with the same delivery id (so the receiver can
         *     tell a repeat), starting a fresh round of tries (`tts:Admin`).
         */
        post: operations["retryEndLogicDelivery"];
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
    "/me/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who am I
         * @description The caller as their access token describes them: id and user type, name, e-mail, username, every role of every system, whether they are the workflow API's admin, and when the token expires. Any valid token — staff or employee, with or without a role — gets an answer; nothing is read but the token.
         */
        get: operations["getMe"];
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
    "/people/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List staff holding a TTS role.
         * @description The directory of staff holding a TTS role: those of `ids` who are an active member of at least
         *     one role of the role system (`role_system`), with their name and e-mail as last synced.
         */
        get: operations["listPeople"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/roles/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List roles.
         * @description Every cached role (synced from the auth service or managed here), by role id. Any `tts` role.
         */
        get: operations["listRoles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/roles/{role_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a role.
         * @description One role with every member, active or not.
         */
        get: operations["getRole"];
        /**
         * Create or rename a role.
         * @description `tts:Admin`, for deployments without the auth service (synced roles are overwritten by the
         *     next sync). Every problem (`name`, `role_id`) is reported at once.
         */
        put: operations["upsertRole"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/roles/{role_id}/members/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a role's members.
         * @description The role's members, active or not, by user id.
         */
        get: operations["listRoleMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/roles/{role_id}/members/{user_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add a user to a role or change their membership.
         * @description `tts:Admin`. Round robin picks among active members.
         */
        put: operations["upsertRoleMember"];
        post?: never;
        /**
         * Remove a user from a role.
         * @description `tts:Admin`. Items the user holds stay theirs (transfer them to move them).
         */
        delete: operations["deleteRoleMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/steps/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a draft's steps.
         * @description The draft graph's steps with their ids, in graph order.
         */
        get: operations["listWorkflowSteps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List every task assignment.
         * @description Every assignment (`tts:Admin` or coordinators), newest first unless `sort=due`.
         */
        get: operations["listTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{task_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a task.
         * @description A task: ticket, version, current step, items with history, and what the caller may do now.
         */
        get: operations["getTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{task_id}/escalate/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Escalate a task.
         * @description Hand the step to its `escalate_to` role: to a member who has not held the step on this visit
         *     (409 naming why when nobody is left), keeping the visit's due time.
         */
        post: operations["escalateTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{task_id}/finalize/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finalize a task on an end step.
         * @description Complete the task on an end step.
         */
        post: operations["finalizeTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{task_id}/hold/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put a task on hold or pending.
         * @description Put the ticket `On Hold` or `Pending` (holder of the current step, or `tts:Admin`): the SLA
         *     clock stands still until it resumes, the ticket service gets the status, and for `Pending`
         *     the requester is told (in-app and e-mail) with the notes. On a waiting ticket it switches
         *     between the two (the clock keeps standing still).
         */
        post: operations["holdTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{task_id}/resume/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a waiting task.
         * @description End the wait (holder of the current step, or `tts:Admin`): the clock runs again, every open
         *     target moves by the working time the ticket waited, and `In Progress` goes to the ticket
         *     service.
         */
        post: operations["resumeTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{task_id}/sla/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a task's SLA state.
         * @description SLA state of a task: targets, working time used, pauses, warnings sent, breaches.
         */
        get: operations["getTaskSla"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{task_id}/start/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start work on a task.
         * @description Start work on the caller's assignment on the current step: it becomes `in_progress` (a
         *     breached one stays `breached`) and the first action is recorded.
         */
        post: operations["startTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{task_id}/take-over/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a task over.
         * @description Take the current step over (`tts:Admin`); 409 when the admin already holds it.
         */
        post: operations["takeOverTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{task_id}/timeline/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a task's timeline.
         * @description Every item and history entry in order, with the version's graph.
         */
        get: operations["getTaskTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{task_id}/transfer/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Transfer a task to another member.
         * @description Give the current step to another member of its role (assignee or `tts:Admin`).
         */
        post: operations["transferTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{task_id}/transition/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a task along a transition.
         * @description Move along an outgoing transition of the current step (assignee with an open item).
         */
        post: operations["transitionTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/mine/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's tasks.
         * @description The caller's assignments with ticket, step, workflow, people's names and SLA state; by due
         *     time (open items first) unless `sort=newest`.
         */
        get: operations["listMyTasks"];
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
         * List the tickets the engine received.
         * @description Tickets the engine received, by number (descending), a page at a time; `allocated=false`
         *     shows those waiting for a workflow. Staff holding a `tts` role.
         */
        get: operations["listTicketSnapshots"];
        put?: never;
        post?: never;
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
         * Get a ticket snapshot.
         * @description The ticket as the engine last received it (its fields and the whole payload), with the
         *     workflow it was allocated to. Staff holding a `tts` role.
         */
        get: operations["getTicketSnapshot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tickets/{ticket_number}/assign-workflow/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a waiting ticket on a workflow.
         * @description Start a waiting ticket on a chosen workflow (`tts:Admin` or a coordinator).
         */
        post: operations["assignTicketWorkflow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transitions/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a draft's transitions.
         * @description The draft graph's transitions with their ids, in graph order.
         */
        get: operations["listWorkflowTransitions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List workflows.
         * @description Every workflow (drafts, active, paused, archived), oldest first, paged by `limit` and
         *     `cursor`; without the draft graphs (see `getWorkflow`). Any `tts` role.
         */
        get: operations["listWorkflows"];
        put?: never;
        /**
         * Create a draft workflow.
         * @description `tts:Admin` or a `designer_roles` role. Every problem with the details is reported at once;
         *     the graph is saved as given (it is checked when published).
         */
        post: operations["createWorkflow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a workflow.
         * @description The workflow with its draft graph (ids beside client keys) and latest version number.
         */
        get: operations["getWorkflow"];
        put?: never;
        post?: never;
        /**
         * Delete or archive a workflow.
         * @description A workflow that never ran a task is deleted (204); one that did is archived (200) and kept
         *     for its tasks and history. `tts:Admin` or a `designer_roles` role.
         */
        delete: operations["deleteWorkflow"];
        options?: never;
        head?: never;
        /**
         * Edit a workflow's details.
         * @description `tts:Admin` or a `designer_roles` role; published versions are not affected (publish again).
         */
        patch: operations["updateWorkflow"];
        trace?: never;
    };
    "/workflows/{id}/graph/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the draft graph.
         * @description The whole graph `{steps, transitions}`; steps and transitions keep their ids while their keys
         *     stay. Saved as given apart from repeated keys (`steps[2].key`, `transitions[0].key`), all
         *     reported at once; everything else is checked by `validateWorkflow` and at publish.
         *     `tts:Admin` or a `designer_roles` role.
         */
        put: operations["replaceWorkflowGraph"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/pause/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a workflow.
         * @description Stops taking new tickets; running tasks go on. `tts:Admin` or a `designer_roles` role.
         */
        post: operations["pauseWorkflow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/publish/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish the draft as a new version.
         * @description Validates the draft and freezes it as version N+1 (the answer carries its definition);
         *     tickets waiting for a workflow that now matches are allocated. `tts:Admin` or a
         *     `designer_roles` role.
         */
        post: operations["publishWorkflowVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/resume/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused workflow.
         * @description Takes new tickets again (and those that waited for it). `tts:Admin` or a `designer_roles` role.
         */
        post: operations["resumeWorkflow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/validate/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Validate the draft.
         * @description Every reason the draft could not be published, each with a code, a message and the path of
         *     what it concerns (`steps[1].role_id`, `transitions[0].to`, `high_sla`). Changes nothing.
         */
        post: operations["validateWorkflow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/versions/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a workflow's versions.
         * @description Published versions, oldest first, without their definitions (see `getWorkflowVersion`).
         */
        get: operations["listWorkflowVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workflows/{id}/versions/{version}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a workflow version.
         * @description One published version with its frozen definition (graph and SLAs).
         */
        get: operations["getWorkflowVersion"];
        put?: never;
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
        /** @description A page of the tasks behind a figure, newest first. */
        AnalyticsTaskPage: {
            items: components["schemas"]["TaskRow"][];
            /**
             * @description Pass as `cursor` for the next page; absent on the last.
             * @example YTQ
             */
            next_cursor?: string | null;
        };
        /**
         * @description Answer of deleting a workflow that has run tasks.
         * @example {
         *       "archived": true
         *     }
         */
        Archived: {
            /** @description Always true: the workflow was kept, archived, for its tasks and history. */
            archived: boolean;
        };
        /**
         * @example {
         *       "workflow_id": 1
         *     }
         */
        AssignWorkflow: {
            /** Format: int64 */
            workflow_id: number;
        };
        AuditEvent: {
            action: string;
            /** Format: int64 */
            actor_id?: number | null;
            /** @description `user`, or the part of the system that acted (`sync`, `intake`). */
            actor_type: string;
            after?: Record<string, never> | null;
            /** Format: date-time */
            at: string;
            before?: Record<string, never> | null;
            /** Format: int64 */
            id: number;
            request_id?: string | null;
            target_id: string;
            target_type: string;
        };
        /** @description An audit event with the acting person's name. */
        AuditEventView: components["schemas"]["AuditEvent"] & {
            /**
             * @description The actor's full name from the role-sync directory; `null` for the system or a person
             *     it has no name for.
             */
            actor_name?: string | null;
        };
        /**
         * @description One page of audit events, newest first.
         * @example {
         *       "items": [
         *         {
         *           "action": "task.transition",
         *           "actor_id": 7,
         *           "actor_name": "Ana Cruz",
         *           "actor_type": "user",
         *           "after": {
         *             "step": "approve",
         *             "transition": "submit"
         *           },
         *           "at": "2026-12-01T09:30:12.345Z",
         *           "before": {
         *             "step": "triage"
         *           },
         *           "id": 42,
         *           "request_id": "0193d5a4-6f0e-7c51-9a43-1f2e3d4c5b6a",
         *           "target_id": "12",
         *           "target_type": "task"
         *         }
         *       ],
         *       "next_cursor": "YTQy"
         *     }
         */
        AuditPage: {
            items: components["schemas"]["AuditEventView"][];
            /** @description Pass as `cursor` (with the same filters) for the next page; absent on the last. */
            next_cursor?: string | null;
        };
        /** @description Something the caller may do now. */
        AvailableAction: {
            /**
             * @description `start`, `transition`, `finalize`, `escalate`, `transfer`, `take_over`, `hold` (the ticket
             *     is not waiting) or `resume` (it is).
             */
            action: string;
            name?: string | null;
            to?: string | null;
            /** Format: int64 */
            transition_id?: number | null;
            transition_key?: string | null;
        };
        /**
         * @description When SLA time runs: working hours per weekday in a time zone, minus holidays.
         * @example {
         *       "holidays": [
         *         "2026-12-25",
         *         "2026-12-30"
         *       ],
         *       "hours": [
         *         [
         *           {
         *             "end": "12:00:00",
         *             "start": "08:00:00"
         *           },
         *           {
         *             "end": "17:00:00",
         *             "start": "13:00:00"
         *           }
         *         ],
         *         [
         *           {
         *             "end": "12:00:00",
         *             "start": "08:00:00"
         *           },
         *           {
         *             "end": "17:00:00",
         *             "start": "13:00:00"
         *           }
         *         ],
         *         [
         *           {
         *             "end": "12:00:00",
         *             "start": "08:00:00"
         *           },
         *           {
         *             "end": "17:00:00",
         *             "start": "13:00:00"
         *           }
         *         ],
         *         [
         *           {
         *             "end": "12:00:00",
         *             "start": "08:00:00"
         *           },
         *           {
         *             "end": "17:00:00",
         *             "start": "13:00:00"
         *           }
         *         ],
         *         [
         *           {
         *             "end": "12:00:00",
         *             "start": "08:00:00"
         *           },
         *           {
         *             "end": "17:00:00",
         *             "start": "13:00:00"
         *           }
         *         ],
         *         [],
         *         []
         *       ],
         *       "time_zone": "Asia/Manila"
         *     }
         */
        Calendar: {
            /** @description Local dates with no working time at all. */
            holidays?: string[];
            /**
             * @description Working intervals per weekday, Monday first (index 0) to Sunday (6); each interval is
             *     [start, end) in local wall-clock time; several per day allowed (lunch breaks); empty = day off.
             */
            hours: components["schemas"]["WorkingInterval"][][];
            /**
             * @description IANA name, e.g. "Asia/Manila", "Europe/Berlin".
             * @example Asia/Manila
             */
            time_zone: string;
        };
        /**
         * @description The summary figures of the tasks created in the range.
         * @example {
         *       "at_risk": {
         *         "count": 1,
         *         "tasks": "/analytics/tasks/?set=at_risk"
         *       },
         *       "breached": {
         *         "count": 2,
         *         "tasks": "/analytics/tasks/?set=breached"
         *       },
         *       "completed": {
         *         "count": 3,
         *         "tasks": "/analytics/tasks/?set=completed"
         *       },
         *       "escalated": {
         *         "count": 0,
         *         "tasks": "/analytics/tasks/?set=escalated"
         *       },
         *       "escalation_rate_percent": 0,
         *       "median_time_to_resolve_seconds": 10800,
         *       "met": {
         *         "count": 2,
         *         "tasks": "/analytics/tasks/?set=met"
         *       },
         *       "open": {
         *         "count": 3,
         *         "tasks": "/analytics/tasks/?set=open"
         *       },
         *       "p90_time_to_resolve_seconds": 16560,
         *       "response_breached": {
         *         "count": 0,
         *         "tasks": "/analytics/tasks/?set=response_breached"
         *       },
         *       "response_compliance_percent": null,
         *       "response_met": {
         *         "count": 0,
         *         "tasks": "/analytics/tasks/?set=response_met"
         *       },
         *       "sla_compliance_percent": 50,
         *       "tasks": {
         *         "count": 6,
         *         "tasks": "/analytics/tasks/?set=all"
         *       },
         *       "transfer_rate_percent": 0,
         *       "transferred": {
         *         "count": 0,
         *         "tasks": "/analytics/tasks/?set=transferred"
         *       },
         *       "unassigned": 0
         *     }
         */
        Dashboard: {
            at_risk: components["schemas"]["Figure"];
            breached: components["schemas"]["Figure"];
            completed: components["schemas"]["Figure"];
            escalated: components["schemas"]["Figure"];
            /**
             * Format: double
             * @description escalated ÷ tasks; null without tasks.
             */
            escalation_rate_percent?: number | null;
            /**
             * Format: double
             * @description Median of completion minus creation over completed tasks; null without any.
             */
            median_time_to_resolve_seconds?: number | null;
            met: components["schemas"]["Figure"];
            open: components["schemas"]["Figure"];
            /**
             * Format: double
             * @description 90th percentile (interpolated) of the same.
             */
            p90_time_to_resolve_seconds?: number | null;
            /** @description Tasks whose first staff reply came late, or has not come and the target passed. */
            response_breached: components["schemas"]["Figure"];
            /**
             * Format: double
             * @description response_met ÷ (response_met + response_breached); null without any.
             */
            response_compliance_percent?: number | null;
            /** @description Tasks whose first staff reply came by its first-response target. */
            response_met: components["schemas"]["Figure"];
            /**
             * Format: double
             * @description met ÷ (met + breached), 0–100 with two decimals; null without any verdict.
             */
            sla_compliance_percent?: number | null;
            tasks: components["schemas"]["Figure"];
            /**
             * Format: double
             * @description transferred ÷ tasks; null without tasks.
             */
            transfer_rate_percent?: number | null;
            transferred: components["schemas"]["Figure"];
            /**
             * Format: int64
             * @description Tickets waiting for a workflow (created in the range).
             */
            unassigned: number;
        };
        Delivery: {
            /** Format: int32 */
            attempts: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            delivered_at?: string | null;
            /** Format: uuid */
            id: string;
            /** @description The end action: `asset`, `budget`, `notification` or `webhook`. */
            kind: string;
            last_error?: string | null;
            /** Format: int32 */
            last_status_code?: number | null;
            payload: Record<string, never>;
            /** @description `pending`, `succeeded` or `failed`. */
            status: string;
            /** Format: int64 */
            task_id: number;
            url: string;
        };
        /**
         * @description One page of deliveries, newest first.
         * @example {
         *       "items": [
         *         {
         *           "attempts": 5,
         *           "created_at": "2026-12-02T01:21:44.120331Z",
         *           "delivered_at": null,
         *           "id": "0193d5a4-6f0e-7c51-9a43-1f2e3d4c5b6a",
         *           "kind": "webhook",
         *           "last_error": "HTTP 502",
         *           "last_status_code": 502,
         *           "payload": {
         *             "status": "completed",
         *             "task_id": 1,
         *             "ticket_number": "TX20251231962083"
         *           },
         *           "status": "failed",
         *           "task_id": 1,
         *           "url": "https://assets.example.com/hooks/tts"
         *         }
         *       ],
         *       "next_cursor": "d.1764638504120331.0193d5a4-6f0e-7c51-9a43-1f2e3d4c5b6a"
         *     }
         */
        DeliveryPage: {
            items: components["schemas"]["Delivery"][];
            /** @description Pass as `cursor` (with the same `status`) for the next page; absent on the last. */
            next_cursor?: string | null;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "email": "maria.santos@example.com",
         *           "full_name": "Maria Santos",
         *           "key": "admin",
         *           "roles": [
         *             {
         *               "role": "Admin",
         *               "system": "tts"
         *             }
         *           ],
         *           "title": "Admin — designs workflows, manages roles",
         *           "user_id": 1,
         *           "user_type": "staff"
         *         },
         *         {
         *           "email": "ana.cruz@example.com",
         *           "full_name": "Ana Cruz",
         *           "key": "agent1",
         *           "roles": [
         *             {
         *               "role": "Service Desk Agent",
         *               "system": "tts"
         *             }
         *           ],
         *           "title": "Service desk agent — first line: triage and verification",
         *           "user_id": 11,
         *           "user_type": "staff"
         *         },
         *         {
         *           "email": "juan.delacruz@example.com",
         *           "full_name": "Juan Dela Cruz",
         *           "key": "requester",
         *           "roles": [
         *             {
         *               "role": "Employee",
         *               "system": "hdts"
         *             }
         *           ],
         *           "title": "Requester — raises tickets (Sales department)",
         *           "user_id": 501,
         *           "user_type": "employee"
         *         }
         *       ]
         *     }
         */
        DemoPeople: {
            /** @description The admin, a coordinator, the agents and a requester, in that order. */
            items: components["schemas"]["DemoPersonView"][];
        };
        /** @description Someone to sign in as. */
        DemoPersonView: {
            email: string;
            full_name: string;
            /**
             * @description What to send as `key` to sign in.
             * @example agent1
             */
            key: string;
            /** @description The roles the token carries: those `tts demo` gives the person. */
            roles: components["schemas"]["SystemRole"][];
            /** @description What the person does in the demo. */
            title: string;
            /** Format: int64 */
            user_id: number;
            user_type: components["schemas"]["UserType"];
        };
        /**
         * @description Who is called when a task of the workflow completes (the schema of [`END_ACTIONS`]).
         * @enum {string}
         */
        EndAction: "none" | "asset" | "budget" | "notification" | "webhook";
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
        /**
         * @example {
         *       "reason": "Needs a purchase approval above my limit"
         *     }
         */
        EscalateInput: {
            reason: string;
        };
        /** @description One problem with one input field. */
        FieldError: {
            /** @description Dotted path of the field in the request (`subject`, `steps[2].role_id`, path or query name). */
            field: string;
            message: string;
        };
        /**
         * @description A count of tasks with the link to the tasks behind it.
         * @example {
         *       "count": 2,
         *       "tasks": "/analytics/tasks/?set=breached&priority=High"
         *     }
         */
        Figure: {
            /** Format: int64 */
            count: number;
            /** @description `GET` it for the tasks the count counts (same filter, same predicate). */
            tasks: string;
        };
        /**
         * @description The whole graph as the designer saved it.
         * @example {
         *       "steps": [
         *         {
         *           "design": {
         *             "x": 80,
         *             "y": 120
         *           },
         *           "instruction": "Check the ticket",
         *           "is_start": true,
         *           "key": "triage",
         *           "name": "Triage",
         *           "role_id": 4,
         *           "weight": 1
         *         },
         *         {
         *           "design": {
         *             "x": 320,
         *             "y": 120
         *           },
         *           "escalate_to_role_id": 4,
         *           "key": "approve",
         *           "name": "Approval",
         *           "role_id": 5,
         *           "weight": 2
         *         },
         *         {
         *           "design": {
         *             "x": 560,
         *             "y": 120
         *           },
         *           "is_end": true,
         *           "key": "resolve",
         *           "name": "Resolution",
         *           "role_id": 4,
         *           "weight": 1
         *         }
         *       ],
         *       "transitions": [
         *         {
         *           "from": "triage",
         *           "key": "submit",
         *           "name": "Submit",
         *           "to": "approve"
         *         },
         *         {
         *           "from": "approve",
         *           "key": "approve",
         *           "name": "Approve",
         *           "to": "resolve"
         *         },
         *         {
         *           "from": "approve",
         *           "key": "reject",
         *           "name": "Reject",
         *           "to": "triage"
         *         }
         *       ]
         *     }
         */
        Graph: {
            steps?: components["schemas"]["StepDef"][];
            transitions?: components["schemas"]["TransitionDef"][];
        };
        /**
         * @description A saved graph, each step and transition with its id.
         * @example {
         *       "steps": [
         *         {
         *           "design": null,
         *           "escalate_to_role_id": null,
         *           "id": 11,
         *           "instruction": "Check the ticket",
         *           "is_end": false,
         *           "is_start": true,
         *           "key": "triage",
         *           "name": "Triage",
         *           "role_id": 4,
         *           "weight": 1
         *         },
         *         {
         *           "design": null,
         *           "escalate_to_role_id": 4,
         *           "id": 12,
         *           "instruction": "",
         *           "is_end": false,
         *           "is_start": false,
         *           "key": "approve",
         *           "name": "Approval",
         *           "role_id": 5,
         *           "weight": 2
         *         },
         *         {
         *           "design": null,
         *           "escalate_to_role_id": null,
         *           "id": 13,
         *           "instruction": "",
         *           "is_end": true,
         *           "is_start": false,
         *           "key": "resolve",
         *           "name": "Resolution",
         *           "role_id": 4,
         *           "weight": 1
         *         }
         *       ],
         *       "transitions": [
         *         {
         *           "from": "triage",
         *           "id": 6,
         *           "key": "submit",
         *           "name": "Submit",
         *           "to": "approve"
         *         },
         *         {
         *           "from": "approve",
         *           "id": 7,
         *           "key": "approve",
         *           "name": "Approve",
         *           "to": "resolve"
         *         },
         *         {
         *           "from": "approve",
         *           "id": 8,
         *           "key": "reject",
         *           "name": "Reject",
         *           "to": "triage"
         *         }
         *       ]
         *     }
         */
        GraphView: {
            steps: components["schemas"]["StepView"][];
            transitions: components["schemas"]["TransitionView"][];
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
         *       "notes": "Which floor is your desk on?",
         *       "status": "Pending"
         *     }
         */
        HoldInput: {
            notes: string;
            /**
             * @description `On Hold` (waiting on someone other than the requester) or `Pending` (waiting for the
             *     requester, who is told with `notes` as the message).
             */
            status: string;
        };
        ItemSla: {
            /**
             * Format: int64
             * @description Working time granted, seconds.
             */
            allowance_seconds: number;
            /** Format: int64 */
            assignee_id: number;
            breached: boolean;
            /**
             * Format: date-time
             * @description Wall-clock due time (the same instant as `target_at`).
             */
            due_at: string;
            /**
             * Format: int64
             * @description Working time used so far (until it closed), seconds.
             */
            elapsed_seconds: number;
            /** Format: int64 */
            item_id: number;
            status: string;
            step: string;
            /**
             * @description The step's share as working time, ISO-8601 in hours (a share is working time, not
             *     working days), e.g. `PT12H`.
             */
            target: string;
            /** Format: date-time */
            target_at: string;
            /** @description The same in words, e.g. "12 working hours" ("12 hours" without business hours). */
            target_words: string;
            warnings_sent: number[];
        };
        ItemView: {
            /** Format: date-time */
            assigned_at: string;
            /** Format: int64 */
            assignee_id: number;
            /** @description From the role-sync directory; `null` when it has no name for the person. */
            assignee_name?: string | null;
            /** Format: date-time */
            first_action_at?: string | null;
            history: Record<string, never>[];
            /** Format: int64 */
            id: number;
            /** @description `assignment`, `back_edge`, `escalation`, `transfer` or `take_over`. */
            origin: string;
            /** Format: date-time */
            resolved_at?: string | null;
            /** Format: int64 */
            role_id: number;
            /** @description `new`, `in_progress`, `resolved`, `escalated`, `reassigned`, `breached` or `withdrawn`. */
            status: string;
            step: string;
            /** Format: date-time */
            target_at: string;
        };
        /**
         * @description The caller, as their access token describes them.
         * @example {
         *       "email": "ana.cruz@example.com",
         *       "expires_at": "2026-12-02T08:15:00Z",
         *       "full_name": "Ana Cruz",
         *       "is_admin": false,
         *       "roles": [
         *         {
         *           "role": "Service Desk Agent",
         *           "system": "tts"
         *         }
         *       ],
         *       "user_id": 11,
         *       "user_type": "staff",
         *       "username": "ana.cruz"
         *     }
         */
        Me: {
            /** @description `null` when the token carries none. */
            email?: string | null;
            /**
             * Format: date-time
             * @description When the token expires; after it every call answers 401.
             */
            expires_at: string;
            /** @description `null` when the token carries none. */
            full_name?: string | null;
            /** @description Staff holding `tts:Admin`: the workflow API's administrator. */
            is_admin: boolean;
            /** @description Every role of every system the token carries. */
            roles: components["schemas"]["SystemRole"][];
            /**
             * Format: int64
             * @description Staff and employees are numbered separately: read it with `user_type`.
             */
            user_id: number;
            user_type: components["schemas"]["UserType"];
            /** @description `null` when the token carries none. */
            username?: string | null;
        };
        /**
         * @description A user's membership of a role.
         * @example {
         *       "is_active": true,
         *       "updated_at": "2026-12-01T23:58:11.958120Z",
         *       "user_email": "ana.reyes@example.com",
         *       "user_full_name": "Ana Reyes",
         *       "user_id": 7
         *     }
         */
        Member: {
            is_active: boolean;
            /** Format: date-time */
            updated_at: string;
            user_email?: string | null;
            user_full_name?: string | null;
            /** Format: int64 */
            user_id: number;
        };
        /**
         * @description Body of `PUT /roles/{role_id}/members/{user_id}/`; every field optional.
         * @example {
         *       "is_active": true,
         *       "user_email": "ana.reyes@example.com",
         *       "user_full_name": "Ana Reyes"
         *     }
         */
        MemberInput: {
            /**
             * @description Inactive members keep their membership but get no new work (default true).
             * @default true
             */
            is_active: boolean;
            user_email?: string | null;
            user_full_name?: string | null;
        };
        /** @description A page of a role's members, by user id. */
        MemberPage: {
            items: components["schemas"]["Member"][];
            /**
             * @description Pass as `cursor` for the next page; absent on the last.
             * @example bTc
             */
            next_cursor?: string | null;
        };
        /**
         * @description Body of `POST /workflows/`. `name`, `department`, `category` and the four SLAs are required
         *     (a missing one is reported with the others as 422).
         * @example {
         *       "category": "IT Support",
         *       "department": "IT Department",
         *       "graph": {
         *         "steps": [
         *           {
         *             "instruction": "Check the ticket",
         *             "is_start": true,
         *             "key": "triage",
         *             "name": "Triage",
         *             "role_id": 4,
         *             "weight": 1
         *           },
         *           {
         *             "escalate_to_role_id": 4,
         *             "key": "approve",
         *             "name": "Approval",
         *             "role_id": 5,
         *             "weight": 2
         *           },
         *           {
         *             "is_end": true,
         *             "key": "resolve",
         *             "name": "Resolution",
         *             "role_id": 4,
         *             "weight": 1
         *           }
         *         ],
         *         "transitions": [
         *           {
         *             "from": "triage",
         *             "key": "submit",
         *             "name": "Submit",
         *             "to": "approve"
         *           },
         *           {
         *             "from": "approve",
         *             "key": "approve",
         *             "name": "Approve",
         *             "to": "resolve"
         *           },
         *           {
         *             "from": "approve",
         *             "key": "reject",
         *             "name": "Reject",
         *             "to": "triage"
         *           }
         *         ]
         *       },
         *       "high_response_sla": "PT1H",
         *       "high_sla": "PT8H",
         *       "low_sla": "P5D",
         *       "medium_sla": "P2D",
         *       "name": "Hardware any",
         *       "sub_category": null,
         *       "urgent_sla": "PT2H"
         *     }
         */
        NewWorkflow: {
            calendar?: components["schemas"]["Calendar"] | null;
            /** @example IT Support */
            category?: string | null;
            /**
             * @description Tickets of this department (and category) are matched to the workflow.
             * @example IT Department
             */
            department?: string | null;
            description?: string | null;
            end_action?: components["schemas"]["EndAction"] | null;
            /**
             * @description The URL called for the `webhook` end action.
             * @example https://hooks.example.com/tts
             */
            end_webhook_url?: string | null;
            /** @description Escalate an item to its step's `escalate_to_role_id` role when it breaches (default false). */
            escalate_on_breach?: boolean | null;
            graph?: components["schemas"]["Graph"] | null;
            /** @example PT1H */
            high_response_sla?: string | null;
            /**
             * @description Longer than urgent's.
             * @example PT8H
             */
            high_sla?: string | null;
            /**
             * @description Optional first-response SLA per priority (ISO-8601, e.g. `PT4H`): how long the first
             *     public staff reply may take. Shorter than the priority's SLA; absent: no target.
             * @example P1D
             */
            low_response_sla?: string | null;
            /**
             * @description Resolution SLA of low-priority tickets: an ISO-8601 duration of weeks, days, hours,
             *     minutes, seconds (no years or months), longer than medium's.
             * @example P5D
             */
            low_sla?: string | null;
            /** @example PT8H */
            medium_response_sla?: string | null;
            /**
             * @description Longer than high's.
             * @example P2D
             */
            medium_sla?: string | null;
            /**
             * @description 1–255 characters; unique (ignoring case) among workflows that are not archived.
             * @example Hardware any
             */
            name?: string | null;
            /** @description Absent: the workflow takes every sub-category of its category without a workflow of its own. */
            sub_category?: string | null;
            /** @example PT30M */
            urgent_response_sla?: string | null;
            /** @example PT2H */
            urgent_sla?: string | null;
        };
        /**
         * @example {
         *       "notes": "Replaced the disk; the laptop boots"
         *     }
         */
        NotesInput: {
            notes: string;
        };
        PauseView: {
            /** Format: date-time */
            ended_at?: string | null;
            /** Format: date-time */
            started_at: string;
            status: string;
            /** Format: int64 */
            working_seconds?: number | null;
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "email": "ana.reyes@example.com",
         *           "full_name": "Ana Reyes",
         *           "user_id": 7
         *         },
         *         {
         *           "email": null,
         *           "full_name": null,
         *           "user_id": 9
         *         }
         *       ]
         *     }
         */
        People: {
            /**
             * @description The requested people who are an active member of at least one role, by user id. An id
             *     not listed holds no TTS role (or none actively).
             */
            items: components["schemas"]["Person"][];
        };
        /** @description A staff member who holds a role of the role system, as the role-member cache knows them. */
        Person: {
            email?: string | null;
            /**
             * @description As last synced from the auth service; `null` when it never sent one (e.g. a member added
             *     through `PUT /roles/{role_id}/members/{user_id}/`).
             */
            full_name?: string | null;
            /** Format: int64 */
            user_id: number;
        };
        /**
         * @description One thing that keeps a graph (or an SLA policy) from being published.
         * @example {
         *       "code": "unknown_role",
         *       "field": "steps[1].role_id",
         *       "message": "step \"b\" (B) is assigned to role 404, which does not exist",
         *       "step": "b"
         *     }
         */
        Problem: {
            /** @description Stable machine-readable code, such as `dead_end`. */
            code: string;
            /**
             * @description Dotted path of what the problem concerns in the workflow: `steps[2].role_id`,
             *     `transitions[0].to`, `steps` for the graph as a whole, `high_sla`, `end_action`.
             */
            field?: string | null;
            /** @description A sentence for the designer. */
            message: string;
            /** @description Key of the step the problem concerns, if any. */
            step?: string | null;
            /** @description Key of the transition the problem concerns, if any. */
            transition?: string | null;
        };
        /** @description The first-response part of `GET /tasks/{id}/sla/`. */
        ResponseSla: {
            breached: boolean;
            /**
             * Format: date-time
             * @description Wall-clock due time (moves when a pause ends).
             */
            due_at?: string | null;
            /**
             * Format: date-time
             * @description The first public reply by staff on the ticket.
             */
            first_response_at?: string | null;
            /** @description `met`, `breached`, `pending`, `paused` or `none` (the priority has no first-response SLA). */
            state: components["schemas"]["TargetState"];
            /** @description The first-response SLA as written (ISO-8601), e.g. `PT4H`; null without one. */
            target?: string | null;
            /** @description The same in words, e.g. "4 working hours". */
            target_words?: string | null;
            warnings_sent: number[];
        };
        /**
         * @description First-response SLAs per priority (ISO-8601); null where a priority has none.
         * @example {
         *       "high": "PT1H",
         *       "low": null,
         *       "medium": null,
         *       "urgent": "PT30M"
         *     }
         */
        ResponseSlas: {
            high?: string | null;
            low?: string | null;
            medium?: string | null;
            urgent?: string | null;
        };
        /**
         * @example {
         *       "notes": "The requester answered"
         *     }
         */
        ResumeInput: {
            /** @description Optional. */
            notes?: string;
        };
        /**
         * @description A role of the roles cache.
         * @example {
         *       "created_at": "2026-12-01T23:58:11.912345Z",
         *       "description": null,
         *       "is_custom": true,
         *       "name": "Asset Manager",
         *       "role_id": 4,
         *       "source": "api",
         *       "system": "tts",
         *       "updated_at": "2026-12-01T23:58:11.912345Z"
         *     }
         */
        Role: {
            /** Format: date-time */
            created_at: string;
            description?: string | null;
            is_custom: boolean;
            name: string;
            /** Format: int64 */
            role_id: number;
            /** @description `sync` (from the auth service) or `api` (managed here). */
            source: string;
            system: string;
            /** Format: date-time */
            updated_at: string;
        };
        /**
         * @description A role with every member.
         * @example {
         *       "created_at": "2026-12-01T23:58:11.912345Z",
         *       "description": null,
         *       "is_custom": true,
         *       "members": [
         *         {
         *           "is_active": true,
         *           "updated_at": "2026-12-01T23:58:11.958120Z",
         *           "user_email": "ana.reyes@example.com",
         *           "user_full_name": "Ana Reyes",
         *           "user_id": 7
         *         }
         *       ],
         *       "name": "Asset Manager",
         *       "role_id": 4,
         *       "source": "api",
         *       "system": "tts",
         *       "updated_at": "2026-12-01T23:58:11.912345Z"
         *     }
         */
        RoleDetail: components["schemas"]["Role"] & {
            /** @description Every member, active or not, by user id (`listRoleMembers` pages them). */
            members: components["schemas"]["Member"][];
        };
        /**
         * @description Body of `PUT /roles/{role_id}/`.
         * @example {
         *       "description": "Hardware and licences",
         *       "name": "Asset Manager"
         *     }
         */
        RoleInput: {
            description?: string | null;
            /** @description 1–255 characters (surrounding spaces are dropped). */
            name: string;
        };
        /** @description A page of roles, by role id. */
        RolePage: {
            items: components["schemas"]["Role"][];
            /**
             * @description Pass as `cursor` for the next page; absent on the last.
             * @example cjQ
             */
            next_cursor?: string | null;
        };
        /**
         * @example {
         *       "key": "agent1"
         *     }
         */
        SignIn: {
            /** @description The `key` of one of the demo people. */
            key: string;
        };
        /**
         * @description One row of a grouped SLA report.
         * @example {
         *       "at_risk": {
         *         "count": 0,
         *         "tasks": "/analytics/tasks/?set=at_risk&priority=High"
         *       },
         *       "breached": {
         *         "count": 1,
         *         "tasks": "/analytics/tasks/?set=breached&priority=High"
         *       },
         *       "by": "priority",
         *       "compliance_percent": 50,
         *       "key": "High",
         *       "met": {
         *         "count": 1,
         *         "tasks": "/analytics/tasks/?set=met&priority=High"
         *       },
         *       "response_breached": {
         *         "count": 0,
         *         "tasks": "/analytics/tasks/?set=response_breached&priority=High"
         *       },
         *       "response_compliance_percent": null,
         *       "response_met": {
         *         "count": 0,
         *         "tasks": "/analytics/tasks/?set=response_met&priority=High"
         *       }
         *     }
         */
        SlaRow: {
            at_risk: components["schemas"]["Figure"];
            breached: components["schemas"]["Figure"];
            /** @description `priority` or `workflow`: what `key` is. */
            by: string;
            /**
             * Format: double
             * @description met ÷ (met + breached), 0–100; null without any verdict.
             */
            compliance_percent?: number | null;
            /** @description The priority, or the workflow id. */
            key: string;
            met: components["schemas"]["Figure"];
            response_breached: components["schemas"]["Figure"];
            /** Format: double */
            response_compliance_percent?: number | null;
            /** @description First-response target met / breached, and their compliance. */
            response_met: components["schemas"]["Figure"];
        };
        /**
         * @description Resolution SLA per priority, in the canonical ISO-8601 form (days, then `T`, hours,
         *     minutes, seconds; `P1DT2H`).
         * @example {
         *       "high": "PT8H",
         *       "low": "P5D",
         *       "medium": "P2D",
         *       "urgent": "PT2H"
         *     }
         */
        Slas: {
            high: string;
            low: string;
            medium: string;
            urgent: string;
        };
        /**
         * @description One Step of a workflow: who works on it, and how much of the SLA it gets.
         * @example {
         *       "design": {
         *         "x": 320,
         *         "y": 120
         *       },
         *       "escalate_to_role_id": 4,
         *       "instruction": "Approve or reject the request",
         *       "is_end": false,
         *       "is_start": false,
         *       "key": "approve",
         *       "name": "Approval",
         *       "role_id": 5,
         *       "weight": 2
         *     }
         */
        StepDef: {
            /** @description Canvas position (`x`, `y`) and any other designer data; kept as given, opaque to the rules. */
            design?: Record<string, never>;
            /**
             * Format: int64
             * @description The role an item of this step is escalated to.
             */
            escalate_to_role_id?: number | null;
            /** @description Shown to the assignee. */
            instruction?: string;
            /** @description At least one step of a publishable graph is an end. */
            is_end?: boolean;
            /** @description Exactly one step of a publishable graph is the start. */
            is_start?: boolean;
            /** @description The designer's own key for the step, unique in the graph; transitions name steps by it. */
            key: string;
            name: string;
            /**
             * Format: int64
             * @description The role whose members work on the step (round robin).
             */
            role_id: number;
            /**
             * Format: int32
             * @description Share of the ticket's SLA, relative to the other steps' weights.
             * @default 1
             */
            weight: number;
        };
        /** @description A page of the draft's steps, in graph order. */
        StepPage: {
            items: components["schemas"]["StepView"][];
            /** @description Pass as `cursor` for the next page; absent on the last. */
            next_cursor?: string | null;
        };
        /**
         * @description One step's items.
         * @example {
         *       "items": 6,
         *       "longest_wait_seconds": 29465821.5,
         *       "median_seconds": 10800,
         *       "open_items": 3,
         *       "step": "do",
         *       "workflow_id": 1
         *     }
         */
        StepRow: {
            /** Format: int64 */
            items: number;
            /**
             * Format: double
             * @description Age of the oldest open item: where tickets wait longest.
             */
            longest_wait_seconds?: number | null;
            /** Format: double */
            median_seconds?: number | null;
            /** Format: int64 */
            open_items: number;
            step: string;
            /** Format: int64 */
            workflow_id: number;
        };
        /**
         * @description A saved step: its id beside the step as the designer wrote it.
         * @example {
         *       "design": null,
         *       "escalate_to_role_id": 4,
         *       "id": 12,
         *       "instruction": "",
         *       "is_end": false,
         *       "is_start": false,
         *       "key": "approve",
         *       "name": "Approval",
         *       "role_id": 5,
         *       "weight": 2
         *     }
         */
        StepView: components["schemas"]["StepDef"] & {
            /**
             * Format: int64
             * @description Stays the same while the step keeps its key.
             */
            id: number;
        };
        /** @description A role in one system, e.g. `tts:Admin`. */
        SystemRole: {
            role: string;
            system: string;
        };
        /**
         * @description Where a target stands.
         * @enum {string}
         */
        TargetState: "none" | "met" | "breached" | "pending" | "paused";
        /**
         * @description A task behind a figure.
         * @example {
         *       "completed_at": "2026-01-05T05:00:00Z",
         *       "created_at": "2026-01-05T00:00:00Z",
         *       "current_step": "do",
         *       "priority": "High",
         *       "status": "completed",
         *       "target_at": "2026-01-05T04:00:00Z",
         *       "task_id": 2,
         *       "ticket_number": "T2",
         *       "version": 1,
         *       "workflow_id": 1
         *     }
         */
        TaskRow: {
            /** Format: date-time */
            completed_at?: string | null;
            /** Format: date-time */
            created_at: string;
            current_step: string;
            priority: string;
            status: string;
            /** Format: date-time */
            target_at: string;
            /** Format: int64 */
            task_id: number;
            ticket_number: string;
            /** Format: int32 */
            version: number;
            /** Format: int64 */
            workflow_id: number;
        };
        /**
         * @example {
         *       "allowance_seconds": 28800,
         *       "business_hours": false,
         *       "calendar": null,
         *       "due_at": "2026-12-02T09:21:40.999389Z",
         *       "elapsed_seconds": 0,
         *       "items": [
         *         {
         *           "allowance_seconds": 7200,
         *           "assignee_id": 7,
         *           "breached": false,
         *           "due_at": "2026-12-02T03:21:40.999389Z",
         *           "elapsed_seconds": 0,
         *           "item_id": 1,
         *           "status": "new",
         *           "step": "triage",
         *           "target": "PT2H",
         *           "target_at": "2026-12-02T03:21:40.999389Z",
         *           "target_words": "2 hours",
         *           "warnings_sent": []
         *         }
         *       ],
         *       "paused": false,
         *       "pauses": [],
         *       "response": {
         *         "breached": false,
         *         "due_at": null,
         *         "first_response_at": null,
         *         "state": "none",
         *         "target": null,
         *         "target_words": null,
         *         "warnings_sent": []
         *       },
         *       "target": "PT8H",
         *       "target_at": "2026-12-02T09:21:40.999389Z",
         *       "target_words": "8 hours",
         *       "task_id": 1
         *     }
         */
        TaskSla: {
            /**
             * Format: int64
             * @description The SLA as written, in seconds of its ISO-8601 duration (a day = 86 400).
             */
            allowance_seconds: number;
            /** @description Whether SLA time counts in business hours (the version has a calendar). */
            business_hours: boolean;
            calendar?: Record<string, never> | null;
            /**
             * Format: date-time
             * @description Wall-clock due time of the resolution target (the same instant as `target_at`).
             */
            due_at: string;
            /** Format: int64 */
            elapsed_seconds: number;
            items: components["schemas"]["ItemSla"][];
            paused: boolean;
            pauses: components["schemas"]["PauseView"][];
            /** @description The first-response target beside the resolution one. */
            response: components["schemas"]["ResponseSla"];
            /**
             * @description The resolution SLA of the task's priority as written (ISO-8601), e.g. `P3D`. With
             *     business hours a day is a working day of the calendar and an hour a working hour.
             */
            target: string;
            /** Format: date-time */
            target_at: string;
            /** @description The same in words, e.g. "3 working days" ("3 days" around the clock). */
            target_words: string;
            /** Format: int64 */
            task_id: number;
        };
        /**
         * @example {
         *       "available_actions": [
         *         {
         *           "action": "transition",
         *           "name": "Submit",
         *           "to": "approve",
         *           "transition_id": 1,
         *           "transition_key": "submit"
         *         },
         *         {
         *           "action": "transfer"
         *         },
         *         {
         *           "action": "hold"
         *         }
         *       ],
         *       "completed_at": null,
         *       "created_at": "2026-12-02T01:21:40.978669Z",
         *       "current_step": {
         *         "instruction": "Check the ticket",
         *         "is_end": false,
         *         "key": "triage",
         *         "name": "Triage",
         *         "role_id": 4
         *       },
         *       "first_action_at": "2026-12-02T01:21:41.181435Z",
         *       "first_response_at": null,
         *       "id": 1,
         *       "items": [
         *         {
         *           "assigned_at": "2026-12-02T01:21:40.978669Z",
         *           "assignee_id": 7,
         *           "assignee_name": null,
         *           "first_action_at": "2026-12-02T01:21:41.187496Z",
         *           "history": [
         *             {
         *               "action": "assignment",
         *               "actor_id": null,
         *               "at": "2026-12-02T01:21:40.978669Z",
         *               "id": 1,
         *               "item_id": 1,
         *               "notes": "",
         *               "status": "new"
         *             },
         *             {
         *               "action": "start",
         *               "actor_id": 7,
         *               "at": "2026-12-02T01:21:41.181435Z",
         *               "id": 2,
         *               "item_id": 1,
         *               "notes": "",
         *               "status": "in_progress"
         *             }
         *           ],
         *           "id": 1,
         *           "origin": "assignment",
         *           "resolved_at": null,
         *           "role_id": 4,
         *           "status": "in_progress",
         *           "step": "triage",
         *           "target_at": "2026-12-02T03:21:40.999389Z"
         *         }
         *       ],
         *       "owner_id": 30,
         *       "owner_name": null,
         *       "priority": "High",
         *       "status": "active",
         *       "subject": "Laptop will not boot",
         *       "target_at": "2026-12-02T09:21:40.999389Z",
         *       "ticket_number": "TX20251231962083",
         *       "version": 1,
         *       "waiting": null,
         *       "workflow_id": 1
         *     }
         */
        TaskView: {
            available_actions: components["schemas"]["AvailableAction"][];
            /** Format: date-time */
            completed_at?: string | null;
            /** Format: date-time */
            created_at: string;
            current_step: Record<string, never>;
            /**
             * Format: date-time
             * @description When someone first acted on the task (started work, moved, escalated, transferred, took
             *     over or finalized); `null` until then.
             */
            first_action_at?: string | null;
            /**
             * Format: date-time
             * @description When staff first replied publicly on the ticket (reported by messaging); `null` until then.
             */
            first_response_at?: string | null;
            /** Format: int64 */
            id: number;
            items: components["schemas"]["ItemView"][];
            /** Format: int64 */
            owner_id?: number | null;
            /** @description From the role-sync directory; `null` when it has no name for the owner. */
            owner_name?: string | null;
            priority: string;
            /** @description `active`, `completed` or `withdrawn`. */
            status: string;
            subject: string;
            /** Format: date-time */
            target_at: string;
            ticket_number: string;
            /** Format: int32 */
            version: number;
            /**
             * @description `On Hold` or `Pending` while the ticket waits (the SLA clock stands still); `null` when it
             *     does not.
             */
            waiting?: string | null;
            /** Format: int64 */
            workflow_id: number;
        };
        /**
         * @description One page of ticket snapshots, by ticket number (descending).
         * @example {
         *       "items": [
         *         {
         *           "category": "IT Support",
         *           "created_at": "2026-12-02T01:21:40.978669Z",
         *           "department": "IT Department",
         *           "payload": {
         *             "category": "IT Support",
         *             "department": "IT Department",
         *             "description": "Black screen after BIOS logo",
         *             "employee": {
         *               "company_id": "MA0014",
         *               "department": "IT Department",
         *               "email": "juan@example.com",
         *               "first_name": "Juan",
         *               "last_name": "Reyes"
         *             },
         *             "employee_id": 14,
         *             "priority": "High",
         *             "status": "Open",
         *             "subject": "Laptop will not boot",
         *             "submit_date": "2025-12-31T02:14:09.120000+00:00",
         *             "ticket_number": "TX20251231962083"
         *           },
         *           "priority": "High",
         *           "received_count": 1,
         *           "status": "Open",
         *           "sub_category": null,
         *           "subject": "Laptop will not boot",
         *           "ticket_number": "TX20251231962083",
         *           "updated_at": "2026-12-02T01:21:40.978669Z",
         *           "workflow_id": 1
         *         }
         *       ],
         *       "next_cursor": "a1RYMjAyNTEyMzE5NjIwODM"
         *     }
         */
        TicketPage: {
            items: components["schemas"]["TicketView"][];
            /** @description Pass as `cursor` (with the same filters) for the next page; absent on the last. */
            next_cursor?: string | null;
        };
        /**
         * @example {
         *       "category": "IT Support",
         *       "created_at": "2026-12-02T01:21:40.978669Z",
         *       "department": "IT Department",
         *       "payload": {
         *         "category": "IT Support",
         *         "department": "IT Department",
         *         "description": "Black screen after BIOS logo",
         *         "employee": {
         *           "company_id": "MA0014",
         *           "department": "IT Department",
         *           "email": "juan@example.com",
         *           "first_name": "Juan",
         *           "last_name": "Reyes"
         *         },
         *         "employee_id": 14,
         *         "priority": "High",
         *         "status": "Open",
         *         "subject": "Laptop will not boot",
         *         "submit_date": "2025-12-31T02:14:09.120000+00:00",
         *         "ticket_number": "TX20251231962083"
         *       },
         *       "priority": "High",
         *       "received_count": 1,
         *       "status": "Open",
         *       "sub_category": null,
         *       "subject": "Laptop will not boot",
         *       "ticket_number": "TX20251231962083",
         *       "updated_at": "2026-12-02T01:21:40.978669Z",
         *       "workflow_id": 1
         *     }
         */
        TicketView: {
            category?: string | null;
            /** Format: date-time */
            created_at: string;
            department?: string | null;
            payload: Record<string, never>;
            priority: string;
            /** Format: int32 */
            received_count: number;
            status: string;
            sub_category?: string | null;
            subject: string;
            ticket_number: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description The workflow it was allocated to; absent while it waits for one.
             */
            workflow_id?: number | null;
        };
        /**
         * @example {
         *       "notes": "Covering for leave this week",
         *       "user_id": 8
         *     }
         */
        TransferInput: {
            notes: string;
            /** Format: int64 */
            user_id: number;
        };
        /**
         * @description A Transition from one Step to another, named by step keys.
         * @example {
         *       "from": "approve",
         *       "key": "approve",
         *       "name": "Approve",
         *       "to": "resolve"
         *     }
         */
        TransitionDef: {
            /** @description Key of the step it leaves. */
            from: string;
            /** @description The designer's own key for the transition, unique in the graph. */
            key: string;
            /** @description The action's label, shown to the assignee. */
            name: string;
            /** @description Key of the step it leads to. */
            to: string;
        };
        /**
         * @example {
         *       "notes": "Checked: the disk has failed",
         *       "transition_id": "submit"
         *     }
         */
        TransitionInput: {
            notes: string;
            /** @description The transition's published id, or its key. */
            transition_id: components["schemas"]["TransitionRef"];
        };
        /** @description A page of the draft's transitions, in graph order. */
        TransitionPage: {
            items: components["schemas"]["TransitionView"][];
            /** @description Pass as `cursor` for the next page; absent on the last. */
            next_cursor?: string | null;
        };
        /** @description A transition named by its id (as published) or its key. */
        TransitionRef: number | string;
        /**
         * @description A saved transition: its id beside the transition as the designer wrote it.
         * @example {
         *       "from": "approve",
         *       "id": 7,
         *       "key": "approve",
         *       "name": "Approve",
         *       "to": "resolve"
         *     }
         */
        TransitionView: components["schemas"]["TransitionDef"] & {
            /**
             * Format: int64
             * @description Stays the same while the transition keeps its key.
             */
            id: number;
        };
        /**
         * @description Tasks created and resolved in one period.
         * @example {
         *       "created": 4,
         *       "period": "2026-01-05T00:00:00Z",
         *       "resolved": 3
         *     }
         */
        TrendRow: {
            /** Format: int64 */
            created: number;
            /**
             * Format: date-time
             * @description Start of the day or week (Monday), UTC.
             */
            period: string;
            /** Format: int64 */
            resolved: number;
        };
        /**
         * @description Staff and employees are numbered by different systems: user 7 the agent and user 7 the
         *     requester are different people. Every user id in TTS travels with its type.
         * @enum {string}
         */
        UserType: "staff" | "employee";
        /**
         * @description Whether the draft can be published, and every reason it cannot.
         * @example {
         *       "problems": [
         *         {
         *           "code": "unknown_role",
         *           "field": "steps[1].role_id",
         *           "message": "step \"b\" (B) is assigned to role 404, which does not exist",
         *           "step": "b"
         *         },
         *         {
         *           "code": "multiple_starts",
         *           "field": "steps",
         *           "message": "2 steps are marked as the start (\"a\", \"b\"); mark exactly one"
         *         },
         *         {
         *           "code": "sla_order",
         *           "field": "urgent_sla",
         *           "message": "the urgent SLA (PT4H) must be shorter than the high SLA (PT4H)"
         *         }
         *       ],
         *       "valid": false
         *     }
         */
        Validation: {
            problems: components["schemas"]["Problem"][];
            valid: boolean;
        };
        /** @description What a version froze: the graph (with the draft's ids) and the SLAs. */
        VersionDefinition: {
            graph: components["schemas"]["GraphView"];
            response_slas: components["schemas"]["ResponseSlas"];
            slas: components["schemas"]["Slas"];
        };
        /** @description A page of published versions, oldest first. */
        VersionPage: {
            items: components["schemas"]["VersionView"][];
            /**
             * @description Pass as `cursor` for the next page; absent on the last.
             * @example djE
             */
            next_cursor?: string | null;
        };
        /**
         * @description A published version: what it matches and its SLAs; the detail view adds the frozen graph.
         * @example {
         *       "category": "IT Support",
         *       "department": "IT Department",
         *       "published_at": "2026-12-01T23:58:12.517820Z",
         *       "published_by": 1,
         *       "response_slas": {
         *         "high": null,
         *         "low": null,
         *         "medium": null,
         *         "urgent": null
         *       },
         *       "slas": {
         *         "high": "PT8H",
         *         "low": "P5D",
         *         "medium": "P2D",
         *         "urgent": "PT2H"
         *       },
         *       "sub_category": null,
         *       "version": 1,
         *       "workflow_id": 1
         *     }
         */
        VersionView: {
            category: string;
            definition?: components["schemas"]["VersionDefinition"] | null;
            department: string;
            /** Format: date-time */
            published_at: string;
            /** Format: int64 */
            published_by: number;
            /** @description The frozen first-response SLAs (null: none). */
            response_slas: components["schemas"]["ResponseSlas"];
            slas: components["schemas"]["Slas"];
            sub_category?: string | null;
            /** Format: int32 */
            version: number;
            /** Format: int64 */
            workflow_id: number;
        };
        /** @description A page of workflows, by id. */
        WorkflowPage: {
            items: components["schemas"]["WorkflowView"][];
            /**
             * @description Pass as `cursor` for the next page; absent on the last.
             * @example dzU
             */
            next_cursor?: string | null;
        };
        /**
         * @description Body of `PATCH /workflows/{id}/`: any subset of the details (the rules of `POST /workflows/`).
         * @example {
         *       "calendar": {
         *         "holidays": [
         *           "2026-12-25"
         *         ],
         *         "hours": [
         *           [
         *             {
         *               "end": "17:00",
         *               "start": "08:00"
         *             }
         *           ],
         *           [
         *             {
         *               "end": "17:00",
         *               "start": "08:00"
         *             }
         *           ],
         *           [
         *             {
         *               "end": "17:00",
         *               "start": "08:00"
         *             }
         *           ],
         *           [
         *             {
         *               "end": "17:00",
         *               "start": "08:00"
         *             }
         *           ],
         *           [
         *             {
         *               "end": "17:00",
         *               "start": "08:00"
         *             }
         *           ],
         *           [],
         *           []
         *         ],
         *         "time_zone": "Asia/Manila"
         *       },
         *       "high_response_sla": null,
         *       "high_sla": "PT6H"
         *     }
         */
        WorkflowPatch: {
            calendar?: components["schemas"]["Calendar"] | null;
            category?: string | null;
            department?: string | null;
            description?: string | null;
            end_action?: components["schemas"]["EndAction"] | null;
            /** @description Empty string clears it. */
            end_webhook_url?: string | null;
            escalate_on_breach?: boolean | null;
            high_response_sla?: string | null;
            /** @example PT8H */
            high_sla?: string | null;
            /** @description First-response SLAs (ISO-8601); `null` removes a priority's first-response target. */
            low_response_sla?: string | null;
            /** @example P5D */
            low_sla?: string | null;
            medium_response_sla?: string | null;
            /** @example P2D */
            medium_sla?: string | null;
            name?: string | null;
            /** @description Empty string clears it. */
            sub_category?: string | null;
            urgent_response_sla?: string | null;
            /** @example PT2H */
            urgent_sla?: string | null;
        };
        /**
         * @description One workflow's tasks.
         * @example {
         *       "completed": 3,
         *       "median_time_to_complete_seconds": 10800,
         *       "name": "One step",
         *       "started": 6,
         *       "workflow_id": 1
         *     }
         */
        WorkflowRow: {
            /** Format: int64 */
            completed: number;
            /** Format: double */
            median_time_to_complete_seconds?: number | null;
            name: string;
            /** Format: int64 */
            started: number;
            /** Format: int64 */
            workflow_id: number;
        };
        /**
         * @description Where a workflow stands: a `draft` was never published; `active` takes tickets; `paused`
         *     stops taking them; `archived` is kept for its tasks and history.
         * @enum {string}
         */
        WorkflowStatus: "draft" | "active" | "paused" | "archived";
        /**
         * @description A workflow's details; the detail view adds its draft graph.
         * @example {
         *       "calendar": null,
         *       "category": "IT Support",
         *       "created_at": "2026-12-01T23:58:12.402311Z",
         *       "created_by": 1,
         *       "department": "IT Department",
         *       "description": "",
         *       "end_action": "none",
         *       "end_webhook_url": null,
         *       "escalate_on_breach": false,
         *       "id": 1,
         *       "latest_version": 1,
         *       "name": "Hardware any",
         *       "response_slas": {
         *         "high": "PT1H",
         *         "low": null,
         *         "medium": null,
         *         "urgent": null
         *       },
         *       "slas": {
         *         "high": "PT8H",
         *         "low": "P5D",
         *         "medium": "P2D",
         *         "urgent": "PT2H"
         *       },
         *       "status": "active",
         *       "sub_category": null,
         *       "updated_at": "2026-12-01T23:58:12.431054Z"
         *     }
         */
        WorkflowView: {
            calendar?: components["schemas"]["Calendar"] | null;
            category: string;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            created_by: number;
            department: string;
            description: string;
            end_action: components["schemas"]["EndAction"];
            end_webhook_url?: string | null;
            escalate_on_breach: boolean;
            graph?: components["schemas"]["GraphView"] | null;
            /** Format: int64 */
            id: number;
            /**
             * Format: int32
             * @description The newest published version; null for a draft.
             */
            latest_version?: number | null;
            name: string;
            /** @description First-response SLAs per priority (null: none). */
            response_slas: components["schemas"]["ResponseSlas"];
            slas: components["schemas"]["Slas"];
            status: components["schemas"]["WorkflowStatus"];
            sub_category?: string | null;
            /** Format: date-time */
            updated_at: string;
        };
        /**
         * @description One working interval [start, end) of a day in local wall-clock time. An `end` of 00:00
         *     means midnight at the end of the day.
         * @example {
         *       "end": "12:00:00",
         *       "start": "08:00:00"
         *     }
         */
        WorkingInterval: {
            /**
             * @description Local wall-clock time; `00:00` is midnight at the end of the day.
             * @example 17:00:00
             */
            end: string;
            /**
             * @description Local wall-clock time, `HH:MM` or `HH:MM:SS`.
             * @example 08:00:00
             */
            start: string;
        };
        WorkItem: {
            /** Format: date-time */
            assigned_at: string;
            /** Format: int64 */
            assignee_id: number;
            /** @description From the role-sync directory; `null` when it has no name for the person. */
            assignee_name?: string | null;
            /** Format: date-time */
            first_action_at?: string | null;
            /** Format: int64 */
            item_id: number;
            /** Format: int64 */
            owner_id?: number | null;
            owner_name?: string | null;
            priority: string;
            /** @description The requester's name as the ticket sent it; `null` when it named none. */
            requester_name?: string | null;
            /**
             * @description `ok`, `warned` (an SLA warning was sent), `breached` or `paused` (the ticket is On Hold or
             *     Pending).
             */
            sla_state: string;
            /** @description `new`, `in_progress`, `resolved`, `escalated`, `reassigned`, `breached` or `withdrawn`. */
            status: string;
            step: string;
            /** @description The step's name in the task's workflow version. */
            step_name: string;
            /** @description The ticket's subject (from its snapshot). */
            subject: string;
            /**
             * Format: date-time
             * @description Due time.
             */
            target_at: string;
            /** Format: int64 */
            task_id: number;
            ticket_number: string;
            /** @description The ticket's status as last received (`Open`, `In Progress`, `On Hold`, …). */
            ticket_status?: string | null;
            /** Format: int64 */
            workflow_id: number;
            workflow_name: string;
        };
        /**
         * @description One agent's work: tasks in which they hold an open, overdue or resolved item.
         * @example {
         *       "assignee_id": 7,
         *       "assignee_name": "Ana Reyes",
         *       "median_handling_seconds": 7200,
         *       "open": {
         *         "count": 2,
         *         "tasks": "/analytics/tasks/?set=agent_open&assignee=7"
         *       },
         *       "overdue": {
         *         "count": 1,
         *         "tasks": "/analytics/tasks/?set=agent_overdue&assignee=7"
         *       },
         *       "resolved": {
         *         "count": 2,
         *         "tasks": "/analytics/tasks/?set=agent_resolved&assignee=7"
         *       }
         *     }
         */
        WorkloadRow: {
            /** Format: int64 */
            assignee_id: number;
            /** @description The agent's full name from the role-sync directory; `null` when it has none. */
            assignee_name?: string | null;
            /**
             * Format: double
             * @description Median of resolution minus assignment over the agent's resolved items.
             */
            median_handling_seconds?: number | null;
            open: components["schemas"]["Figure"];
            overdue: components["schemas"]["Figure"];
            resolved: components["schemas"]["Figure"];
        };
        /**
         * @example {
         *       "items": [
         *         {
         *           "assigned_at": "2026-12-02T01:21:40.978669Z",
         *           "assignee_id": 7,
         *           "assignee_name": null,
         *           "first_action_at": null,
         *           "item_id": 1,
         *           "owner_id": 30,
         *           "owner_name": null,
         *           "priority": "High",
         *           "requester_name": "Juan Reyes",
         *           "sla_state": "ok",
         *           "status": "new",
         *           "step": "triage",
         *           "step_name": "Triage",
         *           "subject": "Laptop will not boot",
         *           "target_at": "2026-12-02T03:21:40.999389Z",
         *           "task_id": 1,
         *           "ticket_number": "TX20251231962083",
         *           "ticket_status": "Open",
         *           "workflow_id": 1,
         *           "workflow_name": "Hardware any"
         *         }
         *       ],
         *       "next_cursor": "o.1764645700999389.1"
         *     }
         */
        WorkPage: {
            items: components["schemas"]["WorkItem"][];
            /**
             * Format: int64
             * @deprecated
             * @description `sort=newest` only: pass as `before` for the next page; absent on the last. Use
             *     `next_cursor`; kept for one release.
             */
            next_before?: number | null;
            /** @description Pass as `cursor` (with the same `sort` and filters) for the next page; absent on the last. */
            next_cursor?: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAnalyticsSummary: {
        parameters: {
            query?: {
                /** @description `csv` answers `text/csv` with a header row (see the response). */
                format?: "json" | "csv";
                /**
                 * @description Tasks created at or after this instant (RFC 3339).
                 * @example 2026-01-01T00:00:00Z
                 */
                from?: string;
                /**
                 * @description Tasks of this priority only (`Low`, `Medium`, `High`, `Urgent`, as the ticket gave it).
                 * @example High
                 */
                priority?: string;
                /**
                 * @description Tasks created before this instant (RFC 3339).
                 * @example 2026-02-01T00:00:00Z
                 */
                to?: string;
                /** @description Tasks of this workflow only. */
                workflow_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the summary */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                    /**
                     * @example figure,value,tasks
                     *     tasks,6,/analytics/tasks/?set=all
                     *     open,3,/analytics/tasks/?set=open
                     *     met,2,/analytics/tasks/?set=met
                     *     unassigned,0,
                     *     sla_compliance_percent,50,
                     *     response_compliance_percent,,
                     */
                    "text/csv": string;
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
            /** @description an unknown parameter, a bad `from`/`to`/`workflow_id`/`format`, each named */
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
    getSlaReport: {
        parameters: {
            query?: {
                /** @description `csv` answers `text/csv` with a header row (see the response). */
                format?: "json" | "csv";
                /**
                 * @description Tasks created at or after this instant (RFC 3339).
                 * @example 2026-01-01T00:00:00Z
                 */
                from?: string;
                /**
                 * @description Tasks of this priority only (`Low`, `Medium`, `High`, `Urgent`, as the ticket gave it).
                 * @example High
                 */
                priority?: string;
                /**
                 * @description Tasks created before this instant (RFC 3339).
                 * @example 2026-02-01T00:00:00Z
                 */
                to?: string;
                /** @description Tasks of this workflow only. */
                workflow_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one row per priority, then per workflow */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaRow"][];
                    /**
                     * @example by,key,met.count,met.tasks,breached.count,breached.tasks,at_risk.count,at_risk.tasks,compliance_percent,response_met.count,response_met.tasks,response_breached.count,response_breached.tasks,response_compliance_percent
                     *     priority,High,1,/analytics/tasks/?set=met&priority=High,1,/analytics/tasks/?set=breached&priority=High,0,/analytics/tasks/?set=at_risk&priority=High,50.0,0,/analytics/tasks/?set=response_met&priority=High,0,/analytics/tasks/?set=response_breached&priority=High,
                     */
                    "text/csv": string;
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
            /** @description an unknown or bad parameter, named */
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
    getStepReport: {
        parameters: {
            query?: {
                /** @description `csv` answers `text/csv` with a header row (see the response). */
                format?: "json" | "csv";
                /**
                 * @description Tasks created at or after this instant (RFC 3339).
                 * @example 2026-01-01T00:00:00Z
                 */
                from?: string;
                /**
                 * @description Tasks of this priority only (`Low`, `Medium`, `High`, `Urgent`, as the ticket gave it).
                 * @example High
                 */
                priority?: string;
                /**
                 * @description Tasks created before this instant (RFC 3339).
                 * @example 2026-02-01T00:00:00Z
                 */
                to?: string;
                /** @description Tasks of this workflow only. */
                workflow_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one row per step, longest wait first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StepRow"][];
                    /**
                     * @example workflow_id,step,items,open_items,median_seconds,longest_wait_seconds
                     *     1,do,6,3,10800.0,3600.2
                     */
                    "text/csv": string;
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
            /** @description an unknown or bad parameter, named */
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
    listAnalyticsTasks: {
        parameters: {
            query?: {
                /** @description The agent, required by (and only read by) the `agent_*` sets. */
                assignee?: number;
                /**
                 * @deprecated
                 * @description The last task id of the previous page. Use `cursor`; kept for one release.
                 */
                before?: number;
                /** @description The `next_cursor` of the previous page (with the same filter and set). */
                cursor?: string;
                /** @description `csv` answers the page as `text/csv` with a header row. */
                format?: "json" | "csv";
                /**
                 * @description Tasks created at or after this instant (RFC 3339).
                 * @example 2026-01-01T00:00:00Z
                 */
                from?: string;
                /** @description Page size, 1–200. */
                limit?: number;
                /**
                 * @description Tasks of this priority only.
                 * @example High
                 */
                priority?: string;
                /** @description Which tasks (default `all`); a figure's `tasks` link names its set. */
                set?: "all" | "open" | "completed" | "met" | "breached" | "at_risk" | "escalated" | "transferred" | "agent_open" | "agent_overdue" | "agent_resolved" | "response_met" | "response_breached";
                /**
                 * @description Tasks created before this instant (RFC 3339).
                 * @example 2026-02-01T00:00:00Z
                 */
                to?: string;
                /** @description Tasks of this workflow only. */
                workflow_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of tasks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "completed_at": "2026-01-05T05:00:00Z",
                     *           "created_at": "2026-01-05T00:00:00Z",
                     *           "current_step": "do",
                     *           "priority": "High",
                     *           "status": "completed",
                     *           "target_at": "2026-01-05T04:00:00Z",
                     *           "task_id": 2,
                     *           "ticket_number": "T2",
                     *           "version": 1,
                     *           "workflow_id": 1
                     *         }
                     *       ],
                     *       "next_cursor": "YTI"
                     *     }
                     */
                    "application/json": components["schemas"]["AnalyticsTaskPage"];
                    /**
                     * @example task_id,ticket_number,workflow_id,version,priority,status,current_step,created_at,target_at,completed_at
                     *     2,T2,1,1,High,completed,do,2026-01-05T00:00:00Z,2026-01-05T04:00:00Z,2026-01-05T05:00:00Z
                     */
                    "text/csv": string;
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
            /** @description every problem at once: an agent set without `assignee`, `assignee` with another set, a bad `limit` or `cursor`, an unknown parameter */
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
    getTrendReport: {
        parameters: {
            query?: {
                /** @description `csv` answers `text/csv` with a header row. */
                format?: "json" | "csv";
                /**
                 * @description Tasks created at or after this instant (RFC 3339).
                 * @example 2026-01-01T00:00:00Z
                 */
                from?: string;
                /** @description Length of each period. */
                interval?: "day" | "week";
                /**
                 * @description Tasks of this priority only.
                 * @example High
                 */
                priority?: string;
                /**
                 * @description Tasks created before this instant (RFC 3339).
                 * @example 2026-02-01T00:00:00Z
                 */
                to?: string;
                /** @description Tasks of this workflow only. */
                workflow_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one row per period with tasks, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrendRow"][];
                    /**
                     * @example period,created,resolved
                     *     2026-01-05T00:00:00Z,4,3
                     *     2026-12-01T00:00:00Z,2,0
                     */
                    "text/csv": string;
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
            /** @description an unknown or bad parameter (`interval` other than day or week), named */
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
    getWorkflowReport: {
        parameters: {
            query?: {
                /** @description `csv` answers `text/csv` with a header row (see the response). */
                format?: "json" | "csv";
                /**
                 * @description Tasks created at or after this instant (RFC 3339).
                 * @example 2026-01-01T00:00:00Z
                 */
                from?: string;
                /**
                 * @description Tasks of this priority only (`Low`, `Medium`, `High`, `Urgent`, as the ticket gave it).
                 * @example High
                 */
                priority?: string;
                /**
                 * @description Tasks created before this instant (RFC 3339).
                 * @example 2026-02-01T00:00:00Z
                 */
                to?: string;
                /** @description Tasks of this workflow only. */
                workflow_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one row per workflow, by id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowRow"][];
                    /**
                     * @example workflow_id,name,started,completed,median_time_to_complete_seconds
                     *     1,One step,6,3,10800.0
                     */
                    "text/csv": string;
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
            /** @description an unknown or bad parameter, named */
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
    getWorkloadReport: {
        parameters: {
            query?: {
                /** @description `csv` answers `text/csv` with a header row (see the response). */
                format?: "json" | "csv";
                /**
                 * @description Tasks created at or after this instant (RFC 3339).
                 * @example 2026-01-01T00:00:00Z
                 */
                from?: string;
                /**
                 * @description Tasks of this priority only (`Low`, `Medium`, `High`, `Urgent`, as the ticket gave it).
                 * @example High
                 */
                priority?: string;
                /**
                 * @description Tasks created before this instant (RFC 3339).
                 * @example 2026-02-01T00:00:00Z
                 */
                to?: string;
                /** @description Tasks of this workflow only. */
                workflow_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one row per agent, by agent id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkloadRow"][];
                    /**
                     * @example assignee_id,assignee_name,open.count,open.tasks,overdue.count,overdue.tasks,resolved.count,resolved.tasks,median_handling_seconds
                     *     7,Ana Reyes,2,/analytics/tasks/?set=agent_open&assignee=7,1,/analytics/tasks/?set=agent_overdue&assignee=7,2,/analytics/tasks/?set=agent_resolved&assignee=7,7200.0
                     */
                    "text/csv": string;
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
            /** @description an unknown or bad parameter, named */
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
                /** @description Only this action, e.g. `task.transition`, `role.member_put`. */
                action?: string | null;
                /** @description Only events of this staff user. */
                actor?: number | null;
                /**
                 * @deprecated
                 * @description Id of the last event of the previous page; use `cursor`. Kept for one release.
                 */
                before?: number | null;
                /** @description The `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Events at or after this time (RFC 3339). */
                from?: string | null;
                /** @description Page size. */
                limit?: number | null;
                /** @description Only events about this thing (with `target_type`). */
                target_id?: string | null;
                /** @description Only events about this kind of thing: `task`, `workflow`, `role`, `ticket`, … */
                target_type?: string | null;
                /** @description Events before this time (RFC 3339). */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of events */
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
            /** @description not staff holding `tts:Admin` */
            403: {
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
    listDemoPeople: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the demo people */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DemoPeople"];
                };
            };
            /** @description demo sign-in is not enabled */
            404: {
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
    demoSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignIn"];
            };
        };
        responses: {
            /** @description signed in; the `access_token` cookie is set */
            204: {
                headers: {
                    /** @description `access_token=<JWT>; HttpOnly; SameSite=Lax; Path=/; Max-Age=<seconds>` */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
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
            /** @description demo sign-in is not enabled */
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
            /** @description `key` names none of the demo people */
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
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the cookie is cleared */
            204: {
                headers: {
                    /** @description `access_token=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0` */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
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
    listEndLogicDeliveries: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page (with the same `status`). */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number | null;
                /** @description `pending`, `succeeded` or `failed`. */
                status?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryPage"];
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
            /** @description not staff holding `tts:Admin` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description every bad parameter at once: `status`, `limit` or `cursor` */
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
    retryEndLogicDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the delivery */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the delivery, pending again */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "attempts": 5,
                     *       "created_at": "2026-12-02T01:21:44.120331Z",
                     *       "delivered_at": null,
                     *       "id": "0193d5a4-6f0e-7c51-9a43-1f2e3d4c5b6a",
                     *       "kind": "webhook",
                     *       "last_error": "HTTP 502",
                     *       "last_status_code": 502,
                     *       "payload": {
                     *         "status": "completed",
                     *         "task_id": 1,
                     *         "ticket_number": "TX20251231962083"
                     *       },
                     *       "status": "pending",
                     *       "task_id": 1,
                     *       "url": "https://assets.example.com/hooks/tts"
                     *     }
                     */
                    "application/json": components["schemas"]["Delivery"];
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
            /** @description not staff holding `tts:Admin` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such delivery */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the delivery already succeeded */
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
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
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
    listPeople: {
        parameters: {
            query?: {
                /** @description Comma-separated staff user ids, 1–200 positive integers, e.g. `1,2,3`. */
                ids?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the requested ids that hold a TTS role */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["People"];
                };
            };
            /** @description no or an invalid token or API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description an API key without `people:read`, or a person who is not staff with a tts role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `ids` missing, empty, not positive integers or more than 200 */
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
    listRoles: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                /** @description Page size, 1–200. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of roles */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "created_at": "2026-12-01T23:58:11.912345Z",
                     *           "description": null,
                     *           "is_custom": true,
                     *           "name": "Asset Manager",
                     *           "role_id": 4,
                     *           "source": "api",
                     *           "system": "tts",
                     *           "updated_at": "2026-12-01T23:58:11.912345Z"
                     *         },
                     *         {
                     *           "created_at": "2026-12-01T23:58:11.931077Z",
                     *           "description": null,
                     *           "is_custom": true,
                     *           "name": "Approvers",
                     *           "role_id": 5,
                     *           "source": "api",
                     *           "system": "tts",
                     *           "updated_at": "2026-12-01T23:58:11.931077Z"
                     *         }
                     *       ],
                     *       "next_cursor": "cjU"
                     *     }
                     */
                    "application/json": components["schemas"]["RolePage"];
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
    getRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the role (the auth service's id) */
                role_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the role and its members */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleDetail"];
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
            /** @description no such role */
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
    upsertRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the role's id, chosen by the caller */
                role_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoleInput"];
            };
        };
        responses: {
            /** @description the role as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
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
            /** @description `not_found`: nothing has this id */
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
            /** @description a blank or too long `name`, or a `role_id` below 1 */
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
    listRoleMembers: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                /** @description Page size, 1–200. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description the role */
                role_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of members */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "is_active": true,
                     *           "updated_at": "2026-12-01T23:58:11.958120Z",
                     *           "user_email": "ana.reyes@example.com",
                     *           "user_full_name": "Ana Reyes",
                     *           "user_id": 7
                     *         },
                     *         {
                     *           "is_active": true,
                     *           "updated_at": "2026-12-01T23:58:11.963402Z",
                     *           "user_email": null,
                     *           "user_full_name": null,
                     *           "user_id": 8
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["MemberPage"];
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
            /** @description no such role */
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
    upsertRoleMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the role */
                role_id: number;
                /** @description the staff user */
                user_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberInput"];
            };
        };
        responses: {
            /** @description the membership as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Member"];
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
            /** @description no such role */
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
    deleteRoleMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the role */
                role_id: number;
                /** @description the staff user */
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
            /** @description no such role member */
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
    listWorkflowSteps: {
        parameters: {
            query: {
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                /** @description Page size, 1–200. */
                limit?: number;
                /** @description The workflow whose draft is listed. */
                workflow_id: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of steps */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "design": null,
                     *           "escalate_to_role_id": null,
                     *           "id": 11,
                     *           "instruction": "Check the ticket",
                     *           "is_end": false,
                     *           "is_start": true,
                     *           "key": "triage",
                     *           "name": "Triage",
                     *           "role_id": 4,
                     *           "weight": 1
                     *         },
                     *         {
                     *           "design": null,
                     *           "escalate_to_role_id": 4,
                     *           "id": 12,
                     *           "instruction": "",
                     *           "is_end": false,
                     *           "is_start": false,
                     *           "key": "approve",
                     *           "name": "Approval",
                     *           "role_id": 5,
                     *           "weight": 2
                     *         }
                     *       ],
                     *       "next_cursor": "czE"
                     *     }
                     */
                    "application/json": components["schemas"]["StepPage"];
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
            /** @description no such workflow */
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
    listTasks: {
        parameters: {
            query?: {
                /** @description `/tasks/` only: one assignee (staff user id). */
                assignee?: number | null;
                /**
                 * @deprecated
                 * @description `sort=newest`: the `next_before` of the previous page (a bare `before` selects `newest`).
                 *     Use `cursor`; kept for one release.
                 */
                before?: number | null;
                /** @description `/tasks/` only: past their target. */
                breached?: boolean | null;
                /** @description The `next_cursor` of the previous page (with the same `sort` and filters). */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number | null;
                /** @description `Low`, `Medium`, `High` or `Critical`. */
                priority?: string | null;
                /**
                 * @description `due` (open items first, each group by due time, earliest first; the default of
                 *     `/tasks/mine/`) or `newest` (by item id, newest first; the default of `/tasks/`).
                 */
                sort?: string | null;
                /**
                 * @description `active`, `done`, or one item status (`new`, `in_progress`, `resolved`, `escalated`,
                 *     `reassigned`, `breached`, `withdrawn`).
                 */
                status?: string | null;
                /** @description `/tasks/` only: step key. */
                step?: string | null;
                workflow_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of assignments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkPage"];
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
            /** @description neither `tts:Admin` nor a coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description every bad parameter at once: `status`, `priority`, `sort`, `limit`, `before` or `cursor` */
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
    getTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the task and what the caller may do now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
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
            /** @description no such task */
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
    escalateTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EscalateInput"];
            };
        };
        responses: {
            /** @description the task, its step now held by a member of the escalation role */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
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
            /** @description the caller holds no open assignment on the current step */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description nobody of the escalation role is left who has not held the step on this visit, or another request acted first */
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
            /** @description blank `reason`, or the step has no `escalate_to` role */
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
    finalizeTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotesInput"];
            };
        };
        responses: {
            /** @description the completed task */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
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
            /** @description the caller holds no open assignment on the current step */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description another request acted first: the task moved on from the step (reload it), or it is no longer active */
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
            /** @description blank `notes`, or the current step is not an end step */
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
    holdTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HoldInput"];
            };
        };
        responses: {
            /** @description the task, its ticket waiting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
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
            /** @description neither the holder of the current step nor `tts:Admin` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description already in that status, or another request acted first, or the task is not active */
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
            /** @description every problem at once: blank `notes`, a `status` other than `On Hold` or `Pending` */
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
    resumeTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResumeInput"];
            };
        };
        responses: {
            /** @description the task, its SLA clock running again */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
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
            /** @description neither the holder of the current step nor `tts:Admin` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the ticket is not waiting, or another request acted first, or the task is not active */
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
    getTaskSla: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the task's SLA state now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskSla"];
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
            /** @description not staff holding a `tts` role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such task */
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
    startTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the task with the caller's assignment in progress */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
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
            /** @description the caller holds no open assignment on the current step */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description already started, or another request acted first, or the task is not active */
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
    takeOverTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the task, its step now held by the admin */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
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
            /** @description not `tts:Admin` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the admin already holds the step, or the task is not active */
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
    getTaskTimeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the entries in order and the version's graph */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "entries": [
                     *         {
                     *           "action": "assignment",
                     *           "actor_id": null,
                     *           "assignee_id": 7,
                     *           "at": "2026-12-02T01:21:40.978669Z",
                     *           "item_id": 1,
                     *           "notes": "",
                     *           "status": "new",
                     *           "step": "triage"
                     *         }
                     *       ],
                     *       "graph": {
                     *         "steps": [
                     *           {
                     *             "design": null,
                     *             "escalate_to_role_id": null,
                     *             "id": 1,
                     *             "instruction": "Check the ticket",
                     *             "is_end": false,
                     *             "is_start": true,
                     *             "key": "triage",
                     *             "name": "Triage",
                     *             "role_id": 4,
                     *             "weight": 1
                     *           },
                     *           {
                     *             "design": null,
                     *             "escalate_to_role_id": 4,
                     *             "id": 2,
                     *             "instruction": "",
                     *             "is_end": true,
                     *             "is_start": false,
                     *             "key": "approve",
                     *             "name": "Approval",
                     *             "role_id": 5,
                     *             "weight": 2
                     *           }
                     *         ],
                     *         "transitions": [
                     *           {
                     *             "from": "triage",
                     *             "id": 1,
                     *             "key": "submit",
                     *             "name": "Submit",
                     *             "to": "approve"
                     *           }
                     *         ]
                     *       },
                     *       "task_id": 1,
                     *       "version": 1
                     *     }
                     */
                    "application/json": Record<string, never>;
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
            /** @description no such task */
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
    transferTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferInput"];
            };
        };
        responses: {
            /** @description the task, its step now held by `user_id` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
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
            /** @description neither the holder of the current step nor `tts:Admin` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description another request acted first: the task moved on from the step (reload it), or it is no longer active */
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
            /** @description blank `notes`, or `user_id` is not an active member of the step's role, or already holds the step */
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
    transitionTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionInput"];
            };
        };
        responses: {
            /** @description the task on its new step */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskView"];
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
            /** @description the caller holds no open assignment on the current step */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description another request acted first: the task moved on from the step (reload it), or it is no longer active; or the next step's role has no active member to assign */
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
            /** @description blank `notes`, or `transition_id` is not an outgoing transition of the current step */
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
    listMyTasks: {
        parameters: {
            query?: {
                /** @description `/tasks/` only: one assignee (staff user id). */
                assignee?: number | null;
                /**
                 * @deprecated
                 * @description `sort=newest`: the `next_before` of the previous page (a bare `before` selects `newest`).
                 *     Use `cursor`; kept for one release.
                 */
                before?: number | null;
                /** @description `/tasks/` only: past their target. */
                breached?: boolean | null;
                /** @description The `next_cursor` of the previous page (with the same `sort` and filters). */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number | null;
                /** @description `Low`, `Medium`, `High` or `Critical`. */
                priority?: string | null;
                /**
                 * @description `due` (open items first, each group by due time, earliest first; the default of
                 *     `/tasks/mine/`) or `newest` (by item id, newest first; the default of `/tasks/`).
                 */
                sort?: string | null;
                /**
                 * @description `active`, `done`, or one item status (`new`, `in_progress`, `resolved`, `escalated`,
                 *     `reassigned`, `breached`, `withdrawn`).
                 */
                status?: string | null;
                /** @description `/tasks/` only: step key. */
                step?: string | null;
                workflow_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of the caller's assignments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkPage"];
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
            /** @description not staff holding a `tts` role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description every bad parameter at once: `status`, `priority`, `sort`, `limit`, `before` or `cursor` */
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
    listTicketSnapshots: {
        parameters: {
            query?: {
                /**
                 * @deprecated
                 * @description Ticket number of the last ticket of the previous page; use `cursor`. Kept for one release.
                 */
                after?: string | null;
                /** @description `false`: only tickets waiting for a workflow; `true`: only allocated ones. */
                allocated?: boolean | null;
                /** @description The `next_cursor` of the previous page. */
                cursor?: string | null;
                /** @description Page size. */
                limit?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of tickets */
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
            /** @description not staff with a tts role */
            403: {
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
    getTicketSnapshot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the ticket's number
                 * @example TX20251231962083
                 */
                ticket_number: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the ticket snapshot */
            200: {
                headers: {
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
            /** @description authenticated, but not allowed to do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the engine received no such ticket */
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
    assignTicketWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description the ticket's number
                 * @example TX20251231962083
                 */
                ticket_number: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignWorkflow"];
            };
        };
        responses: {
            /** @description the task started */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "task_id": 1
                     *     }
                     */
                    "application/json": Record<string, never>;
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
            /** @description neither `tts:Admin` nor a coordinator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the engine received no such ticket, or no such workflow */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the ticket already has a task or takes no task in its status, the workflow has no published version, or nobody can be assigned its first step */
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
    listWorkflowTransitions: {
        parameters: {
            query: {
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                /** @description Page size, 1–200. */
                limit?: number;
                /** @description The workflow whose draft is listed. */
                workflow_id: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of transitions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "from": "triage",
                     *           "id": 6,
                     *           "key": "submit",
                     *           "name": "Submit",
                     *           "to": "approve"
                     *         },
                     *         {
                     *           "from": "approve",
                     *           "id": 7,
                     *           "key": "approve",
                     *           "name": "Approve",
                     *           "to": "resolve"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TransitionPage"];
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
            /** @description no such workflow */
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
    listWorkflows: {
        parameters: {
            query?: {
                /**
                 * @description Only workflows of this category (exact match).
                 * @example IT Support
                 */
                category?: string;
                /** @description The `next_cursor` of the previous page (with the same filters). */
                cursor?: string;
                /**
                 * @description Only workflows of this department (exact match).
                 * @example IT Department
                 */
                department?: string;
                /** @description Page size, 1–200. */
                limit?: number;
                /** @description Only workflows in this state. */
                status?: "draft" | "active" | "paused" | "archived";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of workflows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "calendar": null,
                     *           "category": "IT Support",
                     *           "created_at": "2026-12-01T23:58:12.402311Z",
                     *           "created_by": 1,
                     *           "department": "IT Department",
                     *           "description": "",
                     *           "end_action": "none",
                     *           "end_webhook_url": null,
                     *           "escalate_on_breach": false,
                     *           "id": 1,
                     *           "latest_version": 1,
                     *           "name": "Hardware any",
                     *           "response_slas": {
                     *             "high": null,
                     *             "low": null,
                     *             "medium": null,
                     *             "urgent": null
                     *           },
                     *           "slas": {
                     *             "high": "PT8H",
                     *             "low": "P5D",
                     *             "medium": "P2D",
                     *             "urgent": "PT2H"
                     *           },
                     *           "status": "active",
                     *           "sub_category": null,
                     *           "updated_at": "2026-12-01T23:58:12.517820Z"
                     *         }
                     *       ],
                     *       "next_cursor": "dzE"
                     *     }
                     */
                    "application/json": components["schemas"]["WorkflowPage"];
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
            /** @description an unknown `status`, or a bad `limit` or `cursor`, each named */
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
    createWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewWorkflow"];
            };
        };
        responses: {
            /** @description the new draft, with its graph */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowView"];
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
            /** @description another workflow (not archived) has the name */
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
            /** @description every problem with the details at once (`low_sla`, `end_webhook_url`, a repeated step key `steps[2].key`…) */
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
    getWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the workflow and its draft graph */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowView"];
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
            /** @description no such workflow */
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
    deleteWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description archived */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Archived"];
                };
            };
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
            /** @description no such workflow */
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
    updateWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkflowPatch"];
            };
        };
        responses: {
            /** @description the workflow as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowView"];
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
            /** @description no such workflow */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description another workflow (not archived) has the name */
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
            /** @description every problem with the details at once */
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
    replaceWorkflowGraph: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Graph"];
            };
        };
        responses: {
            /** @description the workflow with the saved graph and its ids */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowView"];
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
            /** @description no such workflow */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the workflow is archived */
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
            /** @description every repeated step or transition key, by path */
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
    pauseWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the paused workflow */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowView"];
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
            /** @description no such workflow */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the workflow is not active */
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
    publishWorkflowVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the new version with its frozen definition */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionView"];
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
            /** @description no such workflow */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the workflow is archived */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description `validation_failed`: every problem at once, each `field` the path in the workflow (`steps[1].role_id`, `transitions[0].to`, `steps`, `urgent_sla`) and each message led by the problem's code (`unknown_role: …`) */
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
    resumeWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the active workflow */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkflowView"];
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
            /** @description no such workflow */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description the workflow is not paused, or another active workflow now takes the same tickets */
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
    validateWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description whether it can be published, and every problem */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Validation"];
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
            /** @description no such workflow */
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
    listWorkflowVersions: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                /** @description Page size, 1–200. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description the workflow */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one page of versions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "category": "IT Support",
                     *           "department": "IT Department",
                     *           "published_at": "2026-12-01T23:58:12.517820Z",
                     *           "published_by": 1,
                     *           "response_slas": {
                     *             "high": null,
                     *             "low": null,
                     *             "medium": null,
                     *             "urgent": null
                     *           },
                     *           "slas": {
                     *             "high": "PT8H",
                     *             "low": "P5D",
                     *             "medium": "P2D",
                     *             "urgent": "PT2H"
                     *           },
                     *           "sub_category": null,
                     *           "version": 1,
                     *           "workflow_id": 1
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["VersionPage"];
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
            /** @description no such workflow */
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
    getWorkflowVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the workflow */
                id: number;
                /** @description the version number */
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the version and its definition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionView"];
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
            /** @description no such workflow version */
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
}
