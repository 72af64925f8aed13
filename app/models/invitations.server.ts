/**
 * Invitations: an admin (any organisation), a coordinator (member organisations of the
 * networks they coordinate) or an organisation admin (their own organisation) invites a
 * person by e-mail. The user row is created as "invited"; the mailed link is single-use,
 * valid 7 days, and only its hash is stored.
 *
 * Inviting must not tell whether an address has an account elsewhere on the platform
 * (the access rules hide other organisations' people). So an address that belongs to an
 * account of another organisation is answered exactly like a new one: the inviter sees
 * "invitation sent" and a pending invitation, which they may resend or revoke; the owner
 * of the address gets a notice instead of a link, and no account is created or changed.
 * Such an invitation is told apart by its user belonging to another organisation, and
 * can never be accepted. Only what the inviter may see anyway is said outright: that
 * the person is already a contact of this organisation. Platform admins see every
 * account, so they are told as before.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { invitations, networkOrganisations, networkPeople, organisations, users } from "../../db/schema/index";
import { hashPassword } from "~/auth/password.server";
import { checkNewPassword, type PasswordProblem } from "~/auth/password-policy.server";
import type { Actor } from "~/auth/policy";
import { hashToken, newLinkToken } from "~/auth/tokens.server";
import { isLocale, type Locale } from "~/i18n/config";
import { serverT } from "~/i18n/server";
import { db, type Database } from "~/lib/db.server";
import { formatDateTime } from "~/lib/format";
import { enqueueMail } from "~/lib/mail.server";
import { audit } from "./audit.server";

export const INVITATION_VALID_MS = 7 * 24 * 3_600_000;

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Meta = { ip: string; userAgent: string | null };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the actor may invite people into the organisation (checked in SQL). */
export async function mayInviteTo(actor: Actor, organisationId: string, tx: Tx | Database = db): Promise<boolean> {
  // An id that is not even a UUID names no organisation (and must not reach a uuid column).
  if (!UUID.test(organisationId)) return false;
  if (actor.isPlatformAdmin) {
    const [row] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
    return Boolean(row);
  }
  if (actor.isOrgAdmin && actor.organisationId === organisationId) return true;
  const [row] = await tx
    .select({ one: sql<number>`1` })
    .from(networkPeople)
    .innerJoin(networkOrganisations, eq(networkOrganisations.networkId, networkPeople.networkId))
    .where(
      and(
        eq(networkPeople.userId, actor.userId),
        eq(networkPeople.role, "coordinator"),
        eq(networkOrganisations.organisationId, organisationId),
      ),
    )
    .limit(1);
  return Boolean(row);
}

async function mailInvitation(
  tx: Tx,
  args: { to: string; locale: Locale; organisationName: string; inviterName: string; token: string; origin: string; expiresAt: Date },
) {
  const t = serverT(args.locale);
  await enqueueMail(tx, {
    to: args.to,
    subject: t("people.mail.inviteSubject"),
    text: t("people.mail.inviteBody", {
      inviter: args.inviterName,
      organisation: args.organisationName,
      expires: formatDateTime(args.expiresAt, args.locale),
      link: `${args.origin}/invite/${args.token}`,
    }),
  });
}

async function mailExistingAccount(
  tx: Tx,
  args: { to: string; locale: Locale; organisationName: string; inviterName: string; origin: string },
) {
  const t = serverT(args.locale);
  await enqueueMail(tx, {
    to: args.to,
    subject: t("people.mail.existingSubject"),
    text: t("people.mail.existingBody", {
      inviter: args.inviterName,
      email: args.to,
      organisation: args.organisationName,
      link: `${args.origin}/login`,
    }),
  });
}

/** Whether the existing person would be visible to the actor as a contact of the organisation anyway. */
function seenInOrganisation(actor: Actor, person: { status: string }, organisationId: string): boolean {
  if (person.status === "active") return true; // listed on the organisation's page
  return Boolean(actor.isOrgAdmin && actor.organisationId === organisationId); // the seat list
}

export type InviteResult = { ok: true; invitationId: string } | { ok: false; reason: "not_found" | "exists" | "already_contact" };

