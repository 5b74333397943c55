// The console's only way to the server: /api/v1 with the session's Bearer token.
//
// The token lives in sessionStorage: it survives a reload of the tab, ends with the tab,
// and is never sent by the browser on its own (no cookie), so other sites cannot forge
// requests with it.

import { lang, t } from "./i18n.js";

const SESSION_KEY = "pst.session";
let onSessionEnded = () => {};

export const session = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION_KEY) || "null");
    } catch {
      return null;
    }
  },
  save(value) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
  },
};

/** Called once when the server refuses the session (expired, logged out elsewhere). */
export function whenSessionEnds(callback) {
  onSessionEnded = callback;
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(`HTTP ${status}`);
    this.status = status;
    this.detail = detail;
  }

  get code() {
    const d = Array.isArray(this.detail) ? this.detail[0] : this.detail;
    return d && typeof d === "object" ? d.code : null;
  }
}

/** The error in words, in the console's language: never a bare status code. */
export function describe(error) {
  if (!(error instanceof ApiError)) return t("error.generic");
  if (error.status === 0) return t("error.offline");
  if (error.status === 401) return t("error.session");
  if (error.status === 403) return t("error.forbidden");
  const key = lang() === "en" ? "message_en" : "message_id";
  const items = Array.isArray(error.detail) ? error.detail : [error.detail];
  const words = items
    .filter((d) => d && typeof d === "object")
    .map((d) => d[key] || d.message)
    .filter(Boolean);
  return words.length ? words.join(" ") : t("error.generic");
}

export async function request(method, path, body, { signal, raw = false } = {}) {
  const current = session.get();
  const headers = { "Accept-Language": lang() };
  if (current?.token) headers.Authorization = `Bearer ${current.token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: "no-store",
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    let detail = null;
    try {
      detail = (await response.json()).detail;
    } catch {
      detail = null;
    }
    if (response.status === 401 && current?.token && path !== "/auth/login") onSessionEnded();
    throw new ApiError(response.status, detail);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  return response.json();
}

export const api = {
  get: (path, options) => request("GET", path, undefined, options),
  post: (path, body, options) => request("POST", path, body ?? {}, options),
  put: (path, body, options) => request("PUT", path, body, options),
  patch: (path, body, options) => request("PATCH", path, body, options),
};
