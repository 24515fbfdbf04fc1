import { z } from "zod";
import { mailboxKey, mailboxOwner } from "../access";
import { jsonBody } from "../body";
import { GraphError } from "../errors";
import type { GraphEnv } from "../env";
import { PERMISSIONS } from "../permissions";
import type { RouteTable } from "../route-table";
import type { RouteContext } from "../types";
import type { TenantUser } from "../../tenant";
import { dateTimeTimeZone, toInstant } from "./datetime";
import { parsePrefer, preferenceHeaders } from "./query";
import { windowsZoneName } from "./timezones";

/** `POST /users/{id}/calendar/getSchedule` (and `/me/…`): free/busy for up to 100 addresses. */

const Body = z.object({
  schedules: z.array(z.string()).min(1).max(100),
  startTime: z.object({ dateTime: z.string(), timeZone: z.string() }),
  endTime: z.object({ dateTime: z.string(), timeZone: z.string() }),
  availabilityViewInterval: z.number().int().min(5).max(1440).optional(),
});

// Which state wins when several items overlap one slot, and its digit in availabilityView.
const STATUS: Record<string, { rank: number; digit: string }> = {
  free: { rank: 0, digit: "0" },
  workingElsewhere: { rank: 1, digit: "4" },
  tentative: { rank: 2, digit: "1" },
  busy: { rank: 3, digit: "2" },
  oof: { rank: 4, digit: "3" },
};

const invalid = (message: string): GraphError => new GraphError(400, "ErrorInvalidParameter", message);

export function registerSchedule(table: RouteTable, env: GraphEnv): void {
  const byAddress = (address: string): TenantUser | undefined => {
    const a = address.trim().toLowerCase();
    return env.tenant.users.find(
      (u) => u.mail?.toLowerCase() === a || u.userPrincipalName.toLowerCase() === a || u.proxyAddresses.some((p) => p.toLowerCase() === `smtp:${a}`),
    );
  };

  const handler = (c: RouteContext) => {
    mailboxOwner(env, c, PERMISSIONS.getSchedule);
    const parsed = Body.safeParse(jsonBody(c.req));
    if (!parsed.success) throw invalid(`Invalid getSchedule request: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    const body = parsed.data;
    const from = toInstant(body.startTime.dateTime, body.startTime.timeZone);
    const to = toInstant(body.endTime.dateTime, body.endTime.timeZone);
    if (from === undefined || to === undefined) throw invalid("startTime and endTime must be valid dateTimeTimeZone values.");
    if (to <= from) throw invalid("endTime must be after startTime.");
    if (to - from > 62 * 86_400_000) throw invalid("The requested time duration exceeds the maximum of 62 days.");
    const interval = (body.availabilityViewInterval ?? 30) * 60_000;
    const prefs = parsePrefer(c.req);

    const value = body.schedules.map((address) => {
      const user = byAddress(address);
      if (!user) {
        return { scheduleId: address, availabilityView: "", scheduleItems: [], error: { message: `The mailbox '${address}' could not be found.`, responseCode: "ErrorMailRecipientNotFound" } };
      }
      const items = env.events.calendarView(user.id, from, to).filter((v) => !v.data.isCancelled && v.data.showAs !== "free");
      let view = "";
      for (let t = from; t < to; t += interval) {
        let best = STATUS["free"]!;
        for (const v of items) {
          if (v.data.startMs < t + interval && v.data.endMs > t) {
            const s = STATUS[v.data.showAs] ?? STATUS["busy"]!;
            if (s.rank > best.rank) best = s;
          }
        }
        view += best.digit;
      }
      return {
        scheduleId: address,
        availabilityView: view,
        scheduleItems: items.map((v) => ({
          isPrivate: v.data.sensitivity === "private",
          status: v.data.showAs,
          subject: v.data.subject,
          location: v.data.location.displayName,
          isMeeting: v.data.attendees.length > 0,
          isRecurring: v.type !== "singleInstance",
          isException: v.type === "exception",
          isReminderSet: v.data.isReminderOn,
          start: dateTimeTimeZone(v.data.startMs, prefs.zone),
          end: dateTimeTimeZone(v.data.endMs, prefs.zone),
        })),
        workingHours: {
          daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
          startTime: "08:00:00.0000000",
          endTime: "17:00:00.0000000",
          timeZone: { name: windowsZoneName(user.timeZone) },
        },
      };
    });
    return {
      status: 200,
      headers: preferenceHeaders(prefs),
      body: { "@odata.context": `${c.req.origin}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`, value },
    };
  };

  const mailbox = mailboxKey(env);
  table.add("POST", "/users/:userId/calendar/getSchedule", handler, mailbox);
  table.add("POST", "/me/calendar/getSchedule", handler, mailbox);
}
