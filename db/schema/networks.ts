import { type AnyPgColumn, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./organisations";

export const networkKind = pgEnum("network_kind", [
  "authority_network",
  "ngo_network",
  "county_network",
  "resource_centre",
  "working_group",
  "steering_group",
]);

export const networks = pgTable(
  "networks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: networkKind("kind").notNull(),
    name: text("name").notNull(),
    // Globally unique: groups are addressed at /networks/<slug> like their parents.
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    parentId: uuid("parent_id").references((): AnyPgColumn => networks.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("networks_slug_key").on(t.slug), index("networks_parent_idx").on(t.parentId)],
);

/** Member organisations: every active contact of a member organisation sees the network. */
export const networkOrganisations = pgTable(
  "network_organisations",
  {
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.networkId, t.organisationId] }),
    index("network_organisations_org_idx").on(t.organisationId),
  ],
);

export const networkRole = pgEnum("network_role", ["coordinator", "member"]);

/** People tied to a network by name: coordinators, and the members of a group. */
export const networkPeople = pgTable(
  "network_people",
  {
    networkId: uuid("network_id")
      .notNull()
      .references(() => networks.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: networkRole("role").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.networkId, t.userId, t.role] }),
    index("network_people_user_idx").on(t.userId),
  ],
);
