/**
 * Mail through a transactional outbox. `enqueueMail` writes a row in the caller's
 * transaction, so an invitation and its mail are committed together or not at all. With
 * SMTP_URL set, a sender on every instance claims due rows (FOR UPDATE SKIP LOCKED and a
 * lease, so no two instances send the same row), delivers them with nodemailer and
 * retries failures with back-off. Without SMTP_URL the rows stay as the outbox that
 * platform admins read at /admin/outbox.
 */
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { mailOutbox } from "../../db/schema/index";
import { type Database, db } from "./db.server";
import { log } from "./log.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** An .ics body and its METHOD; mail clients offer to add it to the calendar. */
  calendar?: { method: "REQUEST" | "CANCEL" | "PUBLISH"; content: string };
}

type Executor = Pick<Database, "insert">;

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 2 * 60_000;

export function mailFrom(): string {
  return process.env.MAIL_FROM ?? "Nätverksportalen <no-reply@localhost>";
}

function outboxRow(mail: OutgoingMail) {
  return {
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    calendar: mail.calendar?.content ?? null,
    calendarMethod: mail.calendar?.method ?? null,
  };
}

export async function enqueueMail(tx: Executor, mail: OutgoingMail): Promise<void> {
  await tx.insert(mailOutbox).values(outboxRow(mail));
}

/** Many mails in one statement (a whole network's worth would otherwise be a round trip each). */
export async function enqueueMails(tx: Executor, mails: OutgoingMail[]): Promise<void> {
  if (mails.length === 0) return;
  await tx.insert(mailOutbox).values(mails.map(outboxRow));
}

/** 30 s, 1 min, 2 min, … capped at an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/** Sends what is due; returns how many were delivered. One pass, for the loop and for tests. */
export async function sendDueMail(transport: Transporter, now = new Date(), batch = 20): Promise<number> {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, now)))
    .orderBy(asc(mailOutbox.id))
    .limit(batch)
    .for("update", { skipLocked: true });
  // Claiming moves next_attempt_at past a lease: a crashed sender's rows come back later.
  const rows = await db
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
    .where(inArray(mailOutbox.id, due))
    .returning();
  let sent = 0;
  for (const row of rows) {
    try {
      await transport.sendMail({
        from: mailFrom(),
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html ?? undefined,
        icalEvent: row.calendar
          ? { method: row.calendarMethod ?? "PUBLISH", filename: "mote.ics", content: row.calendar }
          : undefined,
      });
      await db.update(mailOutbox).set({ status: "sent", sentAt: new Date(), lastError: null }).where(eq(mailOutbox.id, row.id));
      sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = row.attempts >= MAX_ATTEMPTS;
      await db
        .update(mailOutbox)
        .set({
          status: failed ? "failed" : "pending",
          lastError: message.slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)),
        })
        .where(eq(mailOutbox.id, row.id));
      log.warn("mail delivery failed", { id: row.id, attempt: row.attempts, final: failed, error: message.slice(0, 200) });
    }
  }
  return sent;
}

export function createTransport(url = process.env.SMTP_URL): Transporter | null {
  // smtp:// upgrades with STARTTLS whenever the server offers it; smtps:// is TLS from the start.
  return url ? nodemailer.createTransport(url) : null;
}

/** Starts the sending loop when SMTP_URL is set; returns a stop function. */
export function startMailSender(intervalMs = Number(process.env.MAIL_POLL_MS ?? 5000)): () => Promise<void> {
  const transport = createTransport();
  if (!transport) {
    log.info("mail: no SMTP_URL, messages stay in the outbox (/admin/outbox)");
    return async () => {};
  }
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = sendDueMail(transport)
      .catch((error: unknown) => log.error("mail sender pass failed", { error: String(error) }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, 1000);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
    transport.close();
  };
}

/** The outbox for platform admins, newest first. */
export async function listOutbox(limit = 100) {
  return db.select().from(mailOutbox).orderBy(sql`${mailOutbox.id} desc`).limit(limit);
}

/** Mail still waiting; for tests and health reports. */
export async function pendingMail() {
  return db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, new Date())))
    .orderBy(asc(mailOutbox.id));
}
