// Requests to the bot's server, each carrying the launch's init data. A refusal
// comes back as an ApiError with the server's text (already in the person's
// language when it is a rule's refusal or "already done by X at T").
import { downloadFile, launch } from "./telegram.js";

export class ApiError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

async function request(method, path, body) {
  const response = await fetch(new URL(`api/${path}`, document.baseURI), {
    method,
    headers: {
      authorization: `tma ${launch?.initData ?? ""}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, data.error ?? "", data);
  return data;
}

export const getMe = () => request("GET", "me");

/** The API of one role: `api.get("employees?status=overdue")` under its grant. */
export function roleApi(grantKey) {
  const base = `g/${grantKey}/`;
  return {
    get: (path) => request("GET", base + path),
    post: (path, body = {}) => request("POST", base + path, body),
    /** A picture of the role's API (a chart) as an object URL for an <img>. */
    async image(path) {
      const response = await fetch(new URL(`api/${base}${path}`, document.baseURI), {
        headers: { authorization: `tma ${launch?.initData ?? ""}` },
      });
      if (!response.ok) throw new ApiError(response.status, "", {});
      return URL.createObjectURL(await response.blob());
    },
    /** Downloads a file route through a short-lived link. */
    async download(path, fileName) {
      const { url } = await request("POST", "link", { path: base + path });
      downloadFile(url, fileName);
    },
  };
}

/** Query string from an object, leaving out empty values. */
export function queryOf(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
