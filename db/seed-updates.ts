/**
 * Demo assignments, mission updates, announcements and comments. The assignments and
 * their decision references are invented for the demo (they follow the government's
 * "S2024/01234" pattern but point at nothing). Runs once: skipped when posts exist.
 * Nothing is mailed and nobody is notified.
 */
import { sql } from "drizzle-orm";
import type { Database } from "./client";
import { assignments, comments, networks, organisations, postNetworks, postReads, posts, users } from "./schema/index";
import { renderMarkdown } from "../app/lib/markdown.server";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
const DAY = 86_400_000;

interface SeedAssignment {
  org: string;
  title: string;
  reference: string;
  issuer: string;
  start: string;
  due: string | null;
  status: "ongoing" | "reported" | "closed";
  description: string;
}

const assignmentData: SeedAssignment[] = [
  { org: "Polismyndigheten", title: "Stärkt förmåga att upptäcka och utreda hedersrelaterad brottslighet", reference: "Ju2023/01872", issuer: "Justitiedepartementet", start: "2023-07-01", due: "2027-03-31", status: "ongoing", description: "Utveckla metoder, utbildning och samverkan så att brott med hedersmotiv upptäcks tidigt och utreds med rätt kompetens i alla polisregioner." },
  { org: "Socialstyrelsen", title: "Kunskapsstöd om hedersrelaterat våld och förtryck i socialtjänsten", reference: "S2023/02415", issuer: "Socialdepartementet", start: "2023-09-01", due: "2027-06-30", status: "ongoing", description: "Ta fram och sprida kunskapsstöd för handläggning, riskbedömning och skydd av barn och vuxna som utsätts för hedersrelaterat våld och förtryck." },
  { org: "Skolverket", title: "Stöd till skolor i arbetet mot hedersrelaterat våld och förtryck", reference: "U2024/00388", issuer: "Utbildningsdepartementet", start: "2024-02-01", due: "2026-12-15", status: "ongoing", description: "Utbildningsinsatser och stödmaterial för elevhälsa och rektorer, bland annat om sommarlovsrisker och hur skolan agerar vid oro." },
  { org: "Migrationsverket", title: "Uppmärksamma barnäktenskap och tvångsäktenskap i handläggningen", reference: "Ju2023/02210", issuer: "Justitiedepartementet", start: "2023-10-01", due: "2027-01-31", status: "ongoing", description: "Rutiner och kompetens för att upptäcka barnäktenskap, tvångsäktenskap och hedersrelaterat våld i asyl- och tillståndsärenden." },
  { org: "Barnombudsmannen", title: "Barns och ungas röster om hedersrelaterat förtryck", reference: "S2024/00917", issuer: "Socialdepartementet", start: "2024-03-01", due: "2026-10-30", status: "reported", description: "Samtal med barn och unga med egna erfarenheter, med förslag till regeringen." },
  { org: "Brottsoffermyndigheten", title: "Information till brottsutsatta om stöd vid hedersrelaterat våld", reference: "Ju2024/00655", issuer: "Justitiedepartementet", start: "2024-04-01", due: "2027-04-30", status: "ongoing", description: "Lättillgänglig information på flera språk om rättigheter, ersättning och stöd för den som utsatts för hedersrelaterat våld." },
  { org: "Jämställdhetsmyndigheten", title: "Samordning av det förebyggande arbetet mot mäns våld och hedersrelaterat våld", reference: "A2023/01120", issuer: "Arbetsmarknadsdepartementet", start: "2023-01-01", due: "2027-02-28", status: "ongoing", description: "Nationell samordning, uppföljning av strategin och stöd till länsstyrelser och kommuner." },
  { org: "Myndigheten för ungdoms- och civilsamhällesfrågor", title: "Bidrag till organisationer som arbetar mot hedersrelaterat våld", reference: "S2024/01502", issuer: "Socialdepartementet", start: "2024-01-15", due: "2026-12-31", status: "ongoing", description: "Fördela och följa upp statsbidrag till ideella organisationer som förebygger hedersrelaterat våld och förtryck." },
  { org: "Åklagarmyndigheten", title: "Uppföljning av lagföring av brott med hedersmotiv", reference: "Ju2023/02566", issuer: "Justitiedepartementet", start: "2023-11-01", due: "2026-11-30", status: "reported", description: "Analys av hur straffskärpningsgrunden för hedersmotiv och brottet barnäktenskapsbrott tillämpas." },
  { org: "Försäkringskassan", title: "Upptäcka ekonomiskt våld och kontroll i ärenden om familjeförmåner", reference: "S2024/02033", issuer: "Socialdepartementet", start: "2024-06-01", due: "2027-05-31", status: "ongoing", description: "Rutiner för att uppmärksamma tecken på ekonomiskt våld och hedersrelaterad kontroll i handläggningen." },
  { org: "Kriminalvården", title: "Behandlingsinsatser för dömda för brott med hedersmotiv", reference: "Ju2022/03011", issuer: "Justitiedepartementet", start: "2022-09-01", due: "2025-09-30", status: "closed", description: "Pilotverksamhet med strukturerade samtal och riskbedömning för klienter dömda för brott med hedersmotiv." },
];

