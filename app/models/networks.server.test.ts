import { beforeAll, describe, expect, it } from "vitest";
import { networkOrganisations, networkPeople, networks, users } from "../../db/schema/index";
import { actorOf, can, type NetworkFacts } from "~/auth/policy";
import { db } from "~/lib/db.server";
import { actorByEmail, seedDemo } from "~/test/demo";
import { getNetworkPage, listNetworksForActor } from "./networks.server";
import { getOrganisationPage } from "./organisations.server";

const flatten = (list: Awaited<ReturnType<typeof listNetworksForActor>>): string[] =>
  list.flatMap((n) => [n.slug, ...flatten(n.groups)]).sort();

beforeAll(async () => {
  await seedDemo();
});

describe("who sees which network (demo data)", () => {
  it("shows Polismyndigheten's contact Myndighetsnätverket only", async () => {
    expect(flatten(await listNetworksForActor(await actorByEmail("polisen@example.org")))).toEqual(["myndighetsnatverket"]);
  });

  it("shows Rädda Barnen's contact the NGO network only", async () => {
    expect(flatten(await listNetworksForActor(await actorByEmail("raddabarnen@example.org")))).toEqual([
      "ideella-organisationer",
    ]);
  });

  it("shows the coordinator both networks they coordinate", async () => {
    const slugs = flatten(await listNetworksForActor(await actorByEmail("samordnare@example.org")));
    expect(slugs).toEqual(expect.arrayContaining(["myndighetsnatverket", "ideella-organisationer"]));
  });

  it("shows the platform admin every network", async () => {
    const all = await db.select({ slug: networks.slug }).from(networks);
    const slugs = flatten(await listNetworksForActor(await actorByEmail("admin@example.org")));
    expect(slugs).toEqual(all.map((n) => n.slug).sort());
  });

  it("nests groups under their network", async () => {
    const admin = await actorByEmail("admin@example.org");
    const dalarna = (await listNetworksForActor(admin)).find((n) => n.slug === "resurscentrum-dalarna");
    expect(dalarna?.groups.length).toBeGreaterThanOrEqual(4);
  });
});

describe("the SQL visibility rule agrees with can()", () => {
  it("for every person × every network of the demo data", async () => {
    const [allUsers, allNetworks, orgs, people] = await Promise.all([
      db.select().from(users),
      db.select().from(networks),
      db.select().from(networkOrganisations),
      db.select().from(networkPeople),
    ]);
    const facts = (n: typeof networks.$inferSelect): NetworkFacts => ({
      id: n.id,
      memberOrganisationIds: orgs.filter((o) => o.networkId === n.id).map((o) => o.organisationId),
      coordinatorIds: people.filter((p) => p.networkId === n.id && p.role === "coordinator").map((p) => p.userId),
      memberIds: people.filter((p) => p.networkId === n.id && p.role === "member").map((p) => p.userId),
      parentCoordinatorIds: people.filter((p) => p.networkId === n.parentId && p.role === "coordinator").map((p) => p.userId),
    });
    let checked = 0;
    for (const user of allUsers) {
      const actor = actorOf(user);
      const visible = new Set(flatten(await listNetworksForActor(actor)));
      for (const n of allNetworks) {
        const expected = can(actor, { action: "network:view", network: facts(n) });
        expect(visible.has(n.slug), `${user.email} → ${n.slug}`).toBe(expected);
        expect((await getNetworkPage(actor, n.slug)) !== null, `page ${user.email} → ${n.slug}`).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe("network and organisation pages", () => {
  it("lists coordinators, member organisations and groups", async () => {
    const page = await getNetworkPage(await actorByEmail("polisen@example.org"), "myndighetsnatverket");
    expect(page?.coordinators.map((c) => c.email)).toContain("samordnare@example.org");
    expect(page?.memberOrganisations.map((o) => o.name)).toEqual(
      expect.arrayContaining(["Polismyndigheten", "Åklagarmyndigheten", "Barnombudsmannen"]),
    );
  });

  it("answers null for an unknown slug and for a network that is not yours", async () => {
    const police = await actorByEmail("polisen@example.org");
    expect(await getNetworkPage(police, "no-such-network")).toBeNull();
    expect(await getNetworkPage(police, "ideella-organisationer")).toBeNull();
  });

  it("shows an organisation only to those who share a network with it", async () => {
    const police = await actorByEmail("polisen@example.org");
    const ngo = await actorByEmail("raddabarnen@example.org");
    const ngoNetwork = await getNetworkPage(ngo, "ideella-organisationer");
    const raddaBarnen = ngoNetwork!.memberOrganisations.find((o) => o.name === "Rädda Barnen")!;
    expect(await getOrganisationPage(ngo, raddaBarnen.id)).not.toBeNull();
    expect(await getOrganisationPage(police, raddaBarnen.id)).toBeNull();
    expect(await getOrganisationPage(police, "not-a-uuid")).toBeNull();
    expect(await getOrganisationPage(police, "00000000-0000-4000-8000-000000000000")).toBeNull();
    const own = await getOrganisationPage(police, police.organisationId);
    expect(own?.contacts.map((c) => c.email)).toContain("polisen@example.org");
  });

  it("shows a group to its named members, and its parent only if they may see that too", async () => {
    const admin = await actorByEmail("admin@example.org");
    const group = await getNetworkPage(admin, "dalarna-styrgrupp");
    const parent = await getNetworkPage(admin, "resurscentrum-dalarna");
    expect(group?.members.length).toBeGreaterThan(0);
    const parentOrgs = new Set(parent!.memberOrganisations.map((o) => o.id));
    for (const m of group!.members) {
      const actor = await actorByEmail(m.email);
      const seen = await getNetworkPage(actor, "dalarna-styrgrupp");
      expect(seen, m.email).not.toBeNull();
      expect(seen!.parent !== null, m.email).toBe(parentOrgs.has(m.organisationId));
    }
  });
});
