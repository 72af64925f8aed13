import { sql } from "drizzle-orm";
import { bigint, boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const organisationKind = pgEnum("organisation_kind", [
  "authority",
  "county_board",
  "ngo",
  "municipality",
  "region",
  "other",
]);

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    kind: organisationKind("kind").notNull(),
    orgNumber: text("org_number"),
    website: text("website"),
    /** Set by a platform admin: every contact of the organisation must use MFA. */
    requireMfa: boolean("require_mfa").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organisations_name_key").on(t.name)],
);

export const userStatus = pgEnum("user_status", ["invited", "active", "deactivated"]);
export const locale = pgEnum("locale", ["sv", "en"]);
export const digestFrequency = pgEnum("digest_frequency", ["off", "daily", "weekly"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    // Stored lower-cased; the unique index makes one account per address.
    email: text("email").notNull(),
    phone: text("phone").notNull().default(""),
    locale: locale("locale").notNull().default("sv"),
    status: userStatus("status").notNull().default("invited"),
    passwordHash: text("password_hash"),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    isOrgAdmin: boolean("is_org_admin").notNull().default(false),
    /** Base32 TOTP secret once enrolment is confirmed; null without MFA. */
    mfaSecret: text("mfa_secret"),
    mfaEnabledAt: timestamp("mfa_enabled_at", { withTimezone: true }),
    /** The last accepted TOTP time step: a code cannot be used twice. */
    mfaLastStep: bigint("mfa_last_step", { mode: "number" }),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    /** How often the person wants a mail summary of what is new in their networks. */
    digest: digestFrequency("digest").notNull().default("weekly"),
    /** The end of the period the last digest covered; the next one starts here. */
    digestCoveredUntil: timestamp("digest_covered_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_organisation_idx").on(t.organisationId),
  ],
);
