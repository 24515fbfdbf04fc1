import type { Request, Response } from "restify";
import { languageOf, type Language } from "../../teams/i18n";
import { PAGE_STRINGS, type PageStrings } from "./page-strings";

/**
 * The small HTML pages a browser sees at the end of a sign-in or admin consent. Every value put
 * into a page is escaped; the pages carry no script, load nothing, and send no Referer (the
 * callback URL holds the authorization code).
 */

export interface Page {
  status: number;
  title: string;
  /** Plain text; escaped when rendered. */
  body: string;
  link?: { href: string; label: string };
}

export function stringsFor(language: Language): PageStrings {
  return PAGE_STRINGS[language];
}

/** The browser's first Accept-Language tag, for pages reached without a sign-in state. */
export function languageOfRequest(req: Request): Language {
  const header = req.headers["accept-language"];
  const first = typeof header === "string" ? header.split(",")[0]?.split(";")[0]?.trim() : undefined;
  return languageOf(first);
}

/** `{name}` placeholders filled in; the result is still plain text. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}

export function sendPage(res: Response, language: Language, page: Page): void {
  const link = page.link ? `\n<p><a href="${escapeHtml(page.link.href)}">${escapeHtml(page.link.label)}</a></p>` : "";
  const html = `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#242424}h1{font-size:1.4rem}a{color:#5b5fc7}</style></head>
<body><h1>${escapeHtml(page.title)}</h1>
<p id="message">${escapeHtml(page.body)}</p>${link}
</body></html>
`;
  res.writeHead(page.status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
  });
  res.end(html);
}

export function sendRedirect(res: Response, location: string): void {
  res.writeHead(302, { location, "cache-control": "no-store", "referrer-policy": "no-referrer" });
  res.end();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