export async function createInvitation(
  actor: Actor & { name: string; locale: Locale },
  input: { email: string; organisationId: string; name?: string },
  meta: Meta,
  origin: string,
  now = new Date(),
): Promise<InviteResult> {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    if (!(await mayInviteTo(actor, input.organisationId, tx))) return { ok: false, reason: "not_found" } as const;
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
    if (!org) return { ok: false, reason: "not_found" } as const;

    const [existing] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, email)).for("update");
    const name = input.name?.trim() ?? "";
    let userId: string;
    if (existing && existing.organisationId === org.id && existing.status !== "invited") {
      if (actor.isPlatformAdmin) return { ok: false, reason: "exists" } as const;
      if (seenInOrganisation(actor, existing, org.id)) return { ok: false, reason: "already_contact" } as const;
    }
    if (existing && actor.isPlatformAdmin && existing.organisationId !== org.id) return { ok: false, reason: "exists" } as const;
    if (existing && (existing.organisationId !== org.id || existing.status !== "invited")) {
      // An account the inviter may not know of: answered as if invited, never taken over.
      const expiresAt = new Date(now.getTime() + INVITATION_VALID_MS);
      // Like a re-invitation, it replaces an earlier one of this organisation.
      await tx
        .update(invitations)
        .set({ revokedAt: now })
        .where(and(eq(invitations.userId, existing.id), eq(invitations.organisationId, org.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
      const [invitation] = await tx
        .insert(invitations)
        .values({
          userId: existing.id,
          organisationId: org.id,
          invitedBy: actor.userId,
          inviteeName: name,
          tokenHash: hashToken(newLinkToken()), // never sent: this invitation cannot be accepted
          createdAt: now,
          expiresAt,
        })
        .returning({ id: invitations.id });
      await mailExistingAccount(tx, {
        to: existing.email,
        locale: isLocale(existing.locale) ? existing.locale : "sv",
        organisationName: org.name,
        inviterName: actor.name,
        origin,
      });
      await audit(
        { action: "invitation.existing_account", actor, targetType: "user", targetId: existing.id, ...meta, details: { email, organisationId: org.id } },
        tx,
      );
      return { ok: true, invitationId: invitation!.id } as const;
    }
    if (existing) {
      // An address that was invited but never joined (revoked or expired) may be invited
      // again into the same organisation.
      userId = existing.id;
      await tx
        .update(invitations)
        .set({ revokedAt: now })
        .where(and(eq(invitations.userId, userId), eq(invitations.organisationId, org.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    } else {
      const [created] = await tx
        .insert(users)
        .values({ email, name, organisationId: org.id, status: "invited" })
        .returning({ id: users.id });
      userId = created!.id;
    }
    const token = newLinkToken();
    const expiresAt = new Date(now.getTime() + INVITATION_VALID_MS);
    const [invitation] = await tx
      .insert(invitations)
      .values({ userId, organisationId: org.id, invitedBy: actor.userId, inviteeName: name, tokenHash: hashToken(token), createdAt: now, expiresAt })
      .returning({ id: invitations.id });
    await mailInvitation(tx, {
      to: email,
      locale: actor.locale,
      organisationName: org.name,
      inviterName: actor.name,
      token,
      origin,
      expiresAt,
    });
    await audit({
      action: "invitation.created",
      actor,
      targetType: "user",
      targetId: userId,
      ...meta,
      details: { email, organisationId: org.id },
    }, tx);
    return { ok: true, invitationId: invitation!.id } as const;
  });
}

/** Pending invitation rows the actor may act on, by id (null when not theirs to touch). */
async function pendingInvitationFor(actor: Actor, invitationId: string, tx: Tx) {
  if (!UUID.test(invitationId)) return null;
  const [row] = await tx
    .select({
      invitation: invitations,
      email: users.email,
      userLocale: users.locale,
      userStatus: users.status,
      userOrganisationId: users.organisationId,
      organisationName: organisations.name,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .for("update", { of: invitations });
  if (!row || !(await mayInviteTo(actor, row.invitation.organisationId, tx))) return null;
  return row;
}

/** A new link replaces the old one, which stops working. */
export async function resendInvitation(
  actor: Actor & { name: string; locale: Locale },
  invitationId: string,
  meta: Meta,
  origin: string,
  now = new Date(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await pendingInvitationFor(actor, invitationId, tx);
    if (!row) return false;
    const token = newLinkToken();
    const expiresAt = new Date(now.getTime() + INVITATION_VALID_MS);
    await tx.update(invitations).set({ tokenHash: hashToken(token), expiresAt }).where(eq(invitations.id, invitationId));
    if (row.userOrganisationId !== row.invitation.organisationId || row.userStatus !== "invited") {
      // An existing account: its owner is told again, and gets no link.
      await mailExistingAccount(tx, {
        to: row.email,
        locale: isLocale(row.userLocale) ? row.userLocale : "sv",
        organisationName: row.organisationName,
        inviterName: actor.name,
        origin,
      });
      await audit({ action: "invitation.resent", actor, targetType: "invitation", targetId: invitationId, ...meta }, tx);
      return true;
    }
    await mailInvitation(tx, {
      to: row.email,
      locale: actor.locale,
      organisationName: row.organisationName,
      inviterName: actor.name,
      token,
      origin,
      expiresAt,
    });
    await audit({ action: "invitation.resent", actor, targetType: "invitation", targetId: invitationId, ...meta }, tx);
    return true;
  });
}

export async function revokeInvitation(actor: Actor, invitationId: string, meta: Meta, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await pendingInvitationFor(actor, invitationId, tx);
    if (!row) return false;
    await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, invitationId));
    await audit({ action: "invitation.revoked", actor, targetType: "invitation", targetId: invitationId, ...meta }, tx);
    return true;
  });
}

