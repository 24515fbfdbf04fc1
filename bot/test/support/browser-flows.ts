import { getPage, parseHtmlForm, submitForm, type PageResult } from "../../../sandbox/identity/test/helpers";

/**
 * What a person does in a browser after clicking a card's button, done with plain fetch:
 * follow redirects, pick who they are on the sandbox's sign-in pages, accept, land on our page.
 */
export async function signInWithMicrosoft(identityUrl: string, link: string, user: string): Promise<PageResult> {
  let page = await getPage(link);
  if (page.status === 302 && page.location) page = await getPage(page.location);
  if (page.status === 200 && page.html.includes('id="pick"')) page = await submitForm(identityUrl, parseHtmlForm(page.html), { user_id: user });
  if (page.status === 200 && page.html.includes('id="consent"')) page = await submitForm(identityUrl, parseHtmlForm(page.html), { decision: "accept" });
  if (page.status === 302 && page.location) page = await getPage(page.location);
  return page;
}

export async function connectWebex(link: string, email: string): Promise<PageResult> {
  const start = await getPage(link);
  if (start.status !== 302 || !start.location) throw new Error(`connect link answered ${start.status}`);
  const authorize = await getPage(start.location);
  const action = /<form method="post" action="([^"]+)"/.exec(authorize.html)?.[1];
  if (!action) throw new Error(`no form on Webex's authorize page (${authorize.status})`);
  const form = new URLSearchParams();
  for (const m of authorize.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1]!, unescapeHtml(m[2]!));
  form.set("email", email);
  form.set("decision", "accept");
  const decided = await fetch(new URL(unescapeHtml(action), start.location), { method: "POST", body: form, redirect: "manual" });
  const back = decided.headers.get("location");
  if (decided.status !== 302 || !back) throw new Error(`Webex decision answered ${decided.status}`);
  return getPage(back);
}

function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!);
}
