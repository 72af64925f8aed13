/** A real SMTP server (smtp-server) on loopback for tests, with the mails it received. */
import type { AddressInfo } from "node:net";
import { count } from "drizzle-orm";
import { type ParsedMail, simpleParser } from "mailparser";
import type { Transporter } from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { mailOutbox } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { createTransport, sendDueMail } from "~/lib/mail.server";

export interface TestSmtp {
  url: string;
  received: ParsedMail[];
  /** Refuse the next `n` messages with a temporary error (to exercise retries). */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (failures > 0) {
        failures--;
        const error = Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext: (n) => {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first portal link of a path prefix in a mail's text. */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const match = (mail.text ?? "").match(new RegExp(`https?://\\S+${prefix}[A-Za-z0-9_-]+`));
  if (!match) throw new Error(`no ${prefix} link in mail: ${mail.text}`);
  return match[0];
}

/**
 * For a test file that sends mail: seeds the demo data, starts the SMTP server before
 * the tests and stops it after; mails are read back by recipient.
 */
export function mailFixture(seed: () => Promise<unknown>) {
  const state = {} as { smtp: TestSmtp; transport: Transporter };
  beforeAll(async () => {
    await seed();
    state.smtp = await startTestSmtp();
    state.transport = createTransport(state.smtp.url)!;
  });
  afterAll(async () => {
    state.transport.close();
    await state.smtp.close();
  });
  return {
    get smtp() {
      return state.smtp;
    },
    /** Delivers everything due through the test SMTP server, batch after batch; returns how many. */
    async deliver(now?: Date) {
      let total = 0;
      for (;;) {
        const sent = await sendDueMail(state.transport, now);
        if (sent === 0) return total;
        total += sent;
      }
    },
    lastMailTo(address: string): ParsedMail {
      const mail = state.smtp.received.filter((m) => JSON.stringify(m.to).includes(address)).at(-1);
      if (!mail) throw new Error(`no mail to ${address}`);
      return mail;
    },
    /** The token at the end of the newest link with this path in the newest mail to the address. */
    tokenTo(address: string, prefix: string): string {
      return linkIn(this.lastMailTo(address), prefix).split("/").pop()!;
    },
    outboxCount: async () => (await db.select({ n: count() }).from(mailOutbox))[0]!.n,
  };
}
