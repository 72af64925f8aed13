import { describe, expect, it } from "vitest";
import { type Actor, can, type NetworkFacts } from "./policy";

const actor = (over: Partial<Actor> = {}): Actor => ({
  userId: "u1",
  organisationId: "o1",
  isPlatformAdmin: false,
  isOrgAdmin: false,
  ...over,
});
const network = (over: Partial<NetworkFacts> = {}): NetworkFacts => ({
  id: "n1",
  memberOrganisationIds: [],
  coordinatorIds: [],
  memberIds: [],
  parentCoordinatorIds: [],
  ...over,
});

describe("can(actor, network:view)", () => {
  const cases: [string, Actor | null, NetworkFacts, boolean][] = [
    ["nobody signed in", null, network({ memberOrganisationIds: ["o1"] }), false],
    ["a contact of a member organisation", actor(), network({ memberOrganisationIds: ["o1"] }), true],
    ["a contact of another organisation", actor(), network({ memberOrganisationIds: ["o2"] }), false],
    ["a named group member", actor(), network({ memberIds: ["u1"] }), true],
    ["a coordinator", actor(), network({ coordinatorIds: ["u1"] }), true],
    ["the parent network's coordinator", actor(), network({ parentCoordinatorIds: ["u1"] }), true],
    ["a platform admin", actor({ isPlatformAdmin: true }), network(), true],
    ["an organisation admin of a non-member", actor({ isOrgAdmin: true }), network({ memberOrganisationIds: ["o2"] }), false],
  ];
  it.each(cases)("%s → %s", (_label, who, n, expected) => {
    expect(can(who, { action: "network:view", network: n })).toBe(expected);
  });
});

describe("can(actor, network:manage)", () => {
  it("lets coordinators and admins manage, not plain members", () => {
    const n = network({ memberOrganisationIds: ["o1"], coordinatorIds: ["c1"], parentCoordinatorIds: ["p1"] });
    expect(can(actor(), { action: "network:manage", network: n })).toBe(false);
    expect(can(actor({ userId: "c1" }), { action: "network:manage", network: n })).toBe(true);
    expect(can(actor({ userId: "p1" }), { action: "network:manage", network: n })).toBe(true);
    expect(can(actor({ isPlatformAdmin: true }), { action: "network:manage", network: n })).toBe(true);
  });
});

describe("can(actor, organisation:*)", () => {
  it("shows an organisation to its own people, to admins and to those who share a network", () => {
    const view = (a: Actor, shared: number) =>
      can(a, { action: "organisation:view", organisationId: "o2", visibleNetworksWithOrganisation: shared });
    expect(view(actor(), 0)).toBe(false);
    expect(view(actor(), 1)).toBe(true);
    expect(view(actor({ organisationId: "o2" }), 0)).toBe(true);
    expect(view(actor({ isPlatformAdmin: true }), 0)).toBe(true);
  });

  it("lets only the organisation's own admin (or a platform admin) manage it", () => {
    const manage = (a: Actor) => can(a, { action: "organisation:manage", organisationId: "o1" });
    expect(manage(actor())).toBe(false);
    expect(manage(actor({ isOrgAdmin: true }))).toBe(true);
    expect(manage(actor({ isOrgAdmin: true, organisationId: "o2" }))).toBe(false);
    expect(manage(actor({ isPlatformAdmin: true, organisationId: "o2" }))).toBe(true);
  });
});