interface SeedUpdate {
  email: string;
  daysAgo: number;
  kind: "progress" | "report_submitted" | "lesson_learned" | "question";
  title: string;
  body: string;
  assignment?: string;
}

const updateData: SeedUpdate[] = [
  { email: "polisen@example.org", daysAgo: 1, kind: "progress", assignment: "Stärkt förmåga att upptäcka", title: "Nytt utbildningspaket för förundersökningsledare", body: "Vi har tagit fram ett utbildningspaket i tre delar för förundersökningsledare. **Del 1** är klar och används i region Syd och region Väst.\n\n- Riskbedömning i ett tidigt skede\n- Samverkan med socialtjänsten\n- Tolkanvändning\n\nHör av er om ni vill ta del av materialet." },
  { email: "karin.wallin@example.org", daysAgo: 2, kind: "lesson_learned", assignment: "Kunskapsstöd om hedersrelaterat", title: "Erfarenheter från pilotkommunerna", body: "Pilotkommunerna lyfter att **checklistan för skyddsbedömning** behöver finnas i verksamhetssystemet, inte bara som pdf. Vi tar med det i nästa version." },
  { email: "oskar.lund@example.org", daysAgo: 3, kind: "question", title: "Vilka material använder ni inför sommarlovet?", body: "Vi uppdaterar stödet till elevhälsan inför sommarlovet. Vilka material från era myndigheter vill ni att vi hänvisar till?" },
  { email: "elin.forsberg@example.org", daysAgo: 4, kind: "progress", assignment: "Uppmärksamma barnäktenskap", title: "Rutin för barnäktenskap i tillståndsärenden på remiss", body: "Den nya rutinen är ute på intern remiss till och med nästa månad. Den beskriver när handläggaren ska göra en orosanmälan och hur samråd med Polismyndigheten går till." },
  { email: "sofia.aberg@example.org", daysAgo: 6, kind: "report_submitted", assignment: "Barns och ungas röster", title: "Rapporten om barns och ungas röster är överlämnad", body: "Rapporten överlämnades till Socialdepartementet. Den bygger på samtal med 42 barn och unga. Vi presenterar resultaten på nästa nätverksmöte." },
  { email: "daniel.ohman@example.org", daysAgo: 8, kind: "progress", assignment: "Information till brottsutsatta", title: "Informationen finns nu på tolv språk", body: "Informationen om stöd och ersättning finns nu på tolv språk, även som lättläst svenska och i filmformat." },
  { email: "amira.said@example.org", daysAgo: 9, kind: "progress", assignment: "Samordning av det förebyggande", title: "Uppföljningen av strategin: enkäten är ute", body: "Enkäten till myndigheterna om arbetet enligt strategin är utskickad. Svara gärna senast den sista i månaden." },
  { email: "nadia.rahimi@example.org", daysAgo: 11, kind: "progress", assignment: "Bidrag till organisationer", title: "Ny utlysning av organisationsbidrag", body: "Utlysningen öppnar i början av nästa år. Vi tar gärna emot synpunkter på kriterierna, särskilt från er som möter organisationerna." },
  { email: "fredrik.sandberg@example.org", daysAgo: 13, kind: "report_submitted", assignment: "Uppföljning av lagföring", title: "Redovisning om lagföring av brott med hedersmotiv", body: "Redovisningen visar att straffskärpningsgrunden tillämpas i allt fler domar, men att utredningarna ofta saknar bevisning om motivet." },
  { email: "tobias.wikstrom@example.org", daysAgo: 15, kind: "question", assignment: "Upptäcka ekonomiskt våld", title: "Erfarenheter av samverkan kring ekonomiskt våld?", body: "Har någon myndighet rutiner för att dela information om misstänkt ekonomiskt våld med socialtjänsten? Vi vill gärna lära av er." },
  { email: "henrik.dahl@example.org", daysAgo: 18, kind: "lesson_learned", assignment: "Behandlingsinsatser för dömda", title: "Slutsatser från pilotverksamheten", body: "Piloten är avslutad. Strukturerade samtal fungerade bäst när de kombinerades med tydliga villkor och samverkan med frivården." },
  { email: "maria.sjoberg@example.org", daysAgo: 21, kind: "progress", title: "Handläggarstöd om hedersrelaterat förtryck", body: "Arbetsförmedlingen har infört ett handläggarstöd för att uppmärksamma hedersrelaterat förtryck hos arbetssökande, med kontaktvägar till stöd." },
  { email: "erik.holmgren@example.org", daysAgo: 24, kind: "lesson_learned", title: "Ny kunskapsöversikt om barn i hederskontext", body: "Barnafrid har publicerat en kunskapsöversikt om barn som växer upp i en hederskontext. Den är fritt tillgänglig och kan användas i utbildningar." },
  { email: "polisen@example.org", daysAgo: 30, kind: "progress", assignment: "Stärkt förmåga att upptäcka", title: "Nationell samordnare utsedd i varje region", body: "Varje polisregion har nu en utsedd samordnare för hedersrelaterad brottslighet. Kontaktlistan delas på nästa möte." },
];

