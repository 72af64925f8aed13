/**
 * iCalendar files for meetings: a stable UID per meeting, SEQUENCE from the meeting,
 * times as Europe/Stockholm wall time with the zone's VTIMEZONE, METHOD by purpose
 * (PUBLISH for downloads and feeds, REQUEST for invitations, CANCEL for cancellations).
 */
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { TIME_ZONE } from "./format";

export interface CalendarMeeting {
  id: string;
  title: string;
  description: string;
  place: string;
  onlineLink: string;
  startsAt: Date;
  endsAt: Date;
  icsSequence: number;
  cancelled: boolean;
  url: string;
  networkName: string;
}

export type CalendarMethod = "PUBLISH" | "REQUEST" | "CANCEL";

const wallTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** "2026-12-01T10:00:00": the instant as a clock in Stockholm shows it. */
function stockholm(instant: Date): string {
  return wallTime.format(instant).replace(" ", "T");
}

export function meetingUid(id: string): string {
  return `${id}@natverksportalen`;
}

export function buildCalendar(meetings: CalendarMeeting[], method: CalendarMethod, now = new Date()): string {
  const calendar = ical({
    name: "Nätverksportalen",
    prodId: { company: "Länsstyrelsen Östergötland", product: "Nätverksportalen", language: "SV" },
    method: ICalCalendarMethod[method],
    timezone: { name: TIME_ZONE, generator: getVtimezoneComponent },
  });
  for (const m of meetings) {
    const location = [m.place, m.onlineLink].filter(Boolean).join(" · ");
    calendar.createEvent({
      id: meetingUid(m.id),
      sequence: m.icsSequence,
      start: stockholm(m.startsAt),
      end: stockholm(m.endsAt),
      timezone: TIME_ZONE,
      summary: m.title,
      description: [m.description, m.onlineLink ? `Länk: ${m.onlineLink}` : "", m.url].filter(Boolean).join("\n\n"),
      location: location || undefined,
      url: m.url,
      status: m.cancelled || method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      categories: [{ name: m.networkName }],
    });
  }
  // DTSTAMP must be UTC (RFC 5545 3.8.7.2); the library writes it in the calendar's zone.
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  return calendar.toString().replace(/^DTSTAMP:.*$/gm, `DTSTAMP:${stamp}`);
}
