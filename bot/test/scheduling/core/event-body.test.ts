import { renderEventBody } from "../../../src/scheduling/event-body";
import { BODY_STRINGS, bodyLanguageOf } from "../../../src/scheduling/event-body-strings";
import type { CreatedMeeting } from "../../../src/scheduling/types";

const meeting: CreatedMeeting = {
  id: "0123456789abcdef0123456789abcdef",
  meetingNumber: "2650 123 4567",
  webLink: "https://contoso.webex.com/contoso/j.php?MTID=m0123&x=1",
  sipAddress: "26501234567@contoso.webex.com",
  password: "Xy7pQ",
  callInNumbers: [{ label: "Sweden Toll", number: "+46 8 1234 5678" }],
  accessCode: "2650 123 4567",
};

describe("the calendar event body", () => {
  test("carries the join link, meeting number, password, video address and dial-in", () => {
    const html = renderEventBody(meeting, { locale: "en-US" });
    expect(html).toContain('href="https://contoso.webex.com/contoso/j.php?MTID=m0123&amp;x=1"');
    expect(html).toContain("Meeting number</b>: 2650 123 4567");
    expect(html).toContain("Password</b>: Xy7pQ");
    expect(html).toContain("26501234567@contoso.webex.com");
    expect(html).toContain('Sweden Toll: <a href="tel:+46812345678,,26501234567%23">+46 8 1234 5678</a>');
    expect(html).toContain("Access code</b>: 2650 123 4567");
  });

  test("is written in the organizer's language", () => {
    expect(renderEventBody(meeting, { locale: "sv-SE" })).toContain("Mötesnummer");
    expect(renderEventBody(meeting, { locale: "ja-JP" })).toContain("会議番号");
    expect(renderEventBody(meeting, { locale: "tr-TR" })).toContain("Toplantı numarası");
    expect(renderEventBody(meeting, { locale: "de-DE" })).toContain("Meeting number");
    expect(bodyLanguageOf("constructor")).toBe("en");
  });

  test("has every phrase in every language", () => {
    const keys = Object.keys(BODY_STRINGS.en).sort();
    for (const strings of Object.values(BODY_STRINGS)) {
      expect(Object.keys(strings).sort()).toEqual(keys);
      for (const text of Object.values(strings)) expect(text.trim()).not.toBe("");
    }
  });

  test("escapes every value, so nothing from Webex or the user becomes markup", () => {
    const hostile: CreatedMeeting = {
      id: "x",
      meetingNumber: "<script>alert(1)</script>",
      webLink: "javascript:alert(1)",
      sipAddress: '"><img src=x onerror=alert(1)>',
      password: "a&b<c>'d\"",
      callInNumbers: [{ label: "<b>Toll</b>", number: "+1 <555>" }],
      accessCode: "<i>1</i>",
    };
    const html = renderEventBody(hostile, { locale: "en", agenda: "Plan <b>Q1</b>\n& more" });
    expect(html).not.toMatch(/<script|<img|<i>|<b>Toll|javascript:alert\(1\)"/);
    expect(html).not.toContain('href="javascript');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("a&amp;b&lt;c&gt;&#39;d&quot;");
    expect(html).toContain("Plan &lt;b&gt;Q1&lt;/b&gt;<br>&amp; more");
    expect(html).toContain("&lt;b&gt;Toll&lt;/b&gt;");
  });

  test("leaves out what Webex did not provide", () => {
    const html = renderEventBody({ id: "m", meetingNumber: "123", webLink: "https://x.webex.com/j" }, { locale: "en" });
    expect(html).not.toContain("Password");
    expect(html).not.toContain("Join by phone");
    expect(html).not.toContain("video system");
  });
});