interface SeedAnnouncement {
  network: string;
  daysAgo: number;
  title: string;
  body: string;
  pinned?: boolean;
  important?: boolean;
}

const announcementData: SeedAnnouncement[] = [
  { network: "myndighetsnatverket", daysAgo: 2, pinned: true, important: true, title: "Välkomna till nätverksportalen", body: "Här publicerar myndigheterna lägesrapporter om sina uppdrag och här finns nätverkets möten och protokoll. Använd **kommentarerna** för frågor till varandra." },
  { network: "myndighetsnatverket", daysAgo: 10, title: "Kallelse till nätverksmöte kommer via portalen", body: "Från och med nästa möte skickas kallelser, dagordning och protokoll via portalen. Kalenderinbjudan kommer som e-post." },
  { network: "ideella-organisationer", daysAgo: 3, pinned: true, title: "Information från Nationellt centrum", body: "Nationellt centrum publicerar här information om aktuella insatser, utbildningar och material som kan vara till nytta i stödarbetet." },
  { network: "ideella-organisationer", daysAgo: 12, title: "Webbinarium om stöd till unga vuxna", body: "Vi bjuder in till ett webbinarium om stöd till unga vuxna som lämnat sin familj. Anmälan görs till samordnaren." },
];

export async function seedUpdates(tx: Tx, now = new Date()): Promise<void> {
  const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(posts);
  if ((existing?.n ?? 0) > 0) return;
  const orgs = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations);
  const orgId = (name: string) => orgs.find((o) => o.name === name)?.id;
  const people = await tx.select({ id: users.id, email: users.email, organisationId: users.organisationId }).from(users);
  const person = (email: string) => people.find((p) => p.email === email);
  const nets = await tx.select({ id: networks.id, slug: networks.slug }).from(networks);
  const networkId = (slug: string) => nets.find((n) => n.slug === slug)?.id;

  const assignmentIds = new Map<string, string>();
  for (const a of assignmentData) {
    const organisationId = orgId(a.org);
    if (!organisationId) continue;
    const [row] = await tx
      .insert(assignments)
      .values({
        organisationId,
        title: a.title,
        reference: a.reference,
        issuer: a.issuer,
        startDate: a.start,
        reportDueDate: a.due,
        status: a.status,
        description: a.description,
        link: "https://www.regeringen.se/regeringsuppdrag/",
      })
      .returning({ id: assignments.id });
    assignmentIds.set(a.title, row!.id);
  }
  const assignmentFor = (prefix?: string) => (prefix ? ([...assignmentIds].find(([title]) => title.startsWith(prefix))?.[1] ?? null) : null);

  const authority = networkId("myndighetsnatverket");
  const created: { id: string; authorId: string }[] = [];
  for (const u of updateData) {
    const author = person(u.email);
    if (!author || !authority) continue;
    const createdAt = new Date(now.getTime() - u.daysAgo * DAY);
    const [row] = await tx
      .insert(posts)
      .values({
        type: "update",
        kind: u.kind,
        organisationId: author.organisationId,
        authorId: author.id,
        assignmentId: assignmentFor(u.assignment),
        title: u.title,
        body: u.body,
        bodyHtml: renderMarkdown(u.body),
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: posts.id });
    await tx.insert(postNetworks).values({ postId: row!.id, networkId: authority, createdAt });
    created.push({ id: row!.id, authorId: author.id });
  }

  const coordinator = person("samordnare@example.org");
  for (const a of announcementData) {
    const network = networkId(a.network);
    if (!coordinator || !network) continue;
    const createdAt = new Date(now.getTime() - a.daysAgo * DAY);
    const [row] = await tx
      .insert(posts)
      .values({
        type: "announcement",
        organisationId: coordinator.organisationId,
        authorId: coordinator.id,
        title: a.title,
        body: a.body,
        bodyHtml: renderMarkdown(a.body),
        pinned: a.pinned ?? false,
        important: a.important ?? false,
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: posts.id });
    await tx.insert(postNetworks).values({ postId: row!.id, networkId: network, createdAt });
  }

  // A short conversation under the Skolverket question, with a reply.
  const question = created[2];
  const karin = person("karin.wallin@example.org");
  const sofia = person("sofia.aberg@example.org");
  if (question && karin && sofia) {
    const [first] = await tx
      .insert(comments)
      .values({ postId: question.id, authorId: karin.id, body: "Vi har en broschyr för skolkuratorer som vi gärna delar.", createdAt: new Date(now.getTime() - 2.5 * DAY) })
      .returning({ id: comments.id });
    await tx.insert(comments).values({
      postId: question.id,
      parentId: first!.id,
      authorId: sofia.id,
      body: "Barnombudsmannens material om barns rättigheter passar också bra.",
      createdAt: new Date(now.getTime() - 2 * DAY),
    });
  }
  // Authors have read their own posts.
  if (created.length > 0) await tx.insert(postReads).values(created.map((c) => ({ userId: c.authorId, postId: c.id }))).onConflictDoNothing();
}
