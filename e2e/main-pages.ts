import type { Page } from "@playwright/test";
import { DEMO, expect, signIn } from "./fixtures";

/** The demo people whose journeys the page sweeps walk, and the network each works in. */
export const PEOPLE = [
  { role: "admin", email: DEMO.admin, network: "myndighetsnatverket" },
  { role: "coordinator", email: DEMO.coordinator, network: "myndighetsnatverket" },
  { role: "member", email: DEMO.police, network: "myndighetsnatverket" },
  { role: "NGO member", email: DEMO.ngo, network: "ideella-organisationer" },
] as const;
export type Person = (typeof PEOPLE)[number];

async function html(page: Page, path: string): Promise<string> {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return response.text();
}

/** The links on the page at `path` whose hrefs match `pattern` (paths with an id), in page order. */
async function links(page: Page, path: string, pattern: string): Promise<string[]> {
  return (await html(page, path)).match(new RegExp(pattern, "g")) ?? [];
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/**
 * Signs `person` in and finds the main pages of their journeys: home, their network and its
 * feed, an update, the meetings list and month view, a meeting and its minutes, the library,
 * a document, search, notifications, account, assignments, action items, an organisation
 * page, and (for coordinators) the network's management and (for the admin) the admin pages.
 */
export async function mainPages(page: Page, person: Person): Promise<string[]> {
  await signIn(page, person.email);
  const network = `/networks/${person.network}`;
  const meetings = `${network}/meetings`;
  // The demo data's meetings and library are in Myndighetsnätverket only; its past meeting,
  // listed last, has published minutes.
  const meeting = (await links(page, meetings, `/meetings/${UUID}`)).at(-1);
  const update = (await links(page, `${network}/updates`, `/updates/${UUID}`))[0];
  const document = (await links(page, "/search?q=handlingsplan", `/documents/${UUID}`))[0];
  const organisation = (await links(page, network, `/organisations/${UUID}`))[0];
  const pages = [
    "/",
    network,
    `${network}/updates`,
    ...(update ? [update] : []),
    meetings,
    `${meetings}?view=month`,
    ...(meeting ? [meeting, `${meeting}/minutes`] : []),
    `${network}/library`,
    ...(document ? [document] : []),
    "/search?q=handlingsplan",
    "/notifications",
    "/account",
    "/assignments",
    "/action-items",
    `${network}/action-items`,
    ...(organisation ? [organisation] : []),
  ];
  if (person.network === "myndighetsnatverket") {
    expect(update && meeting && document && organisation, `the demo data's update, meeting, document and organisation for ${person.email}`).toBeTruthy();
  }
  if (person.role === "coordinator" || person.role === "admin") pages.push(`${network}/manage`, `${network}/library/trash`);
  if (person.role === "admin") {
    pages.push("/admin/organisations", "/admin/networks", "/admin/audit", "/admin/outbox");
    pages.push(...(await links(page, "/admin/organisations", `/admin/organisations/${UUID}`)).slice(0, 1));
  }
  return pages;
}
