import { z } from "zod";

export const OrganisationSchema = z.object({
  name: z.string().trim().min(1).max(200),
  shortName: z.string().trim().min(1).max(60),
  kind: z.enum(["authority", "county_board", "ngo", "municipality", "region", "other"]),
  orgNumber: z.string().trim().max(20).default(""),
  website: z.union([z.literal(""), z.string().trim().max(300).url().regex(/^https?:\/\//i)]).default(""),
  requireMfa: z.preprocess((v) => v === "on", z.boolean()),
});

export const NetworkSchema = z.object({
  name: z.string().trim().min(1).max(200),
  slug: z.string().trim().regex(/^[a-z0-9-]{2,80}$/),
  description: z.string().trim().max(2000).default(""),
  kind: z.enum(["authority_network", "ngo_network", "county_network", "resource_centre", "working_group", "steering_group"]),
});
