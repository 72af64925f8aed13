/**
 * Full-text search with PostgreSQL's `swedish` configuration over documents (title,
 * registration number, description, extracted text), posts, meetings and published
 * minutes. Each branch carries the same visibility rule as its pages; ranking and the
 * LIMIT come first, and snippets are made only for the hits shown.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "~/auth/policy";
import { rowsOf } from "~/lib/db.server";
import { HIT_END, HIT_START, INVISIBLE_IN_WORDS, type SearchKind } from "~/lib/search-kinds";
import { isCalendarDay } from "~/lib/time";
import { documentVisibleTo } from "./library.server";
import { networkVisibleTo } from "./networks.server";


export interface SearchFilter {
  q: string;
  network?: string;
  organisationId?: string;
  kind?: SearchKind;
  from?: string;
  to?: string;
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  networkSlug: string;
  networkName: string;
  at: Date;
  rank: number;
  snippet: string;
}

/** How many of each kind's newest matches are ranked (see search()). */
const CANDIDATES = 100;
/**
 * Whether a kind's candidates are found by walking its date index newest first, or by
 * its GIN index and a sort of all the matches. Walking finds CANDIDATES matches after
 * about CANDIDATES / share rows, collecting reads every match: walking wins once the
 * matches outnumber √(CANDIDATES × rows). For 100,000 documents that is about 3,200
 * matches; for 9,500 minutes about 1,000 (a fixed 5,000 had left a word found in 3,700
 * minutes to a 30 ms plan that joined every meeting). PostgreSQL's planner cannot tell
 * the two apart here, as it does not know how few of the rows the person may see.
 */
export function walks(estimate: number, rows: number): boolean {
  return estimate > Math.sqrt(CANDIDATES * Math.max(rows, estimate));
}

const SEARCHED = { document: "documents", update: "posts", meeting: "meetings", minutes: "meeting_minutes" } as const;

