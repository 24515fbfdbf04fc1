/**
 * The HTML body of the Outlook event: how to join the Webex meeting (link, number, password,
 * video address, dial-in) in the organizer's language. Everything that came from outside — Webex's
 * answer, the user's agenda — is HTML-escaped, and only http(s) links become hrefs, so a hostile
 * value can neither break the markup nor smuggle a script: URL into every invitee's calendar.
 */
import { BODY_STRINGS, bodyLanguageOf, type BodyStrings } from "./event-body-strings";
import type { CreatedMeeting } from "./types";

export interface EventBodyOptions {
  /** The draft's locale, e.g. "sv-SE". */
  locale: string;
  /** The user's agenda, shown above the join details (plain text; line breaks kept). */
  agenda?: string;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The URL itself when it is absolute http(s), else undefined (rendered as text, not a link). */
function safeHttpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    // Not a URL at all: shown as text.
    return undefined;
  }
}

/** tel: URI for one-tap dial-in: digits and a leading +, then the access code after pauses. */
function telHref(number: string, accessCode: string | undefined): string | undefined {
  const digits = number.replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");
  if (!/\d/.test(digits)) return undefined;
  const code = (accessCode ?? "").replace(/\D/g, "");
  return code === "" ? `tel:${digits}` : `tel:${digits},,${code}%23`;
}

const row = (label: string, valueHtml: string): string => `<p><b>${escapeHtml(label)}</b>: ${valueHtml}</p>`;

function joinLink(s: BodyStrings, webLink: string): string {
  const href = safeHttpUrl(webLink);
  if (href === undefined) return `<p>${escapeHtml(webLink)}</p>`;
  return `<p><a href="${escapeHtml(href)}">${escapeHtml(s.joinButton)}</a><br>${escapeHtml(webLink)}</p>`;
}

function dialIn(s: BodyStrings, meeting: CreatedMeeting): string[] {
  const numbers = meeting.callInNumbers ?? [];
  if (numbers.length === 0 && !meeting.accessCode) return [];
  const items = numbers.map(({ label, number }) => {
    const href = telHref(number, meeting.accessCode);
    const shown = escapeHtml(number);
    const linked = href === undefined ? shown : `<a href="${escapeHtml(href)}">${shown}</a>`;
    return `<li>${label.trim() === "" ? "" : `${escapeHtml(label)}: `}${linked}</li>`;
  });
  const out = [`<p><b>${escapeHtml(s.dialIn)}</b></p>`];
  if (items.length > 0) out.push(`<ul>${items.join("")}</ul>`);
  if (meeting.accessCode) out.push(row(s.accessCode, escapeHtml(meeting.accessCode)));
  return out;
}

export function renderEventBody(meeting: CreatedMeeting, options: EventBodyOptions): string {
  const lang = bodyLanguageOf(options.locale);
  const s = BODY_STRINGS[lang];
  const parts: string[] = [];
  const agenda = options.agenda?.trim() ?? "";
  if (agenda !== "") {
    parts.push(`<p><b>${escapeHtml(s.agenda)}</b></p>`, `<p>${escapeHtml(agenda).replace(/\r?\n/g, "<br>")}</p>`, "<hr>");
  }
  parts.push(`<h3>${escapeHtml(s.heading)}</h3>`, joinLink(s, meeting.webLink));
  parts.push(row(s.meetingNumber, escapeHtml(meeting.meetingNumber)));
  if (meeting.password) parts.push(row(s.password, escapeHtml(meeting.password)));
  if (meeting.sipAddress) parts.push(row(s.videoAddress, escapeHtml(meeting.sipAddress)));
  parts.push(...dialIn(s, meeting));
  parts.push(`<p><small>${escapeHtml(s.footer)}</small></p>`);
  return `<div lang="${lang}">${parts.join("\n")}</div>`;
}
