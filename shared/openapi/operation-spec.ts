/**
 * The shape of a route's documentation (`operations.ts`, `admin-operations.ts`), which the
 * document builder (`openapi-operation.ts`) turns into an OpenAPI operation.
 */
import type * as z from 'zod';

export interface HeaderParam {
  name: string;
  description: string;
  schema: z.ZodType;
}

export interface ResponseSpec {
  description: string;
  /** A named component (from `schemas`) or an inline zod schema; absent for no body. */
  body?: { component: string } | { schema: z.ZodType } | { raw: Record<string, unknown> };
  contentType?: string;
  /** Response headers besides X-Correlation-Id (which every response carries). */
  headers?: string[];
}

export interface OperationSpec {
  summary: string;
  description?: string;
  tag: 'Tasks' | 'Schedules' | 'Operations' | 'Admin' | 'Meta';
  path?: z.ZodObject;
  query?: z.ZodObject;
  /** Headers this route reads besides those every route of its kind takes. */
  headers?: HeaderParam[];
  /**
   * The request body: a zod schema, or one of the document's own components (the submissions,
   * whose per-type `oneOf` the builder assembles from the same field schemas the validator uses).
   */
  body?: {
    schema:
      | z.ZodType
      | {
          component:
            | 'TaskSubmission'
            | 'TaskBatchSubmission'
            | 'RedriveRequest'
            | 'ScheduleSubmission'
            | 'ScheduleUpdate';
        };
    required: boolean;
  };
  /** Success responses. */
  responses: Record<number, ResponseSpec>;
  /** Error statuses of this route beyond those its kind shares, answered as problem+json. */
  problems: number[];
}
