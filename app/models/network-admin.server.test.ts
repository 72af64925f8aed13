import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { networkOrganisations, networks, organisations } from "../../db/schema/index";
import { db } from "~/lib/db.server";
import { actorByEmail, seedDemo, userByEmail } from "~/test/demo";
import { createNetwork, getManagePage, saveOrganisation, setMemberOrganisation, setPerson, updateNetwork } from "./network-admin.server";
import { getNetworkPage } from "./networks.server";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };
const org = { name: "Testverket", shortName: "TV", kind: "authority" as const, orgNumber: "", website: "", requireMfa: false };

describe("administration", () => {
  it("lets a platform admin create organisations and networks and manage membership", async () => {
    await seedDemo();
    const admin = await actorByEmail("admin@example.org");
    const created = await saveOrganisation(admin, null, org, meta);
    expect(created.ok).toBe(true);
    expect(await saveOrganisation(admin, null, org, meta)).toEqual({ ok: false, reason: "conflict" });
    const network = await createNetwork(admin, null, { name: "Nytt nätverk", slug: "nytt-natverk", description: "", kind: "authority_network" }, meta);
    expect(network.ok).toBe(true);
    if (!created.ok) return;
    expect(await setMemberOrganisation(admin, "nytt-natverk", created.id!, true, meta)).toEqual({ ok: true });
    expect(await setPerson(admin, "nytt-natverk", { email: "leyla.karimi@example.org" }, "coordinator", true, meta)).toEqual({ ok: true });
    const page = await getNetworkPage(admin, "nytt-natverk");
    expect(page?.memberOrganisations.map((o) => o.name)).toEqual(["Testverket"]);
    expect(page?.coordinators.map((c) => c.email)).toEqual(["leyla.karimi@example.org"]);
    // Requiring MFA for an organisation is the admin's to set.
    expect((await saveOrganisation(admin, created.id!, { ...org, requireMfa: true }, meta)).ok).toBe(true);
    expect((await db.select().from(organisations).where(eq(organisations.id, created.id!)))[0]?.requireMfa).toBe(true);
  });

  it("lets a coordinator manage their own network and its groups, and nothing else", async () => {
    const coordinator = await actorByEmail("annika.hedlund@example.org"); // Dalarna
    const group = await createNetwork(coordinator, "resurscentrum-dalarna", { name: "Arbetsgrupp: skola", slug: "dalarna-skola", description: "", kind: "working_group" }, meta);
    expect(group.ok).toBe(true);
    const person = await userByEmail("emma.bjork@example.org");
    expect(await setPerson(coordinator, "dalarna-skola", { email: person.email }, "member", true, meta)).toEqual({ ok: true });
    expect((await getNetworkPage(await actorByEmail("emma.bjork@example.org"), "dalarna-skola"))?.members.map((m) => m.email)).toContain(person.email);
    expect(await updateNetwork(coordinator, "resurscentrum-dalarna", { name: "Regionalt resurscentrum Dalarna", description: "Ny text" }, meta)).toEqual({ ok: true });

    const before = await db.select().from(networkOrganisations);
    const police = (await userByEmail("polisen@example.org")).organisationId;
    expect(await setMemberOrganisation(coordinator, "myndighetsnatverket", police, false, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await createNetwork(coordinator, null, { name: "X", slug: "x-top", description: "", kind: "authority_network" }, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await createNetwork(coordinator, "myndighetsnatverket", { name: "X", slug: "x-grp", description: "", kind: "working_group" }, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await saveOrganisation(coordinator, null, { ...org, name: "Annat verk" }, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await setPerson(coordinator, "myndighetsnatverket", { email: "emma.bjork@example.org" }, "coordinator", true, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await setMemberOrganisation(coordinator, "resurscentrum-dalarna", "not-a-uuid", true, meta)).toEqual({ ok: false, reason: "not_found" });
    expect(await db.select().from(networkOrganisations)).toHaveLength(before.length);
    expect(await db.select().from(networks).where(eq(networks.slug, "x-top"))).toHaveLength(0);
  });

  it("shows the manage page only to those who manage the network", async () => {
    expect(await getManagePage(await actorByEmail("polisen@example.org"), "myndighetsnatverket")).toBeNull();
    expect(await getManagePage(await actorByEmail("leyla.karimi@example.org"), "myndighetsnatverket")).toBeNull();
    expect((await getManagePage(await actorByEmail("samordnare@example.org"), "myndighetsnatverket"))?.members.length).toBeGreaterThan(20);
  });
});