/** The planner's estimate of a kind's matches, from its statistics on the search column. */
async function estimatedMatches(kind: SearchKind, q: string): Promise<number> {
  const [row] = await rowsOf<Record<string, unknown>>(
    sql`explain (format json) select 1 from ${sql.raw(SEARCHED[kind])} where search @@ websearch_to_tsquery('swedish', ${q})`,
  );
  const raw = row?.["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan?: { "Plan Rows"?: number } }[] | undefined;
  return Number(plan?.[0]?.Plan?.["Plan Rows"] ?? 0);
}

/** Rows of each searched table, from PostgreSQL's statistics (-1 before its first analysis); read again every ten minutes. */
let tableRows: { at: number; rows: Promise<Map<string, number>> } | null = null;
function rowsPerTable(): Promise<Map<string, number>> {
  if (!tableRows || Date.now() - tableRows.at > 600_000) {
    const rows = rowsOf<{ relname: string; reltuples: number }>(
      sql`select relname, reltuples::float8 as reltuples from pg_class
          where oid in ('documents'::regclass, 'posts'::regclass, 'meetings'::regclass, 'meeting_minutes'::regclass)`,
    ).then((found) => new Map(found.map((r) => [r.relname, Number(r.reltuples)])));
    const entry = { at: Date.now(), rows };
    tableRows = entry;
    rows.catch(() => {
      if (tableRows === entry) tableRows = null;
    });
  }
  return tableRows.rows;
}

/**
 * Markdown as the text a reader sees, for snippets of posts and minutes: ts_headline cuts
 * and marks the source as it is, so a snippet showed `**handlingsplaner**` and link
 * targets. Applied to the shown hits only (the stored search vector never held the
 * marks: the parser drops punctuation). Links and images keep their text; emphasis,
 * code marks, headings, quotes, list markers and HTML tags go.
 */
export function markdownAsText(body: SQL): SQL {
  return MARKDOWN_TO_TEXT.reduce((text, [pattern, replacement, flags]) => sql`regexp_replace(${text}, ${pattern}, ${replacement}, ${flags})`, body);
}

/** PostgreSQL regular expressions, applied in order: [pattern, replacement, flags]. */
const MARKDOWN_TO_TEXT: [string, string, string][] = [
  // Links and images: their text.
  [String.raw`!?\[([^]\n]*)\]\([^)\n]*\)`, String.raw`\1`, "g"],
  [String.raw`<[^>\n]*>`, " ", "g"],
  // Line starts (newline-sensitive, so ^ is every line's start): headings, quotes, list items.
  [String.raw`^[ \t]*(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)`, "", "gn"],
  // Emphasis and code: runs of * ` ~, and underscores at the edge of a word (not inside snake_case).
  ["[*`~]+", "", "g"],
  [String.raw`(^|[^[:alnum:]])_+|_+([^[:alnum:]]|$)`, String.raw`\1\2`, "g"],
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function search(actor: Actor, filter: SearchFilter, limit = 30): Promise<SearchHit[]> {
  const q = filter.q.trim().slice(0, 200);
  if (q.length < 2) return [];
  const query = sql`websearch_to_tsquery('swedish', ${q})`;
  const networkFilter = filter.network ? sql`and ${sql.raw('"networks"')}.slug = ${filter.network}` : sql``;
  const org = filter.organisationId && UUID.test(filter.organisationId) ? filter.organisationId : undefined;
  const dateFilter = (column: SQL) =>
    sql`${filter.from && isCalendarDay(filter.from) ? sql`and ${column} >= ${filter.from}::date` : sql``}
        ${filter.to && isCalendarDay(filter.to) ? sql`and ${column} < (${filter.to}::date + 1)` : sql``}`;
  const wants = (kind: SearchKind) => !filter.kind || filter.kind === kind;

  // Each kind offers its newest CANDIDATES (100) matches (visibility applied), and only those
  // are ranked. A word in nearly every document ("samverkan") then costs a short walk
  // down the date index instead of ranking 100,000 rows; a rare word costs its GIN
  // lookup. Ranking stays exact whenever a kind has fewer matches than that, which is
  // every specific search; for very common words the newest matches win, which is what
  // people of a network looking for recent material want. Only narrow rows travel;
  // titles, networks and snippets are fetched for the shown hits.
  const kinds = (Object.keys(SEARCHED) as SearchKind[]).filter((kind) => wants(kind) && (!org || kind === "document" || kind === "update"));
  const [estimates, tables] = await Promise.all([
    Promise.all(kinds.map(async (kind) => [kind, await estimatedMatches(kind, q)] as const)).then((pairs) => new Map(pairs)),
    rowsPerTable(),
  ]);
  // Newest first, through the date index for common words; `+ interval '0'` hides the
  // index from the planner for the rest, so that it collects the matches through GIN.
  const newest = (kind: SearchKind, column: SQL) =>
    walks(estimates.get(kind) ?? 0, tables.get(SEARCHED[kind]) ?? 0) ? sql`${column} desc` : sql`${column} + interval '0' desc`;
  // Every branch names its columns: a union takes its names from the first branch, which
  // is not the document one when a kind or organisation filter leaves documents out.
  const branches: SQL[] = [];
  if (wants("document")) {
    branches.push(sql`(
      select 'document'::text as kind, documents.id, documents.search as vector, documents.updated_at as at
      from documents join networks on networks.id = documents.network_id
      where documents.search @@ ${query} and ${documentVisibleTo(actor)} ${networkFilter}
        ${org ? sql`and documents.organisation_id = ${org}` : sql``} ${dateFilter(sql`documents.updated_at`)}
      order by ${newest("document", sql`documents.updated_at`)} limit ${CANDIDATES})`);
  }
  // An update may go to several networks; it is one hit if any of them is visible.
  const updateNetworks = (postId: SQL) => sql`from post_networks spn join networks on networks.id = spn.network_id
        where spn.post_id = ${postId} and ${networkVisibleTo(actor)} ${networkFilter}`;
  if (wants("update")) {
    branches.push(sql`(
      select 'update'::text as kind, posts.id, posts.search as vector, posts.created_at as at
      from posts
      where posts.search @@ ${query} and posts.deleted_at is null and exists (select 1 ${updateNetworks(sql`posts.id`)})
        ${org ? sql`and posts.organisation_id = ${org}` : sql``} ${dateFilter(sql`posts.created_at`)}
      order by ${newest("update", sql`posts.created_at`)} limit ${CANDIDATES})`);
  }
  // Meetings and minutes belong to networks, not organisations: an organisation filter leaves them out.
  if (wants("meeting") && !org) {
    branches.push(sql`(
      select 'meeting'::text as kind, meetings.id, meetings.search as vector, coalesce(meetings.starts_at, meetings.created_at) as at
      from meetings join networks on networks.id = meetings.network_id
      where meetings.search @@ ${query} and ${networkVisibleTo(actor)} ${networkFilter}
        ${dateFilter(sql`coalesce(meetings.starts_at, meetings.created_at)`)}
      order by ${newest("meeting", sql`coalesce(meetings.starts_at, meetings.created_at)`)} limit ${CANDIDATES})`);
  }
  if (wants("minutes") && !org) {
    branches.push(sql`(
      select 'minutes'::text as kind, meetings.id, meeting_minutes.search as vector, meeting_minutes.published_at as at
      from meeting_minutes join meetings on meetings.id = meeting_minutes.meeting_id join networks on networks.id = meetings.network_id
      where meeting_minutes.search @@ ${query} and meeting_minutes.status = 'published' and ${networkVisibleTo(actor)} ${networkFilter}
        ${dateFilter(sql`meeting_minutes.published_at`)}
      order by ${newest("minutes", sql`meeting_minutes.published_at`)} limit ${CANDIDATES})`);
  }
  if (branches.length === 0) return [];
  const union = sql.join(branches, sql` union all `);
  const statement = sql`
    with top as (select kind, id, ts_rank(vector, ${query}) as rank, at from (${union}) hits order by rank desc, at desc limit ${limit})
    select top.kind, top.id, top.rank, top.at,
           coalesce(d.title, p.title, m.title) as title, n.slug as network_slug, n.name as network_name,
           ts_headline('swedish',
             translate(case top.kind when 'document' then d.description || ' ' || left(d.content_text, 20000)
                           when 'update' then ${markdownAsText(sql`p.body`)} when 'meeting' then m.description
                           else ${markdownAsText(sql`mm.body`)} end, ${INVISIBLE_IN_WORDS}, ''),
             ${query},
             ${`StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet
    from top
    left join documents d on top.kind = 'document' and d.id = top.id
    left join posts p on top.kind = 'update' and p.id = top.id
    left join meetings m on top.kind in ('meeting', 'minutes') and m.id = top.id
    left join meeting_minutes mm on top.kind = 'minutes' and mm.meeting_id = top.id
    join lateral (
      select networks.slug, networks.name from networks
      where networks.id = coalesce(d.network_id, m.network_id)
         or (top.kind = 'update' and networks.id in (select spn.network_id ${updateNetworks(sql`p.id`)}))
      order by networks.name limit 1
    ) n on true
    order by top.rank desc, top.at desc`;
  const rows = await rowsOf<Record<string, unknown>>(statement);
  return rows.map((r) => ({
    kind: r.kind as SearchKind,
    id: String(r.id),
    title: String(r.title),
    networkSlug: String(r.network_slug),
    networkName: String(r.network_name),
    at: new Date(r.at as string),
    rank: Number(r.rank),
    snippet: String(r.snippet ?? ""),
  }));
}
