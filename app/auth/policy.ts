/**
 * The access policy as a pure function, shared by server and UI. The server's
 * queries apply the same rules in SQL (see app/models); a test holds the two together.
 */
export interface Actor {
  userId: string;
  organisationId: string;
  isPlatformAdmin: boolean;
  isOrgAdmin: boolean;
}

/** What the policy needs to know about a network or group. */
export interface NetworkFacts {
  id: string;
  memberOrganisationIds: readonly string[];
  coordinatorIds: readonly string[];
  memberIds: readonly string[];
  /** Coordinators of the parent network, for groups. */
  parentCoordinatorIds: readonly string[];
}

export type Permission =
  | { action: "network:view"; network: NetworkFacts }
  | { action: "network:manage"; network: NetworkFacts }
  | { action: "organisation:view"; organisationId: string; visibleNetworksWithOrganisation: number }
  | { action: "organisation:manage"; organisationId: string };

function coordinates(actor: Actor, n: NetworkFacts): boolean {
  return n.coordinatorIds.includes(actor.userId) || n.parentCoordinatorIds.includes(actor.userId);
}

export function can(actor: Actor | null, permission: Permission): boolean {
  if (!actor) return false;
  switch (permission.action) {
    case "network:view": {
      const n = permission.network;
      return (
        actor.isPlatformAdmin ||
        n.memberOrganisationIds.includes(actor.organisationId) ||
        n.memberIds.includes(actor.userId) ||
        coordinates(actor, n)
      );
    }
    case "network:manage":
      return actor.isPlatformAdmin || coordinates(actor, permission.network);
    case "organisation:view":
      return (
        actor.isPlatformAdmin ||
        actor.organisationId === permission.organisationId ||
        permission.visibleNetworksWithOrganisation > 0
      );
    case "organisation:manage":
      return actor.isPlatformAdmin || (actor.isOrgAdmin && actor.organisationId === permission.organisationId);
  }
}

export function actorOf(user: {
  id: string;
  organisationId: string;
  isPlatformAdmin: boolean;
  isOrgAdmin: boolean;
}): Actor {
  return {
    userId: user.id,
    organisationId: user.organisationId,
    isPlatformAdmin: user.isPlatformAdmin,
    isOrgAdmin: user.isOrgAdmin,
  };
}
