import type { ServerResponse } from "node:http";
import { sendText } from "../common/http";

/**
 * Minimal, dependency-free HTML for the sign-in, consent and admin-consent pages. Plain forms
 * (no script) so tests can drive them with fetch: read the form, post it back.
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:Segoe UI,system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}.banner{background:#fff4ce;padding:.5rem;border-radius:4px;font-size:.85rem}
label{display:block;padding:.4rem;border:1px solid #ddd;border-radius:4px;margin:.3rem 0}
button{padding:.5rem 1.2rem;margin:.5rem .5rem 0 0}.error{color:#a80000}code{font-size:.8rem}</style></head>
<body><p class="banner">Sandbox sign-in — emulated Microsoft Entra ID, local only.</p>
${body}
</body></html>`;
}

export function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("\n");
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  sendText(res, status, html, "text/html; charset=utf-8", { "cache-control": "no-store", "x-frame-options": "DENY" });
}

/** An error page the user sees (no redirect: Entra does not redirect to an unverified reply URL). */
export function sendErrorPage(res: ServerResponse, status: number, code: number, message: string): void {
  sendHtml(
    res,
    status,
    page("Sign in — error", `<h1>Sorry, but we're having trouble signing you in.</h1>\n<p class="error" id="error">AADSTS${code}: ${escapeHtml(message)}</p>`),
  );
}

/** Sends the browser back to the app: a 302 for query/fragment modes, an auto-posting form for form_post. */
export function sendRedirect(res: ServerResponse, redirectUri: string, params: Record<string, string>, mode: "query" | "fragment" | "form_post"): void {
  if (mode === "form_post") {
    sendHtml(
      res,
      200,
      page("Working…", `<form method="post" action="${escapeHtml(redirectUri)}" id="response">\n${hidden(params)}\n<button type="submit">Continue</button></form>`),
    );
    return;
  }
  const url = new URL(redirectUri);
  const qs = new URLSearchParams(params).toString();
  const location = mode === "fragment" ? `${url.toString().split("#")[0]}#${qs}` : appendQuery(url, params);
  res.writeHead(302, { location, "cache-control": "no-store" });
  res.end();
}

function appendQuery(url: URL, params: Record<string, string>): string {
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
