// A stand-in for the Teams client, enough for @microsoft/teams-js 2.x to initialise.
//
// The wire protocol (teams-js src/internal/communication.ts and messageObjects.ts):
// - the app posts requests to window.parent: { id, uuidAsString, func, args, timestamp,
//   apiVersionTag, ... }.
// - the host answers a request with { id, uuidAsString, args } — the same id/uuid, and
//   args shaped per call (below).
// - the host pushes events as { func, args } with no id (themeChange, settings.save, …).
// - teams-js accepts messages from its own origin without consulting its allow-list, so
//   serve this page and the tab from one origin.
"use strict";

(function () {
  const params = new URLSearchParams(window.location.search);
  const pageHash = params.get("page") || "#/personal";
  const frameContext = params.get("frame") || "content";
  const surface =
    params.get("surface") ||
    (frameContext === "settings" || pageHash.startsWith("#/channel") || pageHash.startsWith("#/config") ? "channel" : "personal");
  const answer = params.get("answer") !== "none";
  const token = params.get("token");

  // The demo tenant (sandbox/tenant.ts): Aiko Tanaka in the Product Launch team.
  const context = {
    locale: params.get("locale") || "en-US",
    theme: params.get("theme") || "default",
    frameContext,
    hostClientType: "web",
    hostName: "Teams",
    entityId: surface === "personal" ? "webex-scheduler-personal" : "webex-scheduler-channel",
    appSessionId: "00000000-aaaa-4000-8000-000000000001",
    sessionId: "00000000-bbbb-4000-8000-000000000001",
    userObjectId: "00000000-0000-4000-8000-000000000001",
    userDisplayName: "Aiko Tanaka",
    userPrincipalName: "aiko.tanaka@contoso.com",
    loginHint: "aiko.tanaka@contoso.com",
    tid: "8c3dd6a1-7f1e-4b2a-9d55-5e0c7a1b2c3d",
    ...(surface === "channel"
      ? {
          teamId: "19:general-product-launch@thread.tacv2",
          teamName: "Product Launch",
          groupId: "10000000-0000-4000-8000-000000000001",
          channelId: "19:general-product-launch@thread.tacv2",
          channelName: "General",
          channelType: "Regular",
        }
      : {}),
    ...(surface === "chat" ? { chatId: "19:meeting-prep-chat@thread.v2" } : {}),
  };

  // What this host can do (teams-js public/runtime.ts, apiVersion 4). Capabilities not
  // listed make the matching isSupported() false, as in a real client without them.
  const runtime = {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    supports: {
      appEntity: {},
      pages: { config: {}, backStack: {}, tabs: {} },
      teams: { fullTrust: {} },
      teamsCore: {},
    },
  };

  const frame = document.getElementById("tab");
  const themeSelect = document.getElementById("theme");
  const saveButton = document.getElementById("save");
  const status = document.getElementById("status");

  /** Every request the tab sent, in order: { func, args }. Tests read this. */
  const received = [];
  let savedSettings = null;

  function post(message) {
    frame.contentWindow.postMessage(message, window.location.origin);
  }
  function reply(request, args) {
    post({ id: request.id, uuidAsString: request.uuidAsString, args });
  }

  // Answers by function name. Returning undefined means "no answer" (one-way messages).
  const handlers = {
    initialize: () => [frameContext, context.hostClientType, JSON.stringify(runtime), "2.58.0"],
    getContext: () => [context],
    "settings.setValidityState": () => undefined,
    "settings.setSettings": (args) => {
      savedSettings = args[0] || null;
      return [true];
    },
    "settings.getSettings": () => [savedSettings],
    "authentication.getAuthToken": () => (token ? [true, token] : [false, "The harness has no SSO token (add ?token=…)"]),
  };

  window.addEventListener("message", (event) => {
    if (event.source !== frame.contentWindow || !event.data || typeof event.data.func !== "string") return;
    const request = event.data;
    received.push({ func: request.func, args: request.args });
    status.textContent = `${received.length} messages · last: ${request.func}`;
    if (!answer) return;
    const handler = handlers[request.func];
    const args = handler ? handler(request.args || []) : undefined;
    if (args !== undefined) reply(request, args);
  });

  function setTheme(theme) {
    context.theme = theme;
    themeSelect.value = theme;
    post({ func: "themeChange", args: [theme] });
  }
  /** Plays the user pressing Save in the add-a-tab dialog. */
  function save() {
    post({ func: "settings.save", args: [{}] });
  }

  themeSelect.value = context.theme;
  themeSelect.addEventListener("change", () => setTheme(themeSelect.value));
  saveButton.hidden = frameContext !== "settings";
  saveButton.addEventListener("click", save);

  window.teamsHost = {
    received,
    setTheme,
    save,
    get savedSettings() {
      return savedSettings;
    },
  };

  frame.src = `/tab/index.html${pageHash}`;
})();
