/** The API's shapes the dashboard reads (the generated client's, without its runtime). */
import type { components } from '../../client/openapi-types.ts';

type Schemas = components['schemas'];
export type Task = Schemas['Task'];
export type TaskPage = Schemas['TaskPage'];
export type TaskEventPage = Schemas['TaskEventPage'];
export type Explanation = Schemas['TaskExplanation'];
export type Stats = Schemas['Stats'];
export type DeadLetters = Schemas['DeadLetters'];
export type Tenant = Schemas['Tenant'];
export type TenantPage = Schemas['TenantPage'];
export type ApiKeyList = Schemas['ApiKeyList'];
export type NewApiKey = Schemas['NewApiKey'];
export type Schedule = Schemas['Schedule'];
export type SchedulePage = Schemas['SchedulePage'];
