/**
 * Demo meetings for Myndighetsnätverket: one upcoming meeting with an agenda, one open
 * time poll, and one past meeting with published minutes and action items. Times are
 * relative to when the seed runs; nothing is mailed.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "./client";
import {
  actionItems,
  agendaItems,
  meetingInvitees,
  meetingMinutes,
  meetings,
  meetingTimeOptions,
  meetingVotes,
  networkOrganisations,
  networks,
  users,
} from "./schema/index";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
const DAY = 86_400_000;

export async function seedMeetings(tx: Tx, now = new Date()): Promise<void> {
  /** `days` from `now` at a whole UTC hour (Stockholm is one or two hours ahead). */
  const at = (days: number, utcHour: number, minute = 0): Date => {
    const d = new Date(now.getTime() + days * DAY);
    d.setUTCHours(utcHour, minute, 0, 0);
    return d;
  };
  const [network] = await tx.select().from(networks).where(eq(networks.slug, "myndighetsnatverket"));
  if (!network) return;
  const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(meetings).where(eq(meetings.networkId, network.id));
  if ((existing?.n ?? 0) > 0) return;

  const members = await tx
    .select({ id: users.id, email: users.email, organisationId: users.organisationId })
    .from(users)
    .innerJoin(networkOrganisations, and(eq(networkOrganisations.organisationId, users.organisationId), eq(networkOrganisations.networkId, network.id)))
    .where(eq(users.status, "active"));
  const byEmail = (email: string) => members.find((m) => m.email === email);
  const coordinator = byEmail("samordnare@example.org");
  const police = byEmail("polisen@example.org");
  const social = byEmail("karin.wallin@example.org");
  const school = byEmail("oskar.lund@example.org");

  // 1. An upcoming meeting with an agenda and some answers.
  const [upcoming] = await tx
    .insert(meetings)
    .values({
      networkId: network.id,
      title: "Myndighetsnätverkets nätverksmöte",
      description: "Lägesbild från myndigheterna, erfarenheter från regeringsuppdragen och planering av gemensamma insatser.",
      place: "Länsstyrelsen Östergötland, Östgötagatan 3, Linköping",
      onlineLink: "https://meet.example.se/myndighetsnatverket",
      durationMinutes: 150,
      status: "scheduled",
      startsAt: at(14, 8, 30),
      endsAt: at(14, 11),
      createdBy: coordinator?.id,
    })
    .returning();
  await tx.insert(meetingInvitees).values(members.map((m) => ({ meetingId: upcoming!.id, userId: m.id })));
  const answers: [string | undefined, "attend" | "maybe" | "decline"][] = [
    [police?.id, "attend"],
    [social?.id, "attend"],
    [school?.id, "maybe"],
  ];
  for (const [userId, rsvp] of answers) {
    if (!userId) continue;
    await tx
      .update(meetingInvitees)
      .set({ rsvp, rsvpAt: now })
      .where(and(eq(meetingInvitees.meetingId, upcoming!.id), eq(meetingInvitees.userId, userId)));
  }
  await tx.insert(agendaItems).values([
    { meetingId: upcoming!.id, position: 1, title: "Välkommen och presentation", presenterUserId: coordinator?.id ?? null, startOffsetMinutes: 0 },
    { meetingId: upcoming!.id, position: 2, title: "Lägesbild: anmälningar om hedersrelaterad brottslighet", presenterOrganisationId: police?.organisationId ?? null, startOffsetMinutes: 15 },
    { meetingId: upcoming!.id, position: 3, title: "Vägledning för socialtjänsten – remissvar", presenterOrganisationId: social?.organisationId ?? null, startOffsetMinutes: 60 },
    { meetingId: upcoming!.id, position: 4, title: "Övriga frågor och nästa möte", startOffsetMinutes: 135 },
  ]);

  // 2. An open time poll.
  const [poll] = await tx
    .insert(meetings)
    .values({
      networkId: network.id,
      title: "Planeringsdag inför nästa år",
      description: "Vi planerar nätverkets teman och gemensamma aktiviteter. Svara på vilka tider som passar.",
      place: "Digitalt",
      onlineLink: "https://meet.example.se/planering",
      durationMinutes: 180,
      status: "polling",
      pollDeadline: at(7, 15),
      createdBy: coordinator?.id,
    })
    .returning();
  const options = await tx
    .insert(meetingTimeOptions)
    .values([21, 23, 28].map((d) => ({ meetingId: poll!.id, startsAt: at(d, 8), endsAt: at(d, 11) })))
    .returning();
  if (police) {
    await tx.insert(meetingVotes).values([
      { optionId: options[0]!.id, userId: police.id, answer: "yes" },
      { optionId: options[1]!.id, userId: police.id, answer: "if_need_be" },
      { optionId: options[2]!.id, userId: police.id, answer: "no" },
    ]);
  }
  if (social) await tx.insert(meetingVotes).values([{ optionId: options[0]!.id, userId: social.id, answer: "yes" }]);

  // 3. A past meeting with published minutes and action items.
  const [past] = await tx
    .insert(meetings)
    .values({
      networkId: network.id,
      title: "Nätverksmöte om barnäktenskap",
      description: "Tema: barnäktenskap och tvångsäktenskap – myndigheternas uppdrag och samverkan.",
      place: "Länsstyrelsen Östergötland, Linköping",
      durationMinutes: 120,
      status: "scheduled",
      startsAt: at(-30, 8),
      endsAt: at(-30, 10),
      createdBy: coordinator?.id,
    })
    .returning();
  await tx.insert(meetingInvitees).values(members.map((m) => ({ meetingId: past!.id, userId: m.id })));
  await tx.insert(meetingMinutes).values({
    meetingId: past!.id,
    body: [
      "# Protokoll",
      "",
      "**Närvarande:** representanter för 14 myndigheter.",
      "",
      "## 1. Lägesbild",
      "Myndigheterna redogjorde för pågående regeringsuppdrag om barnäktenskap och tvångsäktenskap.",
      "",
      "## 2. Beslut",
      "- Socialstyrelsen tar fram ett utkast till gemensam vägledning.",
      "- Polismyndigheten delar sin lägesbild inför nästa möte.",
      "- Skolverket undersöker behovet av stödmaterial för skolpersonal.",
    ].join("\n"),
    version: 3,
    status: "published",
    publishedAt: at(-28, 12),
    updatedBy: coordinator?.id,
  });
  await tx.insert(actionItems).values([
    { meetingId: past!.id, networkId: network.id, title: "Utkast till gemensam vägledning om barnäktenskap", organisationId: social?.organisationId ?? null, assigneeId: social?.id ?? null, dueDate: at(-3, 12).toISOString().slice(0, 10) },
    { meetingId: past!.id, networkId: network.id, title: "Lägesbild om hedersrelaterad brottslighet till nästa möte", organisationId: police?.organisationId ?? null, assigneeId: police?.id ?? null, dueDate: at(10, 12).toISOString().slice(0, 10) },
    { meetingId: past!.id, networkId: network.id, title: "Kartlägga behovet av stödmaterial för skolan", organisationId: school?.organisationId ?? null, assigneeId: school?.id ?? null, dueDate: at(-10, 12).toISOString().slice(0, 10), status: "done" },
  ]);
}

