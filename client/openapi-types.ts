/**
 * Generated from the served OpenAPI document by `npm run client:generate`
 * (client/typegen/client-types.ts, openapi-typescript); do not edit.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | {
    [key: string]: JsonValue;
};
export const TASK_TYPES: readonly string[] = ["echo", "reverse", "sleep", "fail", "webhook"];
export const IDEMPOTENT_OPERATIONS: readonly string[] = [
    "POST /v1/admin/tenants",
    "POST /v1/admin/tenants/{tenantId}/keys",
    "POST /v1/admin/tenants/{tenantId}/keys/{keyId}/rotate",
    "POST /v1/admin/tokens",
    "POST /v1/schedules",
    "POST /v1/schedules/{id}/pause",
    "POST /v1/schedules/{id}/resume",
    "POST /v1/schedules/{id}/trigger",
    "POST /v1/tasks",
    "POST /v1/tasks/batch",
    "POST /v1/tasks/{id}/cancel",
    "POST /v1/tasks/{id}/retry",
];
export interface paths {
    "/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tasks, newest first */
        get: operations["listTasks"];
        put?: never;
        /** Submit a task */
        post: operations["createTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit up to 100 tasks, validated as a whole */
        post: operations["createTaskBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a task */
        get: operations["getTask"];
        put?: never;
        post?: never;
        /** Delete a COMPLETED, FAILED or CANCELLED task */
        delete: operations["deleteTask"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a completed task's result
         * @description 409 (with taskStatus) while the task is not COMPLETED.
         */
        get: operations["getTaskResult"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a task's event log, oldest first */
        get: operations["listTaskEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Explain why a task is where it is (why it has not started yet)
         * @description One reason: scheduled, publishing, queued (with its queue, system-wide), backoff, running, interrupted, or the terminal completed, failed, cancelled. The list may grow; show an unknown reason by its detail.
         */
        get: operations["explainTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a PENDING, QUEUED or RETRYING task */
        post: operations["cancelTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a FAILED or CANCELLED task again from scratch */
        post: operations["retryTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List schedules, newest first */
        get: operations["listSchedules"];
        put?: never;
        /**
         * Create a recurring schedule
         * @description Exactly one of cron (5 fields, or 6 with seconds first; read in timezone) and intervalSeconds. Each slot makes one task from the template, never two; the relay fires slots within a second of their time. 400 names the offending field (an invalid cron pattern, an unknown time zone, an interval of 0, a template the task type rejects) and writes nothing; 409 when the name is taken.
         */
        post: operations["createSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a schedule, its next 5 fire times and its last run */
        get: operations["getSchedule"];
        put?: never;
        post?: never;
        /** Delete a schedule (the tasks it made stay) */
        delete: operations["deleteSchedule"];
        options?: never;
        head?: never;
        /**
         * Change a schedule
         * @description Any field of the creation but name; null clears startAt or endAt. A change of when it fires moves the next slot to the first after now under the new rules.
         */
        patch: operations["updateSchedule"];
        trace?: never;
    };
    "/v1/schedules/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause a schedule */
        post: operations["pauseSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a schedule from the first slot after now
         * @description Slots that fell in the pause do not run and are not counted as missed.
         */
        post: operations["resumeSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules/{id}/trigger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a schedule once now
         * @description Makes one task from the template for the slot "now" (paused and finished schedules too); the schedule’s own slots are unchanged. The run counts as the last run for the overlap policy.
         */
        post: operations["triggerSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health check
         * @description Each check is ok, error or timeout. A failed database is a 503; a failed Redis is a 200 "degraded" while rate limiting fails open, else a 503.
         */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Task counts, throughput, latency percentiles and queue depths
         * @description Counts are the tenant’s; queue depths are system-wide (the queues are shared). Percentiles cover tasks finished in the last windowSeconds, at most the latest 10,000.
         */
        get: operations["getStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** FAILED tasks grouped by error fingerprint */
        get: operations["listDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dead-letters/redrive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run FAILED tasks again, or move a whole SQS dead-letter queue back
         * @description Without queue: FAILED tasks (all, one fingerprint and/or type; at most limit, default 1000) return to PENDING through the outbox, spread at ratePerSecond. With queue: StartMessageMoveTask from that DLQ to its queue; needs Authorization: Bearer <ADMIN_TOKEN> (403 otherwise).
         */
        post: operations["redriveDeadLetters"];
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
         * Prometheus metrics (every tenant)
         * @description Authorization: Bearer <METRICS_TOKEN or ADMIN_TOKEN>. 403 when neither is configured (metrics disabled).
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
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI document */
        get: operations["getOpenapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Swagger UI for this API */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/{asset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Static files of the Swagger UI page */
        get: operations["getDocsAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The web dashboard
         * @description Sign in with an API key (tenant view) and/or an operator token (admin view); both stay in the browser tab (sessionStorage) and are sent as headers.
         */
        get: operations["getDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dashboard/{asset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Static files of the dashboard */
        get: operations["getDashboardAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tenants, oldest first */
        get: operations["listTenants"];
        put?: never;
        /**
         * Create a tenant
         * @description Rate limits left out (or null) fall back to DEFAULT_RATE_LIMIT_PER_SECOND / DEFAULT_RATE_LIMIT_BURST.
         */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{tenantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a tenant */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        /**
         * Delete a tenant with its keys and tasks
         * @description 409 (tenant-has-active-tasks, with activeTasks) while it has PENDING, QUEUED, RUNNING or RETRYING tasks, unless force=true, which deletes them too.
         */
        delete: operations["deleteTenant"];
        options?: never;
        head?: never;
        /**
         * Rename a tenant or change its rate limits
         * @description Only the fields given change; null resets a rate limit to the default. Every API process applies new limits within a second.
         */
        patch: operations["updateTenant"];
        trace?: never;
    };
    "/v1/admin/tenants/{tenantId}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a tenant's API keys (never the key itself), newest first */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Issue an API key for a tenant
         * @description The key is in this response only; afterwards only its prefix is shown.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{tenantId}/keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Every API process refuses it (401) within a second. Revoking a revoked key changes nothing.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tenants/{tenantId}/keys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace an API key, keeping the old one for a grace period
         * @description Issues a new key (in this response only); the old one keeps working for graceSeconds (its expiresAt becomes now + graceSeconds, or stays if earlier), then gets 401. 409 (api-key-not-active) for a revoked or expired key.
         */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List operator tokens (never the token itself), newest first */
        get: operations["listOperatorTokens"];
        put?: never;
        /**
         * Issue an operator token
         * @description scope admin: the admin API, whole-queue redrive and /metrics; scope metrics: /metrics only. The token is in this response only.
         */
        post: operations["createOperatorToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an operator token
         * @description Refused from the next request on. A token may revoke itself. 409 (last-admin-token) for the last usable admin token: create another first.
         */
        delete: operations["revokeOperatorToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details; some problems add members, e.g. taskStatus on a 409. */
        Problem: {
            /** @description urn:taskforge:problem:<slug> */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description The first offending field: body path, query/path name or header:<Name> */
            field?: string;
            errors?: {
                field: string;
                message: string;
            }[];
            instance: string;
            correlationId: string;
        } & {
            [key: string]: unknown;
        };
        Task: {
            /** Format: uuid */
            id: string;
            type: string;
            /** @enum {string} */
            status: "PENDING" | "QUEUED" | "RUNNING" | "COMPLETED" | "RETRYING" | "FAILED" | "CANCELLED";
            /** @enum {string} */
            priority: "high" | "medium" | "low";
            payload: unknown;
            result: unknown;
            error: {
                name?: string;
                message: string;
                permanent?: boolean;
            } | null;
            attempts: number;
            maxAttempts: number;
            interruptions: number;
            maxInterruptions: number;
            timeoutSeconds: number;
            backoff: {
                baseSeconds: number;
                capSeconds: number;
            };
            /** Format: date-time */
            runAt: string;
            /** Format: date-time */
            createdAt: string;
            queuedAt: string | null;
            startedAt: string | null;
            finishedAt: string | null;
            /** Format: date-time */
            updatedAt: string;
            idempotencyKey: string | null;
            clientId: string | null;
            correlationId: string;
            scheduleId: string | null;
            scheduledFor: string | null;
        };
        TaskPage: {
            items: {
                /** Format: uuid */
                id: string;
                type: string;
                /** @enum {string} */
                status: "PENDING" | "QUEUED" | "RUNNING" | "COMPLETED" | "RETRYING" | "FAILED" | "CANCELLED";
                /** @enum {string} */
                priority: "high" | "medium" | "low";
                error: {
                    name?: string;
                    message: string;
                    permanent?: boolean;
                } | null;
                attempts: number;
                maxAttempts: number;
                interruptions: number;
                maxInterruptions: number;
                timeoutSeconds: number;
                backoff: {
                    baseSeconds: number;
                    capSeconds: number;
                };
                /** Format: date-time */
                runAt: string;
                /** Format: date-time */
                createdAt: string;
                queuedAt: string | null;
                startedAt: string | null;
                finishedAt: string | null;
                /** Format: date-time */
                updatedAt: string;
                idempotencyKey: string | null;
                clientId: string | null;
                correlationId: string;
                scheduleId: string | null;
                scheduledFor: string | null;
            }[];
            nextCursor: string | null;
        };
        TaskBatch: {
            tasks: components["schemas"]["Task"][];
        };
        TaskResult: {
            /** Format: uuid */
            id: string;
            /** @constant */
            status: "COMPLETED";
            result: unknown;
        };
        TaskEventPage: {
            items: {
                id: number;
                type: string;
                attempt: number;
                detail: unknown;
                /** Format: date-time */
                createdAt: string;
            }[];
            nextCursor: string | null;
        };
        TaskExplanation: {
            /** Format: uuid */
            taskId: string;
            /** @enum {string} */
            status: "PENDING" | "QUEUED" | "RUNNING" | "COMPLETED" | "RETRYING" | "FAILED" | "CANCELLED";
            /** @description One of scheduled, publishing, queued, backoff, running, interrupted, completed, failed, cancelled; more may be added. */
            reason: string;
            /** @description One sentence for people. */
            detail: string;
            /**
             * Format: date-time
             * @description When the reason should end (scheduled, backoff, running, interrupted).
             */
            until?: string;
            /** @description Attempts that ran to an outcome, plus the one running. */
            attempt: number;
            maxAttempts: number;
            /** Format: date-time */
            checkedAt: string;
            /** @description publishing: seconds the task has been due without being published. */
            lagSeconds?: number;
            /** @description queued: seconds the task has been due without a worker. */
            waitingSeconds?: number;
            /** @description queued: the priority queue (system-wide); null when SQS could not be read. */
            queue?: {
                /** @enum {string} */
                priority: "high" | "medium" | "low";
                visible: number;
                inFlight: number;
                delayed: number;
                /** @description The oldest due task of this priority still waiting (every tenant). */
                oldestWaitingSeconds: number | null;
                /** @description Higher-priority queues with messages waiting. */
                busierHigherQueues: ("high" | "medium" | "low")[];
            } | null;
            /** @description running and interrupted: the attempt’s lease and the age of its last claim or heartbeat. */
            lease?: {
                /** Format: date-time */
                until: string;
                heartbeatAgeSeconds: number;
            };
            /** @description backoff and failed: the last attempt’s error. */
            error?: {
                name?: string;
                message: string;
                permanent?: boolean;
            } | null;
            /** @description failed: the task ran out of interruptions, not attempts. */
            interrupted?: boolean;
            warnings: string[];
        };
        Schedule: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            state: "active" | "paused" | "finished";
            cron: string | null;
            intervalSeconds: number | null;
            timezone: string;
            /** @description The task template, with its defaults applied. */
            task: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            overlap: "skip" | "allow";
            catchUpWindowSeconds: number;
            jitterSeconds: number;
            startAt: string | null;
            endAt: string | null;
            /** @description The next slot; null when finished. */
            nextRunAt: string | null;
            /** @description The next 5 fire times (empty when finished). */
            nextRuns: string[];
            /** @description The last slot that made a task; status null once the task is deleted. */
            lastRun: {
                /** Format: date-time */
                slot: string;
                /** Format: uuid */
                taskId: string;
                status: ("PENDING" | "QUEUED" | "RUNNING" | "COMPLETED" | "RETRYING" | "FAILED" | "CANCELLED") | null;
            } | null;
            /** @description Slots that made a task (triggered runs included). */
            fired: number;
            skipped: {
                /** @description Slots skipped because the previous task was still running. */
                overlap: number;
                /** @description Slots skipped because they were older than the catch-up window. */
                missed: number;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SchedulePage: {
            items: {
                /** Format: uuid */
                id: string;
                name: string;
                /** @enum {string} */
                state: "active" | "paused" | "finished";
                cron: string | null;
                intervalSeconds: number | null;
                timezone: string;
                /** @description The task template, with its defaults applied. */
                task: {
                    [key: string]: unknown;
                };
                /** @enum {string} */
                overlap: "skip" | "allow";
                catchUpWindowSeconds: number;
                jitterSeconds: number;
                startAt: string | null;
                endAt: string | null;
                /** @description The next slot; null when finished. */
                nextRunAt: string | null;
                /** @description The last slot that made a task; status null once the task is deleted. */
                lastRun: {
                    /** Format: date-time */
                    slot: string;
                    /** Format: uuid */
                    taskId: string;
                    status: ("PENDING" | "QUEUED" | "RUNNING" | "COMPLETED" | "RETRYING" | "FAILED" | "CANCELLED") | null;
                } | null;
                /** @description Slots that made a task (triggered runs included). */
                fired: number;
                skipped: {
                    /** @description Slots skipped because the previous task was still running. */
                    overlap: number;
                    /** @description Slots skipped because they were older than the catch-up window. */
                    missed: number;
                };
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                updatedAt: string;
            }[];
            nextCursor: string | null;
        };
        Stats: {
            /** Format: date-time */
            generatedAt: string;
            tasks: {
                total: number;
                byStatus: {
                    PENDING: number;
                    QUEUED: number;
                    RUNNING: number;
                    COMPLETED: number;
                    RETRYING: number;
                    FAILED: number;
                    CANCELLED: number;
                };
                byPriority: {
                    high: number;
                    medium: number;
                    low: number;
                };
                byType: {
                    [key: string]: number;
                };
                breakdown: {
                    /** @enum {string} */
                    status: "PENDING" | "QUEUED" | "RUNNING" | "COMPLETED" | "RETRYING" | "FAILED" | "CANCELLED";
                    /** @enum {string} */
                    priority: "high" | "medium" | "low";
                    type: string;
                    count: number;
                }[];
            };
            throughput: {
                lastMinute: {
                    completed: number;
                    failed: number;
                };
                lastHour: {
                    completed: number;
                    failed: number;
                };
            };
            latency: {
                windowSeconds: number;
                samples: number;
                durationMs: {
                    p50: number;
                    p95: number;
                    p99: number;
                } | null;
                queueWaitMs: {
                    p50: number;
                    p95: number;
                    p99: number;
                } | null;
            };
            schedules: {
                byState: {
                    active: number;
                    paused: number;
                    finished: number;
                };
            };
            queues: {
                high: {
                    visible: number;
                    inFlight: number;
                    delayed: number;
                    deadLetters: {
                        visible: number;
                        inFlight: number;
                        delayed: number;
                    };
                };
                medium: {
                    visible: number;
                    inFlight: number;
                    delayed: number;
                    deadLetters: {
                        visible: number;
                        inFlight: number;
                        delayed: number;
                    };
                };
                low: {
                    visible: number;
                    inFlight: number;
                    delayed: number;
                    deadLetters: {
                        visible: number;
                        inFlight: number;
                        delayed: number;
                    };
                };
            } | null;
            waiting: {
                /** @description QUEUED, or RETRYING past its backoff, every tenant; null where none waits. */
                oldestDueSeconds: {
                    high: number | null;
                    medium: number | null;
                    low: number | null;
                };
            };
            warnings: string[];
        };
        DeadLetters: {
            total: number;
            groupCount: number;
            groups: {
                fingerprint: string;
                signature: string;
                sampleError: {
                    name?: string;
                    message: string;
                    permanent?: boolean;
                } | null;
                /** Format: uuid */
                sampleTaskId: string;
                count: number;
                types: {
                    [key: string]: number;
                };
                firstSeen: string | null;
                lastSeen: string | null;
            }[];
            tasks?: {
                /** Format: uuid */
                id: string;
                type: string;
                /** @enum {string} */
                priority: "high" | "medium" | "low";
                attempts: number;
                error: {
                    name?: string;
                    message: string;
                    permanent?: boolean;
                } | null;
                fingerprint: string;
                /** Format: date-time */
                createdAt: string;
                finishedAt: string | null;
            }[];
        };
        RedriveResult: {
            /** @constant */
            mode: "tasks";
            redriven: number;
            matching: number;
            remaining: number;
            ratePerSecond: number | null;
            lastAvailableAt: string | null;
        } | {
            /** @constant */
            mode: "queue";
            /** @enum {string} */
            queue: "high" | "medium" | "low";
            taskHandle: string;
            sourceArn: string;
            destinationArn: string;
            maxMessagesPerSecond: number | null;
        };
        Tenant: {
            /** Format: uuid */
            id: string;
            name: string;
            rateLimitPerSecond: number | null;
            rateLimitBurst: number | null;
            /** Format: date-time */
            createdAt: string;
            activeKeys: number;
        };
        TenantPage: {
            tenants: components["schemas"]["Tenant"][];
            nextCursor: string | null;
        };
        ApiKey: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            prefix: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
            expiresAt: string | null;
            revokedAt: string | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked";
        };
        NewApiKey: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            tenantId: string;
            prefix: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
            expiresAt: string | null;
            revokedAt: string | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked";
            /** @description The key (send it as X-API-Key). Shown only in this response. */
            key: string;
        };
        ApiKeyList: {
            keys: components["schemas"]["ApiKey"][];
        };
        OperatorToken: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            scope: "admin" | "metrics";
            prefix: string;
            /** Format: date-time */
            createdAt: string;
            expiresAt: string | null;
            revokedAt: string | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked";
        };
        NewOperatorToken: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            scope: "admin" | "metrics";
            prefix: string;
            /** Format: date-time */
            createdAt: string;
            expiresAt: string | null;
            revokedAt: string | null;
            /** @enum {string} */
            status: "active" | "expired" | "revoked";
            /** @description The token (send it as Authorization: Bearer). Shown only in this response. */
            token: string;
        };
        OperatorTokenList: {
            tokens: components["schemas"]["OperatorToken"][];
        };
        JsonValue: JsonValue;
        EchoTaskSubmission: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "echo";
            /** @description Returns the payload unchanged. The payload is checked against the task type's schema; at most the configured payload size (256 KiB by default) serialized, and nested at most 64 levels deep. */
            payload: components["schemas"]["JsonValue"];
            /**
             * @default medium
             * @enum {string}
             */
            priority?: "high" | "medium" | "low";
            /**
             * Format: date-time
             * @description When the task may start: from 60 s in the past (client clock skew; it then starts at once) to 365 days ahead, by the server's clock. Not with delaySeconds.
             */
            runAt?: string;
            delaySeconds?: number;
            /** @default 4 */
            maxAttempts?: number;
            /**
             * @description How often the task may lose its worker mid-attempt (crash, out of memory, timeout of the invocation) and run that attempt again; these runs do not use up maxAttempts.
             * @default 3
             */
            maxInterruptions?: number;
            /**
             * @description Retry n waits between half and all of min(capSeconds, baseSeconds * 2^(n-1)), at least 1 s; a cap below the base makes every wait capSeconds.
             * @default {}
             */
            backoff?: {
                /** @default 2 */
                baseSeconds?: number;
                /** @default 900 */
                capSeconds?: number;
            };
            /** @default 60 */
            timeoutSeconds?: number;
        };
        ReverseTaskSubmission: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "reverse";
            /** @description Reverses `text`; the result is `{ "reversed": "..." }`. The payload is checked against the task type's schema; at most the configured payload size (256 KiB by default) serialized, and nested at most 64 levels deep. */
            payload: {
                text: string;
            };
            /**
             * @default medium
             * @enum {string}
             */
            priority?: "high" | "medium" | "low";
            /**
             * Format: date-time
             * @description When the task may start: from 60 s in the past (client clock skew; it then starts at once) to 365 days ahead, by the server's clock. Not with delaySeconds.
             */
            runAt?: string;
            delaySeconds?: number;
            /** @default 4 */
            maxAttempts?: number;
            /**
             * @description How often the task may lose its worker mid-attempt (crash, out of memory, timeout of the invocation) and run that attempt again; these runs do not use up maxAttempts.
             * @default 3
             */
            maxInterruptions?: number;
            /**
             * @description Retry n waits between half and all of min(capSeconds, baseSeconds * 2^(n-1)), at least 1 s; a cap below the base makes every wait capSeconds.
             * @default {}
             */
            backoff?: {
                /** @default 2 */
                baseSeconds?: number;
                /** @default 900 */
                capSeconds?: number;
            };
            /** @default 60 */
            timeoutSeconds?: number;
        };
        SleepTaskSubmission: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "sleep";
            /** @description Waits `seconds` (0 to 900) to simulate execution time; the result is `{ "sleptSeconds": n }`. The payload is checked against the task type's schema; at most the configured payload size (256 KiB by default) serialized, and nested at most 64 levels deep. */
            payload: {
                seconds: number;
            };
            /**
             * @default medium
             * @enum {string}
             */
            priority?: "high" | "medium" | "low";
            /**
             * Format: date-time
             * @description When the task may start: from 60 s in the past (client clock skew; it then starts at once) to 365 days ahead, by the server's clock. Not with delaySeconds.
             */
            runAt?: string;
            delaySeconds?: number;
            /** @default 4 */
            maxAttempts?: number;
            /**
             * @description How often the task may lose its worker mid-attempt (crash, out of memory, timeout of the invocation) and run that attempt again; these runs do not use up maxAttempts.
             * @default 3
             */
            maxInterruptions?: number;
            /**
             * @description Retry n waits between half and all of min(capSeconds, baseSeconds * 2^(n-1)), at least 1 s; a cap below the base makes every wait capSeconds.
             * @default {}
             */
            backoff?: {
                /** @default 2 */
                baseSeconds?: number;
                /** @default 900 */
                capSeconds?: number;
            };
            /** @default 60 */
            timeoutSeconds?: number;
        };
        FailTaskSubmission: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "fail";
            /** @description Fails the first `failTimes` attempts then succeeds; without `failTimes` fails every attempt; with `permanent: true` fails at once without retries. The payload is checked against the task type's schema; at most the configured payload size (256 KiB by default) serialized, and nested at most 64 levels deep. */
            payload: {
                failTimes?: number;
                permanent?: boolean;
                message?: string;
            };
            /**
             * @default medium
             * @enum {string}
             */
            priority?: "high" | "medium" | "low";
            /**
             * Format: date-time
             * @description When the task may start: from 60 s in the past (client clock skew; it then starts at once) to 365 days ahead, by the server's clock. Not with delaySeconds.
             */
            runAt?: string;
            delaySeconds?: number;
            /** @default 4 */
            maxAttempts?: number;
            /**
             * @description How often the task may lose its worker mid-attempt (crash, out of memory, timeout of the invocation) and run that attempt again; these runs do not use up maxAttempts.
             * @default 3
             */
            maxInterruptions?: number;
            /**
             * @description Retry n waits between half and all of min(capSeconds, baseSeconds * 2^(n-1)), at least 1 s; a cap below the base makes every wait capSeconds.
             * @default {}
             */
            backoff?: {
                /** @default 2 */
                baseSeconds?: number;
                /** @default 900 */
                capSeconds?: number;
            };
            /** @default 60 */
            timeoutSeconds?: number;
        };
        WebhookTaskSubmission: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "webhook";
            /** @description POSTs `body` as JSON to `url` (public addresses only; no redirects). The result is `{ "status", "body", "truncated" }`; 408, 429, 5xx and timeouts are retried. The payload is checked against the task type's schema; at most the configured payload size (256 KiB by default) serialized, and nested at most 64 levels deep. */
            payload: {
                /** Format: uri */
                url: string;
                body?: components["schemas"]["JsonValue"];
                headers?: {
                    [key: string]: string;
                };
                timeoutSeconds?: number;
            };
            /**
             * @default medium
             * @enum {string}
             */
            priority?: "high" | "medium" | "low";
            /**
             * Format: date-time
             * @description When the task may start: from 60 s in the past (client clock skew; it then starts at once) to 365 days ahead, by the server's clock. Not with delaySeconds.
             */
            runAt?: string;
            delaySeconds?: number;
            /** @default 4 */
            maxAttempts?: number;
            /**
             * @description How often the task may lose its worker mid-attempt (crash, out of memory, timeout of the invocation) and run that attempt again; these runs do not use up maxAttempts.
             * @default 3
             */
            maxInterruptions?: number;
            /**
             * @description Retry n waits between half and all of min(capSeconds, baseSeconds * 2^(n-1)), at least 1 s; a cap below the base makes every wait capSeconds.
             * @default {}
             */
            backoff?: {
                /** @default 2 */
                baseSeconds?: number;
                /** @default 900 */
                capSeconds?: number;
            };
            /** @default 60 */
            timeoutSeconds?: number;
        };
        /** @description A task to run: `type` selects the payload’s schema. */
        TaskSubmission: components["schemas"]["EchoTaskSubmission"] | components["schemas"]["ReverseTaskSubmission"] | components["schemas"]["SleepTaskSubmission"] | components["schemas"]["FailTaskSubmission"] | components["schemas"]["WebhookTaskSubmission"];
        /**
         * Redrive FAILED tasks
         * @description All of the tenant’s FAILED tasks, or those of one fingerprint and/or type; at most limit (default 1000).
         */
        RedriveTasksRequest: {
            fingerprint?: string;
            type?: string;
            limit?: number;
            /** @description Spreads the tasks: the n-th becomes available n / ratePerSecond seconds from now. */
            ratePerSecond?: number;
        };
        /**
         * Move a whole dead-letter queue back
         * @description StartMessageMoveTask from that priority’s DLQ to its queue; needs the operator’s AdminToken.
         */
        RedriveQueueRequest: {
            /** @enum {string} */
            queue: "high" | "medium" | "low";
            /** @description Messages moved per second (the SQS limit is 500). */
            ratePerSecond?: number;
        };
        TaskBatchSubmission: {
            tasks: components["schemas"]["TaskSubmission"][];
        };
        RedriveRequest: components["schemas"]["RedriveTasksRequest"] | components["schemas"]["RedriveQueueRequest"];
        EchoTaskTemplate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "echo";
            /** @description Returns the payload unchanged. The payload is checked against the task type's schema; at most the configured payload size (256 KiB by default) serialized, and nested at most 64 levels deep. */
            payload: components["schemas"]["JsonValue"];
            /**
             * @default medium
             * @enum {string}
             */
            priority?: "high" | "medium" | "low";
            /** @default 4 */
            maxAttempts?: number;
            /**
             * @description How often the task may lose its worker mid-attempt (crash, out of memory, timeout of the invocation) and run that attempt again; these runs do not use up maxAttempts.
             * @default 3
             */
            maxInterruptions?: number;
            /**
             * @description Retry n waits between half and all of min(capSeconds, baseSeconds * 2^(n-1)), at least 1 s; a cap below the base makes every wait capSeconds.
             * @default {}
             */
            backoff?: {
                /** @default 2 */
                baseSeconds?: number;
                /** @default 900 */
                capSeconds?: number;
            };
            /** @default 60 */
            timeoutSeconds?: number;
        };
        ReverseTaskTemplate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "reverse";
            /** @description Reverses `text`; the result is `{ "reversed": "..." }`. The payload is checked against the task type's schema; at most the configured payload size (256 KiB by default) serialized, and nested at most 64 levels deep. */
            payload: {
                text: string;
            };
            /**
             * @default medium
             * @enum {string}
             */
            priority?: "high" | "medium" | "low";
            /** @default 4 */
            maxAttempts?: number;
            /**
             * @description How often the task may lose its worker mid-attempt (crash, out of memory, timeout of the invocation) and run that attempt again; these runs do not use up maxAttempts.
             * @default 3
             */
            maxInterruptions?: number;
            /**
             * @description Retry n waits between half and all of min(capSeconds, baseSeconds * 2^(n-1)), at least 1 s; a cap below the base makes every wait capSeconds.
             * @default {}
             */
            backoff?: {
                /** @default 2 */
                baseSeconds?: number;
                /** @default 900 */
                capSeconds?: number;
            };
            /** @default 60 */
            timeoutSeconds?: number;
        };
        SleepTaskTemplate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "sleep";
            /** @description Waits `seconds` (0 to 900) to simulate execution time; the result is `{ "sleptSeconds": n }`. The payload is checked against the task type's schema; at most the configured payload size (256 KiB by default) serialized, and nested at most 64 levels deep. */
            payload: {
                seconds: number;
            };
            /**
             * @default medium
             * @enum {string}
             */
            priority?: "high" | "medium" | "low";
            /** @default 4 */
            maxAttempts?: number;
            /**
             * @description How often the task may lose its worker mid-attempt (crash, out of memory, timeout of the invocation) and run that attempt again; these runs do not use up maxAttempts.
             * @default 3
             */
            maxInterruptions?: number;
            /**
             * @description Retry n waits between half and all of min(capSeconds, baseSeconds * 2^(n-1)), at least 1 s; a cap below the base makes every wait capSeconds.
             * @default {}
             */
            backoff?: {
                /** @default 2 */
                baseSeconds?: number;
                /** @default 900 */
                capSeconds?: number;
            };
            /** @default 60 */
            timeoutSeconds?: number;
        };
        FailTaskTemplate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "fail";
            /** @description Fails the first `failTimes` attempts then succeeds; without `failTimes` fails every attempt; with `permanent: true` fails at once without retries. The payload is checked against the task type's schema; at most the configured payload size (256 KiB by default) serialized, and nested at most 64 levels deep. */
            payload: {
                failTimes?: number;
                permanent?: boolean;
                message?: string;
            };
            /**
             * @default medium
             * @enum {string}
             */
            priority?: "high" | "medium" | "low";
            /** @default 4 */
            maxAttempts?: number;
            /**
             * @description How often the task may lose its worker mid-attempt (crash, out of memory, timeout of the invocation) and run that attempt again; these runs do not use up maxAttempts.
             * @default 3
             */
            maxInterruptions?: number;
            /**
             * @description Retry n waits between half and all of min(capSeconds, baseSeconds * 2^(n-1)), at least 1 s; a cap below the base makes every wait capSeconds.
             * @default {}
             */
            backoff?: {
                /** @default 2 */
                baseSeconds?: number;
                /** @default 900 */
                capSeconds?: number;
            };
            /** @default 60 */
            timeoutSeconds?: number;
        };
        WebhookTaskTemplate: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "webhook";
            /** @description POSTs `body` as JSON to `url` (public addresses only; no redirects). The result is `{ "status", "body", "truncated" }`; 408, 429, 5xx and timeouts are retried. The payload is checked against the task type's schema; at most the configured payload size (256 KiB by default) serialized, and nested at most 64 levels deep. */
            payload: {
                /** Format: uri */
                url: string;
                body?: components["schemas"]["JsonValue"];
                headers?: {
                    [key: string]: string;
                };
                timeoutSeconds?: number;
            };
            /**
             * @default medium
             * @enum {string}
             */
            priority?: "high" | "medium" | "low";
            /** @default 4 */
            maxAttempts?: number;
            /**
             * @description How often the task may lose its worker mid-attempt (crash, out of memory, timeout of the invocation) and run that attempt again; these runs do not use up maxAttempts.
             * @default 3
             */
            maxInterruptions?: number;
            /**
             * @description Retry n waits between half and all of min(capSeconds, baseSeconds * 2^(n-1)), at least 1 s; a cap below the base makes every wait capSeconds.
             * @default {}
             */
            backoff?: {
                /** @default 2 */
                baseSeconds?: number;
                /** @default 900 */
                capSeconds?: number;
            };
            /** @default 60 */
            timeoutSeconds?: number;
        };
        /** @description The task each slot makes: a submission without a start time (the slot is its start time). */
        TaskTemplate: components["schemas"]["EchoTaskTemplate"] | components["schemas"]["ReverseTaskTemplate"] | components["schemas"]["SleepTaskTemplate"] | components["schemas"]["FailTaskTemplate"] | components["schemas"]["WebhookTaskTemplate"];
        /** @description A recurring schedule: exactly one of cron and intervalSeconds. */
        CronScheduleSubmission: {
            /** @description Unique per tenant. */
            name: string;
            /** @description Cron pattern: 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, e.g. "0 3 * * *" or "*\/2 * * * * *". Evaluated in `timezone`. */
            cron: string;
            /**
             * @description IANA time zone the cron pattern is read in.
             * @default UTC
             * @enum {string}
             */
            timezone?: "UTC" | "Africa/Abidjan" | "Africa/Accra" | "Africa/Addis_Ababa" | "Africa/Algiers" | "Africa/Asmera" | "Africa/Bamako" | "Africa/Bangui" | "Africa/Banjul" | "Africa/Bissau" | "Africa/Blantyre" | "Africa/Brazzaville" | "Africa/Bujumbura" | "Africa/Cairo" | "Africa/Casablanca" | "Africa/Ceuta" | "Africa/Conakry" | "Africa/Dakar" | "Africa/Dar_es_Salaam" | "Africa/Djibouti" | "Africa/Douala" | "Africa/El_Aaiun" | "Africa/Freetown" | "Africa/Gaborone" | "Africa/Harare" | "Africa/Johannesburg" | "Africa/Juba" | "Africa/Kampala" | "Africa/Khartoum" | "Africa/Kigali" | "Africa/Kinshasa" | "Africa/Lagos" | "Africa/Libreville" | "Africa/Lome" | "Africa/Luanda" | "Africa/Lubumbashi" | "Africa/Lusaka" | "Africa/Malabo" | "Africa/Maputo" | "Africa/Maseru" | "Africa/Mbabane" | "Africa/Mogadishu" | "Africa/Monrovia" | "Africa/Nairobi" | "Africa/Ndjamena" | "Africa/Niamey" | "Africa/Nouakchott" | "Africa/Ouagadougou" | "Africa/Porto-Novo" | "Africa/Sao_Tome" | "Africa/Tripoli" | "Africa/Tunis" | "Africa/Windhoek" | "America/Adak" | "America/Anchorage" | "America/Anguilla" | "America/Antigua" | "America/Araguaina" | "America/Argentina/La_Rioja" | "America/Argentina/Rio_Gallegos" | "America/Argentina/Salta" | "America/Argentina/San_Juan" | "America/Argentina/San_Luis" | "America/Argentina/Tucuman" | "America/Argentina/Ushuaia" | "America/Aruba" | "America/Asuncion" | "America/Bahia" | "America/Bahia_Banderas" | "America/Barbados" | "America/Belem" | "America/Belize" | "America/Blanc-Sablon" | "America/Boa_Vista" | "America/Bogota" | "America/Boise" | "America/Buenos_Aires" | "America/Cambridge_Bay" | "America/Campo_Grande" | "America/Cancun" | "America/Caracas" | "America/Catamarca" | "America/Cayenne" | "America/Cayman" | "America/Chicago" | "America/Chihuahua" | "America/Ciudad_Juarez" | "America/Coral_Harbour" | "America/Cordoba" | "America/Costa_Rica" | "America/Coyhaique" | "America/Creston" | "America/Cuiaba" | "America/Curacao" | "America/Danmarkshavn" | "America/Dawson" | "America/Dawson_Creek" | "America/Denver" | "America/Detroit" | "America/Dominica" | "America/Edmonton" | "America/Eirunepe" | "America/El_Salvador" | "America/Fort_Nelson" | "America/Fortaleza" | "America/Glace_Bay" | "America/Godthab" | "America/Goose_Bay" | "America/Grand_Turk" | "America/Grenada" | "America/Guadeloupe" | "America/Guatemala" | "America/Guayaquil" | "America/Guyana" | "America/Halifax" | "America/Havana" | "America/Hermosillo" | "America/Indiana/Knox" | "America/Indiana/Marengo" | "America/Indiana/Petersburg" | "America/Indiana/Tell_City" | "America/Indiana/Vevay" | "America/Indiana/Vincennes" | "America/Indiana/Winamac" | "America/Indianapolis" | "America/Inuvik" | "America/Iqaluit" | "America/Jamaica" | "America/Jujuy" | "America/Juneau" | "America/Kentucky/Monticello" | "America/Kralendijk" | "America/La_Paz" | "America/Lima" | "America/Los_Angeles" | "America/Louisville" | "America/Lower_Princes" | "America/Maceio" | "America/Managua" | "America/Manaus" | "America/Marigot" | "America/Martinique" | "America/Matamoros" | "America/Mazatlan" | "America/Mendoza" | "America/Menominee" | "America/Merida" | "America/Metlakatla" | "America/Mexico_City" | "America/Miquelon" | "America/Moncton" | "America/Monterrey" | "America/Montevideo" | "America/Montserrat" | "America/Nassau" | "America/New_York" | "America/Nome" | "America/Noronha" | "America/North_Dakota/Beulah" | "America/North_Dakota/Center" | "America/North_Dakota/New_Salem" | "America/Ojinaga" | "America/Panama" | "America/Paramaribo" | "America/Phoenix" | "America/Port-au-Prince" | "America/Port_of_Spain" | "America/Porto_Velho" | "America/Puerto_Rico" | "America/Punta_Arenas" | "America/Rankin_Inlet" | "America/Recife" | "America/Regina" | "America/Resolute" | "America/Rio_Branco" | "America/Santarem" | "America/Santiago" | "America/Santo_Domingo" | "America/Sao_Paulo" | "America/Scoresbysund" | "America/Sitka" | "America/St_Barthelemy" | "America/St_Johns" | "America/St_Kitts" | "America/St_Lucia" | "America/St_Thomas" | "America/St_Vincent" | "America/Swift_Current" | "America/Tegucigalpa" | "America/Thule" | "America/Tijuana" | "America/Toronto" | "America/Tortola" | "America/Vancouver" | "America/Whitehorse" | "America/Winnipeg" | "America/Yakutat" | "Antarctica/Casey" | "Antarctica/Davis" | "Antarctica/DumontDUrville" | "Antarctica/Macquarie" | "Antarctica/Mawson" | "Antarctica/McMurdo" | "Antarctica/Palmer" | "Antarctica/Rothera" | "Antarctica/Syowa" | "Antarctica/Troll" | "Antarctica/Vostok" | "Arctic/Longyearbyen" | "Asia/Aden" | "Asia/Almaty" | "Asia/Amman" | "Asia/Anadyr" | "Asia/Aqtau" | "Asia/Aqtobe" | "Asia/Ashgabat" | "Asia/Atyrau" | "Asia/Baghdad" | "Asia/Bahrain" | "Asia/Baku" | "Asia/Bangkok" | "Asia/Barnaul" | "Asia/Beirut" | "Asia/Bishkek" | "Asia/Brunei" | "Asia/Calcutta" | "Asia/Chita" | "Asia/Colombo" | "Asia/Damascus" | "Asia/Dhaka" | "Asia/Dili" | "Asia/Dubai" | "Asia/Dushanbe" | "Asia/Famagusta" | "Asia/Gaza" | "Asia/Hebron" | "Asia/Hong_Kong" | "Asia/Hovd" | "Asia/Irkutsk" | "Asia/Jakarta" | "Asia/Jayapura" | "Asia/Jerusalem" | "Asia/Kabul" | "Asia/Kamchatka" | "Asia/Karachi" | "Asia/Katmandu" | "Asia/Khandyga" | "Asia/Krasnoyarsk" | "Asia/Kuala_Lumpur" | "Asia/Kuching" | "Asia/Kuwait" | "Asia/Macau" | "Asia/Magadan" | "Asia/Makassar" | "Asia/Manila" | "Asia/Muscat" | "Asia/Nicosia" | "Asia/Novokuznetsk" | "Asia/Novosibirsk" | "Asia/Omsk" | "Asia/Oral" | "Asia/Phnom_Penh" | "Asia/Pontianak" | "Asia/Pyongyang" | "Asia/Qatar" | "Asia/Qostanay" | "Asia/Qyzylorda" | "Asia/Rangoon" | "Asia/Riyadh" | "Asia/Saigon" | "Asia/Sakhalin" | "Asia/Samarkand" | "Asia/Seoul" | "Asia/Shanghai" | "Asia/Singapore" | "Asia/Srednekolymsk" | "Asia/Taipei" | "Asia/Tashkent" | "Asia/Tbilisi" | "Asia/Tehran" | "Asia/Thimphu" | "Asia/Tokyo" | "Asia/Tomsk" | "Asia/Ulaanbaatar" | "Asia/Urumqi" | "Asia/Ust-Nera" | "Asia/Vientiane" | "Asia/Vladivostok" | "Asia/Yakutsk" | "Asia/Yekaterinburg" | "Asia/Yerevan" | "Atlantic/Azores" | "Atlantic/Bermuda" | "Atlantic/Canary" | "Atlantic/Cape_Verde" | "Atlantic/Faeroe" | "Atlantic/Madeira" | "Atlantic/Reykjavik" | "Atlantic/South_Georgia" | "Atlantic/St_Helena" | "Atlantic/Stanley" | "Australia/Adelaide" | "Australia/Brisbane" | "Australia/Broken_Hill" | "Australia/Darwin" | "Australia/Eucla" | "Australia/Hobart" | "Australia/Lindeman" | "Australia/Lord_Howe" | "Australia/Melbourne" | "Australia/Perth" | "Australia/Sydney" | "Europe/Amsterdam" | "Europe/Andorra" | "Europe/Astrakhan" | "Europe/Athens" | "Europe/Belgrade" | "Europe/Berlin" | "Europe/Bratislava" | "Europe/Brussels" | "Europe/Bucharest" | "Europe/Budapest" | "Europe/Busingen" | "Europe/Chisinau" | "Europe/Copenhagen" | "Europe/Dublin" | "Europe/Gibraltar" | "Europe/Guernsey" | "Europe/Helsinki" | "Europe/Isle_of_Man" | "Europe/Istanbul" | "Europe/Jersey" | "Europe/Kaliningrad" | "Europe/Kiev" | "Europe/Kirov" | "Europe/Lisbon" | "Europe/Ljubljana" | "Europe/London" | "Europe/Luxembourg" | "Europe/Madrid" | "Europe/Malta" | "Europe/Mariehamn" | "Europe/Minsk" | "Europe/Monaco" | "Europe/Moscow" | "Europe/Oslo" | "Europe/Paris" | "Europe/Podgorica" | "Europe/Prague" | "Europe/Riga" | "Europe/Rome" | "Europe/Samara" | "Europe/San_Marino" | "Europe/Sarajevo" | "Europe/Saratov" | "Europe/Simferopol" | "Europe/Skopje" | "Europe/Sofia" | "Europe/Stockholm" | "Europe/Tallinn" | "Europe/Tirane" | "Europe/Ulyanovsk" | "Europe/Vaduz" | "Europe/Vatican" | "Europe/Vienna" | "Europe/Vilnius" | "Europe/Volgograd" | "Europe/Warsaw" | "Europe/Zagreb" | "Europe/Zurich" | "Indian/Antananarivo" | "Indian/Chagos" | "Indian/Christmas" | "Indian/Cocos" | "Indian/Comoro" | "Indian/Kerguelen" | "Indian/Mahe" | "Indian/Maldives" | "Indian/Mauritius" | "Indian/Mayotte" | "Indian/Reunion" | "Pacific/Apia" | "Pacific/Auckland" | "Pacific/Bougainville" | "Pacific/Chatham" | "Pacific/Easter" | "Pacific/Efate" | "Pacific/Enderbury" | "Pacific/Fakaofo" | "Pacific/Fiji" | "Pacific/Funafuti" | "Pacific/Galapagos" | "Pacific/Gambier" | "Pacific/Guadalcanal" | "Pacific/Guam" | "Pacific/Honolulu" | "Pacific/Kiritimati" | "Pacific/Kosrae" | "Pacific/Kwajalein" | "Pacific/Majuro" | "Pacific/Marquesas" | "Pacific/Midway" | "Pacific/Nauru" | "Pacific/Niue" | "Pacific/Norfolk" | "Pacific/Noumea" | "Pacific/Pago_Pago" | "Pacific/Palau" | "Pacific/Pitcairn" | "Pacific/Ponape" | "Pacific/Port_Moresby" | "Pacific/Rarotonga" | "Pacific/Saipan" | "Pacific/Tahiti" | "Pacific/Tarawa" | "Pacific/Tongatapu" | "Pacific/Truk" | "Pacific/Wake" | "Pacific/Wallis";
            task: components["schemas"]["TaskTemplate"];
            /**
             * @description skip: a slot makes no task while the previous slot’s task is not finished (counted in skipped.overlap); allow: every slot makes its task.
             * @default skip
             * @enum {string}
             */
            overlap?: "skip" | "allow";
            /**
             * @description After downtime, missed slots at most this old each make their task once; older ones are skipped and counted in skipped.missed.
             * @default 60
             */
            catchUpWindowSeconds?: number;
            /**
             * @description Each task runs up to this many seconds after its slot, chosen at random.
             * @default 0
             */
            jitterSeconds?: number;
            /**
             * Format: date-time
             * @description No slot before this time.
             */
            startAt?: string;
            /**
             * Format: date-time
             * @description No slot after this time; the schedule is then finished.
             */
            endAt?: string;
        };
        /** @description A recurring schedule: exactly one of cron and intervalSeconds. */
        IntervalScheduleSubmission: {
            /** @description Unique per tenant. */
            name: string;
            /** @description Fire every this many seconds, from startAt (else from the creation time). */
            intervalSeconds: number;
            /**
             * @description IANA time zone the cron pattern is read in.
             * @default UTC
             * @enum {string}
             */
            timezone?: "UTC" | "Africa/Abidjan" | "Africa/Accra" | "Africa/Addis_Ababa" | "Africa/Algiers" | "Africa/Asmera" | "Africa/Bamako" | "Africa/Bangui" | "Africa/Banjul" | "Africa/Bissau" | "Africa/Blantyre" | "Africa/Brazzaville" | "Africa/Bujumbura" | "Africa/Cairo" | "Africa/Casablanca" | "Africa/Ceuta" | "Africa/Conakry" | "Africa/Dakar" | "Africa/Dar_es_Salaam" | "Africa/Djibouti" | "Africa/Douala" | "Africa/El_Aaiun" | "Africa/Freetown" | "Africa/Gaborone" | "Africa/Harare" | "Africa/Johannesburg" | "Africa/Juba" | "Africa/Kampala" | "Africa/Khartoum" | "Africa/Kigali" | "Africa/Kinshasa" | "Africa/Lagos" | "Africa/Libreville" | "Africa/Lome" | "Africa/Luanda" | "Africa/Lubumbashi" | "Africa/Lusaka" | "Africa/Malabo" | "Africa/Maputo" | "Africa/Maseru" | "Africa/Mbabane" | "Africa/Mogadishu" | "Africa/Monrovia" | "Africa/Nairobi" | "Africa/Ndjamena" | "Africa/Niamey" | "Africa/Nouakchott" | "Africa/Ouagadougou" | "Africa/Porto-Novo" | "Africa/Sao_Tome" | "Africa/Tripoli" | "Africa/Tunis" | "Africa/Windhoek" | "America/Adak" | "America/Anchorage" | "America/Anguilla" | "America/Antigua" | "America/Araguaina" | "America/Argentina/La_Rioja" | "America/Argentina/Rio_Gallegos" | "America/Argentina/Salta" | "America/Argentina/San_Juan" | "America/Argentina/San_Luis" | "America/Argentina/Tucuman" | "America/Argentina/Ushuaia" | "America/Aruba" | "America/Asuncion" | "America/Bahia" | "America/Bahia_Banderas" | "America/Barbados" | "America/Belem" | "America/Belize" | "America/Blanc-Sablon" | "America/Boa_Vista" | "America/Bogota" | "America/Boise" | "America/Buenos_Aires" | "America/Cambridge_Bay" | "America/Campo_Grande" | "America/Cancun" | "America/Caracas" | "America/Catamarca" | "America/Cayenne" | "America/Cayman" | "America/Chicago" | "America/Chihuahua" | "America/Ciudad_Juarez" | "America/Coral_Harbour" | "America/Cordoba" | "America/Costa_Rica" | "America/Coyhaique" | "America/Creston" | "America/Cuiaba" | "America/Curacao" | "America/Danmarkshavn" | "America/Dawson" | "America/Dawson_Creek" | "America/Denver" | "America/Detroit" | "America/Dominica" | "America/Edmonton" | "America/Eirunepe" | "America/El_Salvador" | "America/Fort_Nelson" | "America/Fortaleza" | "America/Glace_Bay" | "America/Godthab" | "America/Goose_Bay" | "America/Grand_Turk" | "America/Grenada" | "America/Guadeloupe" | "America/Guatemala" | "America/Guayaquil" | "America/Guyana" | "America/Halifax" | "America/Havana" | "America/Hermosillo" | "America/Indiana/Knox" | "America/Indiana/Marengo" | "America/Indiana/Petersburg" | "America/Indiana/Tell_City" | "America/Indiana/Vevay" | "America/Indiana/Vincennes" | "America/Indiana/Winamac" | "America/Indianapolis" | "America/Inuvik" | "America/Iqaluit" | "America/Jamaica" | "America/Jujuy" | "America/Juneau" | "America/Kentucky/Monticello" | "America/Kralendijk" | "America/La_Paz" | "America/Lima" | "America/Los_Angeles" | "America/Louisville" | "America/Lower_Princes" | "America/Maceio" | "America/Managua" | "America/Manaus" | "America/Marigot" | "America/Martinique" | "America/Matamoros" | "America/Mazatlan" | "America/Mendoza" | "America/Menominee" | "America/Merida" | "America/Metlakatla" | "America/Mexico_City" | "America/Miquelon" | "America/Moncton" | "America/Monterrey" | "America/Montevideo" | "America/Montserrat" | "America/Nassau" | "America/New_York" | "America/Nome" | "America/Noronha" | "America/North_Dakota/Beulah" | "America/North_Dakota/Center" | "America/North_Dakota/New_Salem" | "America/Ojinaga" | "America/Panama" | "America/Paramaribo" | "America/Phoenix" | "America/Port-au-Prince" | "America/Port_of_Spain" | "America/Porto_Velho" | "America/Puerto_Rico" | "America/Punta_Arenas" | "America/Rankin_Inlet" | "America/Recife" | "America/Regina" | "America/Resolute" | "America/Rio_Branco" | "America/Santarem" | "America/Santiago" | "America/Santo_Domingo" | "America/Sao_Paulo" | "America/Scoresbysund" | "America/Sitka" | "America/St_Barthelemy" | "America/St_Johns" | "America/St_Kitts" | "America/St_Lucia" | "America/St_Thomas" | "America/St_Vincent" | "America/Swift_Current" | "America/Tegucigalpa" | "America/Thule" | "America/Tijuana" | "America/Toronto" | "America/Tortola" | "America/Vancouver" | "America/Whitehorse" | "America/Winnipeg" | "America/Yakutat" | "Antarctica/Casey" | "Antarctica/Davis" | "Antarctica/DumontDUrville" | "Antarctica/Macquarie" | "Antarctica/Mawson" | "Antarctica/McMurdo" | "Antarctica/Palmer" | "Antarctica/Rothera" | "Antarctica/Syowa" | "Antarctica/Troll" | "Antarctica/Vostok" | "Arctic/Longyearbyen" | "Asia/Aden" | "Asia/Almaty" | "Asia/Amman" | "Asia/Anadyr" | "Asia/Aqtau" | "Asia/Aqtobe" | "Asia/Ashgabat" | "Asia/Atyrau" | "Asia/Baghdad" | "Asia/Bahrain" | "Asia/Baku" | "Asia/Bangkok" | "Asia/Barnaul" | "Asia/Beirut" | "Asia/Bishkek" | "Asia/Brunei" | "Asia/Calcutta" | "Asia/Chita" | "Asia/Colombo" | "Asia/Damascus" | "Asia/Dhaka" | "Asia/Dili" | "Asia/Dubai" | "Asia/Dushanbe" | "Asia/Famagusta" | "Asia/Gaza" | "Asia/Hebron" | "Asia/Hong_Kong" | "Asia/Hovd" | "Asia/Irkutsk" | "Asia/Jakarta" | "Asia/Jayapura" | "Asia/Jerusalem" | "Asia/Kabul" | "Asia/Kamchatka" | "Asia/Karachi" | "Asia/Katmandu" | "Asia/Khandyga" | "Asia/Krasnoyarsk" | "Asia/Kuala_Lumpur" | "Asia/Kuching" | "Asia/Kuwait" | "Asia/Macau" | "Asia/Magadan" | "Asia/Makassar" | "Asia/Manila" | "Asia/Muscat" | "Asia/Nicosia" | "Asia/Novokuznetsk" | "Asia/Novosibirsk" | "Asia/Omsk" | "Asia/Oral" | "Asia/Phnom_Penh" | "Asia/Pontianak" | "Asia/Pyongyang" | "Asia/Qatar" | "Asia/Qostanay" | "Asia/Qyzylorda" | "Asia/Rangoon" | "Asia/Riyadh" | "Asia/Saigon" | "Asia/Sakhalin" | "Asia/Samarkand" | "Asia/Seoul" | "Asia/Shanghai" | "Asia/Singapore" | "Asia/Srednekolymsk" | "Asia/Taipei" | "Asia/Tashkent" | "Asia/Tbilisi" | "Asia/Tehran" | "Asia/Thimphu" | "Asia/Tokyo" | "Asia/Tomsk" | "Asia/Ulaanbaatar" | "Asia/Urumqi" | "Asia/Ust-Nera" | "Asia/Vientiane" | "Asia/Vladivostok" | "Asia/Yakutsk" | "Asia/Yekaterinburg" | "Asia/Yerevan" | "Atlantic/Azores" | "Atlantic/Bermuda" | "Atlantic/Canary" | "Atlantic/Cape_Verde" | "Atlantic/Faeroe" | "Atlantic/Madeira" | "Atlantic/Reykjavik" | "Atlantic/South_Georgia" | "Atlantic/St_Helena" | "Atlantic/Stanley" | "Australia/Adelaide" | "Australia/Brisbane" | "Australia/Broken_Hill" | "Australia/Darwin" | "Australia/Eucla" | "Australia/Hobart" | "Australia/Lindeman" | "Australia/Lord_Howe" | "Australia/Melbourne" | "Australia/Perth" | "Australia/Sydney" | "Europe/Amsterdam" | "Europe/Andorra" | "Europe/Astrakhan" | "Europe/Athens" | "Europe/Belgrade" | "Europe/Berlin" | "Europe/Bratislava" | "Europe/Brussels" | "Europe/Bucharest" | "Europe/Budapest" | "Europe/Busingen" | "Europe/Chisinau" | "Europe/Copenhagen" | "Europe/Dublin" | "Europe/Gibraltar" | "Europe/Guernsey" | "Europe/Helsinki" | "Europe/Isle_of_Man" | "Europe/Istanbul" | "Europe/Jersey" | "Europe/Kaliningrad" | "Europe/Kiev" | "Europe/Kirov" | "Europe/Lisbon" | "Europe/Ljubljana" | "Europe/London" | "Europe/Luxembourg" | "Europe/Madrid" | "Europe/Malta" | "Europe/Mariehamn" | "Europe/Minsk" | "Europe/Monaco" | "Europe/Moscow" | "Europe/Oslo" | "Europe/Paris" | "Europe/Podgorica" | "Europe/Prague" | "Europe/Riga" | "Europe/Rome" | "Europe/Samara" | "Europe/San_Marino" | "Europe/Sarajevo" | "Europe/Saratov" | "Europe/Simferopol" | "Europe/Skopje" | "Europe/Sofia" | "Europe/Stockholm" | "Europe/Tallinn" | "Europe/Tirane" | "Europe/Ulyanovsk" | "Europe/Vaduz" | "Europe/Vatican" | "Europe/Vienna" | "Europe/Vilnius" | "Europe/Volgograd" | "Europe/Warsaw" | "Europe/Zagreb" | "Europe/Zurich" | "Indian/Antananarivo" | "Indian/Chagos" | "Indian/Christmas" | "Indian/Cocos" | "Indian/Comoro" | "Indian/Kerguelen" | "Indian/Mahe" | "Indian/Maldives" | "Indian/Mauritius" | "Indian/Mayotte" | "Indian/Reunion" | "Pacific/Apia" | "Pacific/Auckland" | "Pacific/Bougainville" | "Pacific/Chatham" | "Pacific/Easter" | "Pacific/Efate" | "Pacific/Enderbury" | "Pacific/Fakaofo" | "Pacific/Fiji" | "Pacific/Funafuti" | "Pacific/Galapagos" | "Pacific/Gambier" | "Pacific/Guadalcanal" | "Pacific/Guam" | "Pacific/Honolulu" | "Pacific/Kiritimati" | "Pacific/Kosrae" | "Pacific/Kwajalein" | "Pacific/Majuro" | "Pacific/Marquesas" | "Pacific/Midway" | "Pacific/Nauru" | "Pacific/Niue" | "Pacific/Norfolk" | "Pacific/Noumea" | "Pacific/Pago_Pago" | "Pacific/Palau" | "Pacific/Pitcairn" | "Pacific/Ponape" | "Pacific/Port_Moresby" | "Pacific/Rarotonga" | "Pacific/Saipan" | "Pacific/Tahiti" | "Pacific/Tarawa" | "Pacific/Tongatapu" | "Pacific/Truk" | "Pacific/Wake" | "Pacific/Wallis";
            task: components["schemas"]["TaskTemplate"];
            /**
             * @description skip: a slot makes no task while the previous slot’s task is not finished (counted in skipped.overlap); allow: every slot makes its task.
             * @default skip
             * @enum {string}
             */
            overlap?: "skip" | "allow";
            /**
             * @description After downtime, missed slots at most this old each make their task once; older ones are skipped and counted in skipped.missed.
             * @default 60
             */
            catchUpWindowSeconds?: number;
            /**
             * @description Each task runs up to this many seconds after its slot, chosen at random.
             * @default 0
             */
            jitterSeconds?: number;
            /**
             * Format: date-time
             * @description No slot before this time.
             */
            startAt?: string;
            /**
             * Format: date-time
             * @description No slot after this time; the schedule is then finished.
             */
            endAt?: string;
        };
        /** @description A recurring schedule: exactly one of cron and intervalSeconds. */
        ScheduleSubmission: components["schemas"]["CronScheduleSubmission"] | components["schemas"]["IntervalScheduleSubmission"];
        /** @description Any field of the creation but name; at most one of cron and intervalSeconds. */
        ScheduleUpdate: {
            /** @description Cron pattern: 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, e.g. "0 3 * * *" or "*\/2 * * * * *". Evaluated in `timezone`. */
            cron?: string;
            /**
             * @description IANA time zone the cron pattern is read in.
             * @enum {string}
             */
            timezone?: "UTC" | "Africa/Abidjan" | "Africa/Accra" | "Africa/Addis_Ababa" | "Africa/Algiers" | "Africa/Asmera" | "Africa/Bamako" | "Africa/Bangui" | "Africa/Banjul" | "Africa/Bissau" | "Africa/Blantyre" | "Africa/Brazzaville" | "Africa/Bujumbura" | "Africa/Cairo" | "Africa/Casablanca" | "Africa/Ceuta" | "Africa/Conakry" | "Africa/Dakar" | "Africa/Dar_es_Salaam" | "Africa/Djibouti" | "Africa/Douala" | "Africa/El_Aaiun" | "Africa/Freetown" | "Africa/Gaborone" | "Africa/Harare" | "Africa/Johannesburg" | "Africa/Juba" | "Africa/Kampala" | "Africa/Khartoum" | "Africa/Kigali" | "Africa/Kinshasa" | "Africa/Lagos" | "Africa/Libreville" | "Africa/Lome" | "Africa/Luanda" | "Africa/Lubumbashi" | "Africa/Lusaka" | "Africa/Malabo" | "Africa/Maputo" | "Africa/Maseru" | "Africa/Mbabane" | "Africa/Mogadishu" | "Africa/Monrovia" | "Africa/Nairobi" | "Africa/Ndjamena" | "Africa/Niamey" | "Africa/Nouakchott" | "Africa/Ouagadougou" | "Africa/Porto-Novo" | "Africa/Sao_Tome" | "Africa/Tripoli" | "Africa/Tunis" | "Africa/Windhoek" | "America/Adak" | "America/Anchorage" | "America/Anguilla" | "America/Antigua" | "America/Araguaina" | "America/Argentina/La_Rioja" | "America/Argentina/Rio_Gallegos" | "America/Argentina/Salta" | "America/Argentina/San_Juan" | "America/Argentina/San_Luis" | "America/Argentina/Tucuman" | "America/Argentina/Ushuaia" | "America/Aruba" | "America/Asuncion" | "America/Bahia" | "America/Bahia_Banderas" | "America/Barbados" | "America/Belem" | "America/Belize" | "America/Blanc-Sablon" | "America/Boa_Vista" | "America/Bogota" | "America/Boise" | "America/Buenos_Aires" | "America/Cambridge_Bay" | "America/Campo_Grande" | "America/Cancun" | "America/Caracas" | "America/Catamarca" | "America/Cayenne" | "America/Cayman" | "America/Chicago" | "America/Chihuahua" | "America/Ciudad_Juarez" | "America/Coral_Harbour" | "America/Cordoba" | "America/Costa_Rica" | "America/Coyhaique" | "America/Creston" | "America/Cuiaba" | "America/Curacao" | "America/Danmarkshavn" | "America/Dawson" | "America/Dawson_Creek" | "America/Denver" | "America/Detroit" | "America/Dominica" | "America/Edmonton" | "America/Eirunepe" | "America/El_Salvador" | "America/Fort_Nelson" | "America/Fortaleza" | "America/Glace_Bay" | "America/Godthab" | "America/Goose_Bay" | "America/Grand_Turk" | "America/Grenada" | "America/Guadeloupe" | "America/Guatemala" | "America/Guayaquil" | "America/Guyana" | "America/Halifax" | "America/Havana" | "America/Hermosillo" | "America/Indiana/Knox" | "America/Indiana/Marengo" | "America/Indiana/Petersburg" | "America/Indiana/Tell_City" | "America/Indiana/Vevay" | "America/Indiana/Vincennes" | "America/Indiana/Winamac" | "America/Indianapolis" | "America/Inuvik" | "America/Iqaluit" | "America/Jamaica" | "America/Jujuy" | "America/Juneau" | "America/Kentucky/Monticello" | "America/Kralendijk" | "America/La_Paz" | "America/Lima" | "America/Los_Angeles" | "America/Louisville" | "America/Lower_Princes" | "America/Maceio" | "America/Managua" | "America/Manaus" | "America/Marigot" | "America/Martinique" | "America/Matamoros" | "America/Mazatlan" | "America/Mendoza" | "America/Menominee" | "America/Merida" | "America/Metlakatla" | "America/Mexico_City" | "America/Miquelon" | "America/Moncton" | "America/Monterrey" | "America/Montevideo" | "America/Montserrat" | "America/Nassau" | "America/New_York" | "America/Nome" | "America/Noronha" | "America/North_Dakota/Beulah" | "America/North_Dakota/Center" | "America/North_Dakota/New_Salem" | "America/Ojinaga" | "America/Panama" | "America/Paramaribo" | "America/Phoenix" | "America/Port-au-Prince" | "America/Port_of_Spain" | "America/Porto_Velho" | "America/Puerto_Rico" | "America/Punta_Arenas" | "America/Rankin_Inlet" | "America/Recife" | "America/Regina" | "America/Resolute" | "America/Rio_Branco" | "America/Santarem" | "America/Santiago" | "America/Santo_Domingo" | "America/Sao_Paulo" | "America/Scoresbysund" | "America/Sitka" | "America/St_Barthelemy" | "America/St_Johns" | "America/St_Kitts" | "America/St_Lucia" | "America/St_Thomas" | "America/St_Vincent" | "America/Swift_Current" | "America/Tegucigalpa" | "America/Thule" | "America/Tijuana" | "America/Toronto" | "America/Tortola" | "America/Vancouver" | "America/Whitehorse" | "America/Winnipeg" | "America/Yakutat" | "Antarctica/Casey" | "Antarctica/Davis" | "Antarctica/DumontDUrville" | "Antarctica/Macquarie" | "Antarctica/Mawson" | "Antarctica/McMurdo" | "Antarctica/Palmer" | "Antarctica/Rothera" | "Antarctica/Syowa" | "Antarctica/Troll" | "Antarctica/Vostok" | "Arctic/Longyearbyen" | "Asia/Aden" | "Asia/Almaty" | "Asia/Amman" | "Asia/Anadyr" | "Asia/Aqtau" | "Asia/Aqtobe" | "Asia/Ashgabat" | "Asia/Atyrau" | "Asia/Baghdad" | "Asia/Bahrain" | "Asia/Baku" | "Asia/Bangkok" | "Asia/Barnaul" | "Asia/Beirut" | "Asia/Bishkek" | "Asia/Brunei" | "Asia/Calcutta" | "Asia/Chita" | "Asia/Colombo" | "Asia/Damascus" | "Asia/Dhaka" | "Asia/Dili" | "Asia/Dubai" | "Asia/Dushanbe" | "Asia/Famagusta" | "Asia/Gaza" | "Asia/Hebron" | "Asia/Hong_Kong" | "Asia/Hovd" | "Asia/Irkutsk" | "Asia/Jakarta" | "Asia/Jayapura" | "Asia/Jerusalem" | "Asia/Kabul" | "Asia/Kamchatka" | "Asia/Karachi" | "Asia/Katmandu" | "Asia/Khandyga" | "Asia/Krasnoyarsk" | "Asia/Kuala_Lumpur" | "Asia/Kuching" | "Asia/Kuwait" | "Asia/Macau" | "Asia/Magadan" | "Asia/Makassar" | "Asia/Manila" | "Asia/Muscat" | "Asia/Nicosia" | "Asia/Novokuznetsk" | "Asia/Novosibirsk" | "Asia/Omsk" | "Asia/Oral" | "Asia/Phnom_Penh" | "Asia/Pontianak" | "Asia/Pyongyang" | "Asia/Qatar" | "Asia/Qostanay" | "Asia/Qyzylorda" | "Asia/Rangoon" | "Asia/Riyadh" | "Asia/Saigon" | "Asia/Sakhalin" | "Asia/Samarkand" | "Asia/Seoul" | "Asia/Shanghai" | "Asia/Singapore" | "Asia/Srednekolymsk" | "Asia/Taipei" | "Asia/Tashkent" | "Asia/Tbilisi" | "Asia/Tehran" | "Asia/Thimphu" | "Asia/Tokyo" | "Asia/Tomsk" | "Asia/Ulaanbaatar" | "Asia/Urumqi" | "Asia/Ust-Nera" | "Asia/Vientiane" | "Asia/Vladivostok" | "Asia/Yakutsk" | "Asia/Yekaterinburg" | "Asia/Yerevan" | "Atlantic/Azores" | "Atlantic/Bermuda" | "Atlantic/Canary" | "Atlantic/Cape_Verde" | "Atlantic/Faeroe" | "Atlantic/Madeira" | "Atlantic/Reykjavik" | "Atlantic/South_Georgia" | "Atlantic/St_Helena" | "Atlantic/Stanley" | "Australia/Adelaide" | "Australia/Brisbane" | "Australia/Broken_Hill" | "Australia/Darwin" | "Australia/Eucla" | "Australia/Hobart" | "Australia/Lindeman" | "Australia/Lord_Howe" | "Australia/Melbourne" | "Australia/Perth" | "Australia/Sydney" | "Europe/Amsterdam" | "Europe/Andorra" | "Europe/Astrakhan" | "Europe/Athens" | "Europe/Belgrade" | "Europe/Berlin" | "Europe/Bratislava" | "Europe/Brussels" | "Europe/Bucharest" | "Europe/Budapest" | "Europe/Busingen" | "Europe/Chisinau" | "Europe/Copenhagen" | "Europe/Dublin" | "Europe/Gibraltar" | "Europe/Guernsey" | "Europe/Helsinki" | "Europe/Isle_of_Man" | "Europe/Istanbul" | "Europe/Jersey" | "Europe/Kaliningrad" | "Europe/Kiev" | "Europe/Kirov" | "Europe/Lisbon" | "Europe/Ljubljana" | "Europe/London" | "Europe/Luxembourg" | "Europe/Madrid" | "Europe/Malta" | "Europe/Mariehamn" | "Europe/Minsk" | "Europe/Monaco" | "Europe/Moscow" | "Europe/Oslo" | "Europe/Paris" | "Europe/Podgorica" | "Europe/Prague" | "Europe/Riga" | "Europe/Rome" | "Europe/Samara" | "Europe/San_Marino" | "Europe/Sarajevo" | "Europe/Saratov" | "Europe/Simferopol" | "Europe/Skopje" | "Europe/Sofia" | "Europe/Stockholm" | "Europe/Tallinn" | "Europe/Tirane" | "Europe/Ulyanovsk" | "Europe/Vaduz" | "Europe/Vatican" | "Europe/Vienna" | "Europe/Vilnius" | "Europe/Volgograd" | "Europe/Warsaw" | "Europe/Zagreb" | "Europe/Zurich" | "Indian/Antananarivo" | "Indian/Chagos" | "Indian/Christmas" | "Indian/Cocos" | "Indian/Comoro" | "Indian/Kerguelen" | "Indian/Mahe" | "Indian/Maldives" | "Indian/Mauritius" | "Indian/Mayotte" | "Indian/Reunion" | "Pacific/Apia" | "Pacific/Auckland" | "Pacific/Bougainville" | "Pacific/Chatham" | "Pacific/Easter" | "Pacific/Efate" | "Pacific/Enderbury" | "Pacific/Fakaofo" | "Pacific/Fiji" | "Pacific/Funafuti" | "Pacific/Galapagos" | "Pacific/Gambier" | "Pacific/Guadalcanal" | "Pacific/Guam" | "Pacific/Honolulu" | "Pacific/Kiritimati" | "Pacific/Kosrae" | "Pacific/Kwajalein" | "Pacific/Majuro" | "Pacific/Marquesas" | "Pacific/Midway" | "Pacific/Nauru" | "Pacific/Niue" | "Pacific/Norfolk" | "Pacific/Noumea" | "Pacific/Pago_Pago" | "Pacific/Palau" | "Pacific/Pitcairn" | "Pacific/Ponape" | "Pacific/Port_Moresby" | "Pacific/Rarotonga" | "Pacific/Saipan" | "Pacific/Tahiti" | "Pacific/Tarawa" | "Pacific/Tongatapu" | "Pacific/Truk" | "Pacific/Wake" | "Pacific/Wallis";
            task?: components["schemas"]["TaskTemplate"];
            /**
             * @description skip: a slot makes no task while the previous slot’s task is not finished (counted in skipped.overlap); allow: every slot makes its task.
             * @enum {string}
             */
            overlap?: "skip" | "allow";
            /** @description After downtime, missed slots at most this old each make their task once; older ones are skipped and counted in skipped.missed. */
            catchUpWindowSeconds?: number;
            /** @description Each task runs up to this many seconds after its slot, chosen at random. */
            jitterSeconds?: number;
            startAt?: string | null;
            endAt?: string | null;
        } | {
            /** @description Fire every this many seconds, from startAt (else from the creation time). */
            intervalSeconds?: number;
            /**
             * @description IANA time zone the cron pattern is read in.
             * @enum {string}
             */
            timezone?: "UTC" | "Africa/Abidjan" | "Africa/Accra" | "Africa/Addis_Ababa" | "Africa/Algiers" | "Africa/Asmera" | "Africa/Bamako" | "Africa/Bangui" | "Africa/Banjul" | "Africa/Bissau" | "Africa/Blantyre" | "Africa/Brazzaville" | "Africa/Bujumbura" | "Africa/Cairo" | "Africa/Casablanca" | "Africa/Ceuta" | "Africa/Conakry" | "Africa/Dakar" | "Africa/Dar_es_Salaam" | "Africa/Djibouti" | "Africa/Douala" | "Africa/El_Aaiun" | "Africa/Freetown" | "Africa/Gaborone" | "Africa/Harare" | "Africa/Johannesburg" | "Africa/Juba" | "Africa/Kampala" | "Africa/Khartoum" | "Africa/Kigali" | "Africa/Kinshasa" | "Africa/Lagos" | "Africa/Libreville" | "Africa/Lome" | "Africa/Luanda" | "Africa/Lubumbashi" | "Africa/Lusaka" | "Africa/Malabo" | "Africa/Maputo" | "Africa/Maseru" | "Africa/Mbabane" | "Africa/Mogadishu" | "Africa/Monrovia" | "Africa/Nairobi" | "Africa/Ndjamena" | "Africa/Niamey" | "Africa/Nouakchott" | "Africa/Ouagadougou" | "Africa/Porto-Novo" | "Africa/Sao_Tome" | "Africa/Tripoli" | "Africa/Tunis" | "Africa/Windhoek" | "America/Adak" | "America/Anchorage" | "America/Anguilla" | "America/Antigua" | "America/Araguaina" | "America/Argentina/La_Rioja" | "America/Argentina/Rio_Gallegos" | "America/Argentina/Salta" | "America/Argentina/San_Juan" | "America/Argentina/San_Luis" | "America/Argentina/Tucuman" | "America/Argentina/Ushuaia" | "America/Aruba" | "America/Asuncion" | "America/Bahia" | "America/Bahia_Banderas" | "America/Barbados" | "America/Belem" | "America/Belize" | "America/Blanc-Sablon" | "America/Boa_Vista" | "America/Bogota" | "America/Boise" | "America/Buenos_Aires" | "America/Cambridge_Bay" | "America/Campo_Grande" | "America/Cancun" | "America/Caracas" | "America/Catamarca" | "America/Cayenne" | "America/Cayman" | "America/Chicago" | "America/Chihuahua" | "America/Ciudad_Juarez" | "America/Coral_Harbour" | "America/Cordoba" | "America/Costa_Rica" | "America/Coyhaique" | "America/Creston" | "America/Cuiaba" | "America/Curacao" | "America/Danmarkshavn" | "America/Dawson" | "America/Dawson_Creek" | "America/Denver" | "America/Detroit" | "America/Dominica" | "America/Edmonton" | "America/Eirunepe" | "America/El_Salvador" | "America/Fort_Nelson" | "America/Fortaleza" | "America/Glace_Bay" | "America/Godthab" | "America/Goose_Bay" | "America/Grand_Turk" | "America/Grenada" | "America/Guadeloupe" | "America/Guatemala" | "America/Guayaquil" | "America/Guyana" | "America/Halifax" | "America/Havana" | "America/Hermosillo" | "America/Indiana/Knox" | "America/Indiana/Marengo" | "America/Indiana/Petersburg" | "America/Indiana/Tell_City" | "America/Indiana/Vevay" | "America/Indiana/Vincennes" | "America/Indiana/Winamac" | "America/Indianapolis" | "America/Inuvik" | "America/Iqaluit" | "America/Jamaica" | "America/Jujuy" | "America/Juneau" | "America/Kentucky/Monticello" | "America/Kralendijk" | "America/La_Paz" | "America/Lima" | "America/Los_Angeles" | "America/Louisville" | "America/Lower_Princes" | "America/Maceio" | "America/Managua" | "America/Manaus" | "America/Marigot" | "America/Martinique" | "America/Matamoros" | "America/Mazatlan" | "America/Mendoza" | "America/Menominee" | "America/Merida" | "America/Metlakatla" | "America/Mexico_City" | "America/Miquelon" | "America/Moncton" | "America/Monterrey" | "America/Montevideo" | "America/Montserrat" | "America/Nassau" | "America/New_York" | "America/Nome" | "America/Noronha" | "America/North_Dakota/Beulah" | "America/North_Dakota/Center" | "America/North_Dakota/New_Salem" | "America/Ojinaga" | "America/Panama" | "America/Paramaribo" | "America/Phoenix" | "America/Port-au-Prince" | "America/Port_of_Spain" | "America/Porto_Velho" | "America/Puerto_Rico" | "America/Punta_Arenas" | "America/Rankin_Inlet" | "America/Recife" | "America/Regina" | "America/Resolute" | "America/Rio_Branco" | "America/Santarem" | "America/Santiago" | "America/Santo_Domingo" | "America/Sao_Paulo" | "America/Scoresbysund" | "America/Sitka" | "America/St_Barthelemy" | "America/St_Johns" | "America/St_Kitts" | "America/St_Lucia" | "America/St_Thomas" | "America/St_Vincent" | "America/Swift_Current" | "America/Tegucigalpa" | "America/Thule" | "America/Tijuana" | "America/Toronto" | "America/Tortola" | "America/Vancouver" | "America/Whitehorse" | "America/Winnipeg" | "America/Yakutat" | "Antarctica/Casey" | "Antarctica/Davis" | "Antarctica/DumontDUrville" | "Antarctica/Macquarie" | "Antarctica/Mawson" | "Antarctica/McMurdo" | "Antarctica/Palmer" | "Antarctica/Rothera" | "Antarctica/Syowa" | "Antarctica/Troll" | "Antarctica/Vostok" | "Arctic/Longyearbyen" | "Asia/Aden" | "Asia/Almaty" | "Asia/Amman" | "Asia/Anadyr" | "Asia/Aqtau" | "Asia/Aqtobe" | "Asia/Ashgabat" | "Asia/Atyrau" | "Asia/Baghdad" | "Asia/Bahrain" | "Asia/Baku" | "Asia/Bangkok" | "Asia/Barnaul" | "Asia/Beirut" | "Asia/Bishkek" | "Asia/Brunei" | "Asia/Calcutta" | "Asia/Chita" | "Asia/Colombo" | "Asia/Damascus" | "Asia/Dhaka" | "Asia/Dili" | "Asia/Dubai" | "Asia/Dushanbe" | "Asia/Famagusta" | "Asia/Gaza" | "Asia/Hebron" | "Asia/Hong_Kong" | "Asia/Hovd" | "Asia/Irkutsk" | "Asia/Jakarta" | "Asia/Jayapura" | "Asia/Jerusalem" | "Asia/Kabul" | "Asia/Kamchatka" | "Asia/Karachi" | "Asia/Katmandu" | "Asia/Khandyga" | "Asia/Krasnoyarsk" | "Asia/Kuala_Lumpur" | "Asia/Kuching" | "Asia/Kuwait" | "Asia/Macau" | "Asia/Magadan" | "Asia/Makassar" | "Asia/Manila" | "Asia/Muscat" | "Asia/Nicosia" | "Asia/Novokuznetsk" | "Asia/Novosibirsk" | "Asia/Omsk" | "Asia/Oral" | "Asia/Phnom_Penh" | "Asia/Pontianak" | "Asia/Pyongyang" | "Asia/Qatar" | "Asia/Qostanay" | "Asia/Qyzylorda" | "Asia/Rangoon" | "Asia/Riyadh" | "Asia/Saigon" | "Asia/Sakhalin" | "Asia/Samarkand" | "Asia/Seoul" | "Asia/Shanghai" | "Asia/Singapore" | "Asia/Srednekolymsk" | "Asia/Taipei" | "Asia/Tashkent" | "Asia/Tbilisi" | "Asia/Tehran" | "Asia/Thimphu" | "Asia/Tokyo" | "Asia/Tomsk" | "Asia/Ulaanbaatar" | "Asia/Urumqi" | "Asia/Ust-Nera" | "Asia/Vientiane" | "Asia/Vladivostok" | "Asia/Yakutsk" | "Asia/Yekaterinburg" | "Asia/Yerevan" | "Atlantic/Azores" | "Atlantic/Bermuda" | "Atlantic/Canary" | "Atlantic/Cape_Verde" | "Atlantic/Faeroe" | "Atlantic/Madeira" | "Atlantic/Reykjavik" | "Atlantic/South_Georgia" | "Atlantic/St_Helena" | "Atlantic/Stanley" | "Australia/Adelaide" | "Australia/Brisbane" | "Australia/Broken_Hill" | "Australia/Darwin" | "Australia/Eucla" | "Australia/Hobart" | "Australia/Lindeman" | "Australia/Lord_Howe" | "Australia/Melbourne" | "Australia/Perth" | "Australia/Sydney" | "Europe/Amsterdam" | "Europe/Andorra" | "Europe/Astrakhan" | "Europe/Athens" | "Europe/Belgrade" | "Europe/Berlin" | "Europe/Bratislava" | "Europe/Brussels" | "Europe/Bucharest" | "Europe/Budapest" | "Europe/Busingen" | "Europe/Chisinau" | "Europe/Copenhagen" | "Europe/Dublin" | "Europe/Gibraltar" | "Europe/Guernsey" | "Europe/Helsinki" | "Europe/Isle_of_Man" | "Europe/Istanbul" | "Europe/Jersey" | "Europe/Kaliningrad" | "Europe/Kiev" | "Europe/Kirov" | "Europe/Lisbon" | "Europe/Ljubljana" | "Europe/London" | "Europe/Luxembourg" | "Europe/Madrid" | "Europe/Malta" | "Europe/Mariehamn" | "Europe/Minsk" | "Europe/Monaco" | "Europe/Moscow" | "Europe/Oslo" | "Europe/Paris" | "Europe/Podgorica" | "Europe/Prague" | "Europe/Riga" | "Europe/Rome" | "Europe/Samara" | "Europe/San_Marino" | "Europe/Sarajevo" | "Europe/Saratov" | "Europe/Simferopol" | "Europe/Skopje" | "Europe/Sofia" | "Europe/Stockholm" | "Europe/Tallinn" | "Europe/Tirane" | "Europe/Ulyanovsk" | "Europe/Vaduz" | "Europe/Vatican" | "Europe/Vienna" | "Europe/Vilnius" | "Europe/Volgograd" | "Europe/Warsaw" | "Europe/Zagreb" | "Europe/Zurich" | "Indian/Antananarivo" | "Indian/Chagos" | "Indian/Christmas" | "Indian/Cocos" | "Indian/Comoro" | "Indian/Kerguelen" | "Indian/Mahe" | "Indian/Maldives" | "Indian/Mauritius" | "Indian/Mayotte" | "Indian/Reunion" | "Pacific/Apia" | "Pacific/Auckland" | "Pacific/Bougainville" | "Pacific/Chatham" | "Pacific/Easter" | "Pacific/Efate" | "Pacific/Enderbury" | "Pacific/Fakaofo" | "Pacific/Fiji" | "Pacific/Funafuti" | "Pacific/Galapagos" | "Pacific/Gambier" | "Pacific/Guadalcanal" | "Pacific/Guam" | "Pacific/Honolulu" | "Pacific/Kiritimati" | "Pacific/Kosrae" | "Pacific/Kwajalein" | "Pacific/Majuro" | "Pacific/Marquesas" | "Pacific/Midway" | "Pacific/Nauru" | "Pacific/Niue" | "Pacific/Norfolk" | "Pacific/Noumea" | "Pacific/Pago_Pago" | "Pacific/Palau" | "Pacific/Pitcairn" | "Pacific/Ponape" | "Pacific/Port_Moresby" | "Pacific/Rarotonga" | "Pacific/Saipan" | "Pacific/Tahiti" | "Pacific/Tarawa" | "Pacific/Tongatapu" | "Pacific/Truk" | "Pacific/Wake" | "Pacific/Wallis";
            task?: components["schemas"]["TaskTemplate"];
            /**
             * @description skip: a slot makes no task while the previous slot’s task is not finished (counted in skipped.overlap); allow: every slot makes its task.
             * @enum {string}
             */
            overlap?: "skip" | "allow";
            /** @description After downtime, missed slots at most this old each make their task once; older ones are skipped and counted in skipped.missed. */
            catchUpWindowSeconds?: number;
            /** @description Each task runs up to this many seconds after its slot, chosen at random. */
            jitterSeconds?: number;
            startAt?: string | null;
            endAt?: string | null;
        };
    };
    responses: {
        /** @description Unexpected error (5xx); the detail is generic, the correlationId is logged */
        UnexpectedError: {
            headers: {
                "X-Correlation-Id": components["headers"]["XCorrelationId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
        XCorrelationId: string;
        /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
        IdempotencyKey: string;
        /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
        XClientId: string;
    };
    requestBodies: never;
    headers: {
        /** @description The request’s correlation id (the one sent, or a new UUID); quote it when reporting a problem. */
        XCorrelationId: string;
        /** @description The URL of the task, schedule (or, on the admin API, tenant) the request created */
        Location: string;
        /** @description `true` when the response replays an earlier request with the same Idempotency-Key */
        IdempotentReplayed: "true";
        /** @description Seconds to wait before retrying */
        RetryAfter: string;
        /** @description Requests of this class (reads or writes) the bucket holds when full (IETF RateLimit fields draft) */
        RateLimitLimit: string;
        /** @description Requests left in the bucket */
        RateLimitRemaining: string;
        /** @description Seconds until the bucket is full again */
        RateLimitReset: string;
        /** @description The authentication scheme expected */
        WWWAuthenticate: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listTasks: {
        parameters: {
            query?: {
                status?: "PENDING" | "QUEUED" | "RUNNING" | "COMPLETED" | "RETRYING" | "FAILED" | "CANCELLED";
                type?: string;
                priority?: "high" | "medium" | "low";
                clientId?: string;
                scheduleId?: string;
                limit?: number;
                /** @description The previous page’s nextCursor (the id of its last task); the page continues after it. */
                cursor?: string;
            };
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of task summaries */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPage"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    createTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskSubmission"];
            };
        };
        responses: {
            /** @description Accepted: the task, PENDING */
            202: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or payload too large */
            413: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type is not application/json */
            415: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    createTaskBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskBatchSubmission"];
            };
        };
        responses: {
            /** @description Accepted: the tasks, in order */
            202: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskBatch"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or payload too large */
            413: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type is not application/json */
            415: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getTaskResult: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The result */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResult"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    listTaskEvents: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The previous page’s nextCursor (the id of its last event); the page continues after it. */
                cursor?: string;
            };
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskEventPage"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    explainTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The explanation */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskExplanation"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    cancelTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description The task, CANCELLED */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or payload too large */
            413: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type is not application/json */
            415: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    retryTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task, PENDING again */
            202: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    listSchedules: {
        parameters: {
            query?: {
                state?: "active" | "paused" | "finished";
                limit?: number;
                /** @description The previous page’s nextCursor; the page continues after it. */
                cursor?: string;
            };
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of schedules */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchedulePage"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    createSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleSubmission"];
            };
        };
        responses: {
            /** @description Created: the schedule, with its next fire times */
            201: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or payload too large */
            413: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type is not application/json */
            415: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    updateSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleUpdate"];
            };
        };
        responses: {
            /** @description The changed schedule */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or payload too large */
            413: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type is not application/json */
            415: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    pauseSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The paused schedule */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    resumeSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The resumed schedule */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    triggerSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the task made, PENDING */
            202: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        scheduleId: string;
                        /** Format: uuid */
                        taskId: string;
                        /** Format: date-time */
                        scheduledFor: string;
                    };
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    healthz: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every dependency answered */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "degraded" | "error";
                        checks: {
                            [key: string]: "ok" | "error" | "timeout" | "disabled";
                        };
                    };
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency failed (named in checks) */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "degraded" | "error";
                        checks: {
                            [key: string]: "ok" | "error" | "timeout" | "disabled";
                        };
                    };
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getStats: {
        parameters: {
            query?: {
                windowSeconds?: number;
            };
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Statistics */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    listDeadLetters: {
        parameters: {
            query?: {
                fingerprint?: string;
                type?: string;
                limit?: number;
            };
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Dead-letter groups */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetters"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    redriveDeadLetters: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description A label of the calling client: its own rate-limit buckets within the tenant, and, on submissions, stored on the task and filterable. */
                "X-Client-Id"?: components["parameters"]["XClientId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RedriveRequest"];
            };
        };
        responses: {
            /** @description Redrive started */
            202: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedriveResult"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or payload too large */
            413: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type is not application/json */
            415: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format 0.0.4 */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/plain; version=0.0.4": string;
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getOpenapi: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI 3.1 */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getDocs: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML page */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getDocsAsset: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description With gzip, the file is sent gzipped (Content-Encoding: gzip). */
                "Accept-Encoding"?: string;
            };
            path: {
                asset: "taskforge-init.js" | "swagger-ui.css" | "swagger-ui-bundle.js" | "index.css" | "favicon-32x32.png" | "favicon-16x16.png";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getDashboard: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML page */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getDashboardAsset: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description With gzip, the file is sent gzipped (Content-Encoding: gzip). */
                "Accept-Encoding"?: string;
            };
            path: {
                asset: "app.js" | "app.css" | "uPlot.min.css";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    listTenants: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The previous page’s nextCursor (the id of its last tenant); the page continues after it. */
                cursor?: string;
            };
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tenants */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantPage"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description Requests per second of each of the tenant’s buckets; null: DEFAULT_RATE_LIMIT_PER_SECOND. */
                    rateLimitPerSecond?: number | null;
                    /** @description Requests a full bucket holds; null: DEFAULT_RATE_LIMIT_BURST. */
                    rateLimitBurst?: number | null;
                };
            };
        };
        responses: {
            /** @description The tenant, with no keys yet */
            201: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or payload too large */
            413: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type is not application/json */
            415: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    deleteTenant: {
        parameters: {
            query?: {
                /** @description true: delete the tenant even with non-terminal tasks (they are deleted with it). */
                force?: "true" | "false";
            };
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted; its keys stop working within a second */
            204: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    updateTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description Requests per second of each of the tenant’s buckets; null: DEFAULT_RATE_LIMIT_PER_SECOND. */
                    rateLimitPerSecond?: number | null;
                    /** @description Requests a full bucket holds; null: DEFAULT_RATE_LIMIT_BURST. */
                    rateLimitBurst?: number | null;
                };
            };
        };
        responses: {
            /** @description The tenant as changed */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or payload too large */
            413: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type is not application/json */
            415: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The keys (at most 1000) */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    name?: string;
                    /**
                     * Format: date-time
                     * @description When it stops working: in the future, at most ten years ahead, by the server’s clock.
                     */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description The key, with the secret */
            201: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewApiKey"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or payload too large */
            413: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type is not application/json */
            415: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                tenantId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                tenantId: string;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description How long the old key keeps working (default 3600; 0: it stops now). */
                    graceSeconds?: number;
                    /** @description The new key’s name; the old key’s by default. */
                    name?: string;
                };
            };
        };
        responses: {
            /** @description The new key, with the secret */
            201: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewApiKey"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or payload too large */
            413: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type is not application/json */
            415: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    listOperatorTokens: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tokens (at most 1000) */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorTokenList"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    createOperatorToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
                /** @description Makes the request safe to retry: the same key and request return the original response with Idempotent-Replayed: true (for 24 h); the same key with another request is a 422, and while the first is still running a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @description admin: the admin API and everything metrics allows; metrics: GET /metrics.
                     * @enum {string}
                     */
                    scope: "admin" | "metrics";
                    /**
                     * Format: date-time
                     * @description When it stops working: in the future, at most ten years ahead, by the server’s clock.
                     */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description The token, with the secret */
            201: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewOperatorToken"];
                };
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body or payload too large */
            413: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Content-Type is not application/json */
            415: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request */
            422: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
    revokeOperatorToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description Up to 128 printable ASCII characters; echoed, and carried into every log line. */
                "X-Correlation-Id"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: a field, query or path parameter or header is invalid (`field` names it) */
            400: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not allowed (see detail) */
            403: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (another tenant’s task is not found either) */
            404: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state (`taskStatus` gives a task’s; on the admin API the problem `type` names the conflict), or a request with the same Idempotency-Key is still in progress (with `Retry-After`) */
            409: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests: the tenant’s (or X-Client-Id’s) rate limit, or too many failed authentications from this address */
            429: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    /** @description Seconds to wait before retrying */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (the database, or the rate limiter when it fails closed); retry after `Retry-After` */
            503: {
                headers: {
                    "X-Correlation-Id": components["headers"]["XCorrelationId"];
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            default: components["responses"]["UnexpectedError"];
        };
    };
}
