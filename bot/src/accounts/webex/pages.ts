import { languageOf, type Language } from "../../teams/i18n";

/**
 * The small HTML pages the Webex OAuth callback answers with, in the app's four languages. They
 * are shown in the browser tab Teams opened for the connect link, so each one says what happened
 * and what to do next; none of them carries a token or a code.
 */

type PageKey =
  | "connectedTitle"
  | "connectedBody"
  | "cancelledTitle"
  | "cancelledBody"
  | "retry"
  | "invalidTitle"
  | "invalidBody"
  | "failedTitle"
  | "failedBody";

const STRINGS: Record<Language, Record<PageKey, string>> = {
  en: {
    connectedTitle: "Webex is connected",
    connectedBody: "Webex is connected. Return to Teams.",
    cancelledTitle: "Webex was not connected",
    cancelledBody: "The connection to Webex was cancelled, so nothing was stored. You can try again whenever you like.",
    retry: "Connect Webex again",
    invalidTitle: "This link no longer works",
    invalidBody: "This connect link has expired or was already used. Go back to Teams and ask for a new one (type connect).",
    failedTitle: "Webex could not be connected",
    failedBody: "Webex did not complete the connection. Please try again; if it keeps failing, tell your admin.",
  },
  sv: {
    connectedTitle: "Webex är anslutet",
    connectedBody: "Webex är anslutet. Gå tillbaka till Teams.",
    cancelledTitle: "Webex anslöts inte",
    cancelledBody: "Anslutningen till Webex avbröts, så inget har sparats. Du kan försöka igen när du vill.",
    retry: "Anslut Webex igen",
    invalidTitle: "Länken fungerar inte längre",
    invalidBody: "Anslutningslänken har gått ut eller redan använts. Gå tillbaka till Teams och be om en ny (skriv connect).",
    failedTitle: "Webex kunde inte anslutas",
    failedBody: "Webex slutförde inte anslutningen. Försök igen; om det fortsätter att misslyckas, kontakta din administratör.",
  },
  ja: {
    connectedTitle: "Webex に接続しました",
    connectedBody: "Webex に接続しました。Teams に戻ってください。",
    cancelledTitle: "Webex に接続されませんでした",
    cancelledBody: "Webex への接続がキャンセルされたため、何も保存されていません。いつでもやり直せます。",
    retry: "もう一度 Webex に接続する",
    invalidTitle: "このリンクは使用できません",
    invalidBody: "この接続リンクは期限切れか、すでに使用されています。Teams に戻って新しいリンクを取得してください（connect と入力）。",
    failedTitle: "Webex に接続できませんでした",
    failedBody: "Webex で接続が完了しませんでした。もう一度お試しください。問題が続く場合は管理者に連絡してください。",
  },
  tr: {
    connectedTitle: "Webex bağlandı",
    connectedBody: "Webex bağlandı. Teams'e geri dönün.",
    cancelledTitle: "Webex bağlanmadı",
    cancelledBody: "Webex bağlantısı iptal edildi, bu yüzden hiçbir şey kaydedilmedi. İstediğiniz zaman yeniden deneyebilirsiniz.",
    retry: "Webex'i yeniden bağla",
    invalidTitle: "Bu bağlantı artık çalışmıyor",
    invalidBody: "Bu bağlanma bağlantısının süresi dolmuş veya zaten kullanılmış. Teams'e dönün ve yenisini isteyin (connect yazın).",
    failedTitle: "Webex bağlanamadı",
    failedBody: "Webex bağlantıyı tamamlamadı. Lütfen yeniden deneyin; sorun devam ederse yöneticinize bildirin.",
  },
};

export type PageKind = "connected" | "cancelled" | "invalid" | "failed";

export interface Page {
  status: number;
  html: string;
}

const STATUS: Record<PageKind, number> = { connected: 200, cancelled: 200, invalid: 400, failed: 502 };

/** `retryUrl`: a fresh connect link, offered on the cancelled and failed pages. */
export function renderPage(kind: PageKind, locale: string | undefined, retryUrl?: string): Page {
  const language = languageOf(locale);
  const t = STRINGS[language];
  const title = t[`${kind}Title`];
  const retry = retryUrl === undefined ? "" : `<p><a href="${escapeHtml(retryUrl)}">${escapeHtml(t.retry)}</a></p>`;
  const html = `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#242424}h1{font-size:1.4rem}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t[`${kind}Body`])}</p>${retry}</body></html>`;
  return { status: STATUS[kind], html };
}

/** The first language of an Accept-Language header, for pages shown before we know the user. */
export function localeFromAcceptLanguage(header: string | undefined): string | undefined {
  return header?.split(",")[0]?.split(";")[0]?.trim() || undefined;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
