/** The public REST API (docs/SPEC.md section 3), called with the signed-in token; nothing else. */
const TOKEN_KEY = 'indaga.token';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
  get fieldErrors(): FieldError[] {
    return Array.isArray(this.details) ? (this.details as FieldError[]) : [];
  }
}

// The token lives in sessionStorage only: it dies with the tab, never enters a URL or a log.
export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string): void => sessionStorage.setItem(TOKEN_KEY, value),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

let onUnauthorized: () => void = () => undefined;
export const whenUnauthorized = (fn: () => void): void => {
  onUnauthorized = fn;
};

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  idempotencyKey?: string;
  /** Answer undefined instead of throwing on 404 or 403 (a view the server lacks, or not for this role). */
  optional?: boolean;
  /** The sign-in check itself: a 401 is its answer, not a reason to sign out. */
  signingIn?: boolean;
}

export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const response = await request(path, options);
  // An optional view the server does not offer, or not to this role: shown as absent, not as an error.
  if ((response.status === 404 || response.status === 403) && options.optional) return undefined as T;
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw failure(response.status, body);
  return body as T;
}

/** Raw response (downloads). */
export async function request(path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const secret = token.get();
  if (secret) headers.authorization = `Bearer ${secret}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 401 && secret && !options.signingIn) onUnauthorized();
  return response;
}

export async function failureOf(response: Response): Promise<ApiFailure> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return failure(response.status, body);
}

function failure(status: number, body: unknown): ApiFailure {
  const b = (body ?? {}) as { code?: string; message?: string; details?: unknown };
  return new ApiFailure(status, b.code ?? `HTTP.${status}`, b.message ?? '', b.details);
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; a LAN address over http is not one). */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

let paths: Promise<Set<string>> | undefined;
// `/v1/networks/{id}/signals` and `/v1/networks/{networkId}/signals` are the same endpoint.
const shape = (path: string): string => path.replace(/\{[^}]+\}/g, '{}');
/**
 * Which endpoints this server offers, from its OpenAPI document: analyses and
 * exports (SPEC 5) may not exist on every server, and their pages hide then.
 */
export function offered(path: string): Promise<boolean> {
  paths ??= fetch('/docs-json')
    .then((r) => (r.ok ? r.json() : { paths: {} }))
    .then((doc: { paths?: Record<string, unknown> }) => new Set(Object.keys(doc.paths ?? {}).map(shape)))
    .catch(() => new Set<string>());
  return paths.then((set) => set.has(shape(path)));
}
