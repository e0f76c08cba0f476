/**
 * The dashboard's calls to the API. Credentials live in sessionStorage (this tab only, gone when
 * it closes) and travel as headers, never in a URL: `X-API-Key` for the tenant's routes,
 * `Authorization: Bearer` for the operator's.
 */

export interface Credentials {
  apiKey?: string;
  operatorToken?: string;
}

const STORAGE_KEY = 'taskforge.credentials';

export function loadCredentials(): Credentials | null {
  const text = sessionStorage.getItem(STORAGE_KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as Credentials;
  } catch {
    return null;
  }
}

export function saveCredentials(credentials: Credentials | null): void {
  if (credentials) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
  else sessionStorage.removeItem(STORAGE_KEY);
}

/** A problem+json answer (or a network failure) as an error with the server's words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Which credential the route takes (default: the API key). */
  as?: 'tenant' | 'operator' | 'both';
}

export async function request<T>(
  credentials: Credentials,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const as = options.as ?? 'tenant';
  if ((as === 'tenant' || as === 'both') && credentials.apiKey) headers['x-api-key'] = credentials.apiKey;
  if ((as === 'operator' || as === 'both') && credentials.operatorToken)
    headers.authorization = `Bearer ${credentials.operatorToken}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(0, `The API could not be reached (${(err as Error).message})`);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const problem = (body ?? {}) as { title?: string; detail?: string };
    throw new ApiError(
      res.status,
      `${problem.title ?? `HTTP ${res.status}`}: ${problem.detail ?? ''}`.trim(),
    );
  }
  return body as T;
}