/** Invitations of an organisation not yet accepted or revoked, newest first. */
export async function listPendingInvitations(actor: Actor, organisationId: string) {
  if (!(await mayInviteTo(actor, organisationId))) return [];
  return db
    .select({
      id: invitations.id,
      email: users.email,
      name: sql<string>`coalesce(${invitations.inviteeName}, case when ${users.organisationId} = ${invitations.organisationId} then ${users.name} else '' end)`,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(
      and(
        eq(invitations.organisationId, organisationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

export type InvitationState =
  | { state: "valid"; email: string; name: string; organisationName: string }
  | { state: "expired" | "used" | "revoked" | "unknown" };

export async function lookUpInvitation(token: string, now = new Date()): Promise<InvitationState> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "unknown" };
  const [row] = await db
    .select({ invitation: invitations, email: users.email, name: users.name, organisationName: organisations.name })
    .from(invitations)
    .innerJoin(users, and(eq(users.id, invitations.userId), eq(users.organisationId, invitations.organisationId)))
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) return { state: "unknown" };
  if (row.invitation.acceptedAt) return { state: "used" };
  if (row.invitation.revokedAt) return { state: "revoked" };
  if (row.invitation.expiresAt <= now) return { state: "expired" };
  return { state: "valid", email: row.email, name: row.name, organisationName: row.organisationName };
}

export type AcceptResult =
  | { ok: true; userId: string; organisationId: string; locale: Locale }
  | { ok: false; reason: "expired" | "used" | "revoked" | "unknown" }
  | { ok: false; reason: "password"; problem: PasswordProblem };

/** Activates the person; the row lock makes a double submit use the link once. */
export async function acceptInvitation(
  token: string,
  input: { name: string; title: string; password: string },
  meta: Meta,
  now = new Date(),
): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ invitation: invitations, user: users })
      .from(invitations)
      .innerJoin(users, and(eq(users.id, invitations.userId), eq(users.organisationId, invitations.organisationId)))
      .where(eq(invitations.tokenHash, hashToken(token)))
      .for("update");
    if (!row) return { ok: false, reason: "unknown" } as const;
    if (row.invitation.acceptedAt) return { ok: false, reason: "used" } as const;
    if (row.invitation.revokedAt) return { ok: false, reason: "revoked" } as const;
    if (row.invitation.expiresAt <= now) return { ok: false, reason: "expired" } as const;
    if (row.user.status !== "invited") return { ok: false, reason: "used" } as const;

    const problem = checkNewPassword(input.password, { name: input.name, email: row.user.email });
    if (problem) return { ok: false, reason: "password", problem } as const;

    const passwordHash = await hashPassword(input.password);
    await tx
      .update(users)
      .set({ name: input.name, title: input.title, passwordHash, status: "active", updatedAt: now })
      .where(eq(users.id, row.user.id));
    await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, row.invitation.id));
    const actor = { userId: row.user.id, organisationId: row.user.organisationId };
    await audit({ action: "invitation.accepted", actor, targetType: "invitation", targetId: row.invitation.id, ...meta }, tx);
    await audit({ action: "user.activated", actor, targetType: "user", targetId: row.user.id, ...meta }, tx);
    return {
      ok: true,
      userId: row.user.id,
      organisationId: row.user.organisationId,
      locale: isLocale(row.user.locale) ? row.user.locale : "sv",
    } as const;
  });
}

