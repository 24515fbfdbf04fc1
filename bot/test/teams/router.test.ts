import { DEFAULT_COMMANDS } from "../../src/teams/bot";
import { routeCommand } from "../../src/teams/commands/router";

const route = (text: string) => {
  const r = routeCommand(DEFAULT_COMMANDS, text);
  return r ? { name: r.command.name, args: r.args } : undefined;
};

describe("reading which command a message asks for", () => {
  it("reads the command word and keeps the rest as its arguments", () => {
    expect(route("schedule Design review tomorrow 3pm")).toEqual({ name: "schedule", args: "Design review tomorrow 3pm" });
  });

  it("accepts the translated command titles Teams sends from the localised command menu", () => {
    expect(route("koppla från")?.name).toBe("disconnect");
    expect(route("vem är jag")?.name).toBe("whoami");
    expect(route("今後の予定")?.name).toBe("upcoming");
    expect(route("bağlantıyı kes")?.name).toBe("disconnect");
    expect(route("Hjälp")?.name).toBe("help");
  });

  it("never mistakes disconnect for connect, nor a longer word for a command", () => {
    expect(route("disconnect")?.name).toBe("disconnect");
    expect(route("connection problems")).toBeUndefined();
    expect(route("cancelled?")).toBeUndefined();
  });

  it("lets Japanese commands run straight into the text, as Japanese has no spaces", () => {
    expect(route("予約明日15時")).toEqual({ name: "schedule", args: "明日15時" });
  });

  it("finds nothing in an empty message", () => {
    expect(route("   ")).toBeUndefined();
  });
});
