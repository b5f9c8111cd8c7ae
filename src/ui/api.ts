/** The UI's API client: JSON in and out, errors as `ApiError` with the server's message. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'sitrep-token';

export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    throw new ApiError(res.status, `HTTP ${res.status}`);
  }
  if (!res.ok) {
    const e = (data as { error?: { message?: string } }).error;
    throw new ApiError(res.status, e?.message ?? `HTTP ${res.status}`);
  }
  return data as T;
}

export const get = <T>(path: string, params: Record<string, string | number | undefined> = {}) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const qs = p.toString();
  return call<T>('GET', qs ? `${path}?${qs}` : path);
};

export const post = <T>(path: string, body: unknown) => call<T>('POST', path, body);

/**
 * Save what a GET answers as a file (an export): fetched with the token like every call, then handed
 * to the browser as a download named `filename`.
 */
export async function download(
  path: string,
  params: Record<string, string | number | undefined>,
  filename: string,
): Promise<void> {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const headers: Record<string, string> = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${path}?${p}`, { headers });
  if (!res.ok) {
    const e = ((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error;
    throw new ApiError(res.status, e?.message ?? `HTTP ${res.status}`);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
