import { useEffect, useState } from "react";
import type { TabContext } from "./teams";

/**
 * Pages of the tab, addressed by the URL hash: #/personal, #/channel (the configurable
 * tab, in a channel or a group chat), #/config.
 */
export type Route = "personal" | "channel" | "config";

export function parseRoute(hash: string): Route | undefined {
  const path = hash.replace(/^#\/?/, "").split(/[?/]/)[0];
  return path === "personal" || path === "channel" || path === "config" ? path : undefined;
}

/** Where to go when the hash names no page: follow what Teams says we are. */
export function defaultRoute(context: Pick<TabContext, "frameContext" | "channel" | "chat">): Route {
  if (context.frameContext === "settings") return "config";
  // The configurable tab (channel or group chat) is the "channel" page.
  return context.channel || context.chat ? "channel" : "personal";
}

/** The current hash route, updated on `hashchange`. */
export function useHashRoute(): Route | undefined {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
