/**
 * A folder page costs the same number of SQL statements whether the folder holds 100
 * documents or 10,000, on its first page and deep into it: the page is built from a
 * fixed set of queries (keyset pagination, one count), never one query per document.
 * Counted through the same hook the request log and the benchmark use.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { countQueries } from "../../db/query-counter";
import { sessionCookie } from "~/auth/guard.server";
import { createSession } from "~/auth/session.server";
import { db } from "~/lib/db.server";
import { createFolder, encodeCursor, PAGE_SIZE } from "~/models/library.server";
import { actorByEmail, networkBySlug, seedDemo, userByEmail } from "~/test/demo";
import { loader } from "./networks.$slug_.library";

const SLUG = "myndighetsnatverket";
const MEMBER = "polisen@example.org";
const meta = { ip: "127.0.0.1", userAgent: "vitest" };

let cookie = "";
const folderIds: Record<"small" | "big", string> = { small: "", big: "" };

/** `count` open documents with one version each, titled so that they sort by number. */
async function fillFolder(folderId: string, networkId: string, organisationId: string, count: number) {
  await db.execute(sql`
    with made as (
      insert into documents (network_id, folder_id, title, organisation_id, classification, content_text)
      select ${networkId}, ${folderId}, 'Dokument ' || lpad(n::text, 5, '0'), ${organisationId}, 'open', 'Handlingsplan nummer ' || n
      from generate_series(1, ${count}) as n
      returning id, title
    )
    insert into document_versions (document_id, number, storage_key, file_name, mime_type, size, sha256, scan)
    select id, 1, 'bench/' || id, title || '.txt', 'text/plain', 1000, repeat('0', 64), 'not_scanned' from made`);
}

async function load(url: string) {
  const request = new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });
  return countQueries(async () => {
    const result = (await loader({ request, params: { slug: SLUG }, context: { ip: "127.0.0.1", requestId: "test" } } as never)) as {
      documents: { title: string }[];
      total: number;
      next: string | null;
    };
    return result;
  });
}

beforeAll(async () => {
  await seedDemo();
  const actor = await actorByEmail(MEMBER);
  const user = await userByEmail(MEMBER);
  const network = await networkBySlug(SLUG);
  for (const [key, size] of [
    ["small", 100],
    ["big", 10_000],
  ] as const) {
    const made = await createFolder(actor, SLUG, null, `Mätning ${size}`, meta);
    if (!made.ok) throw new Error(`folder not made: ${JSON.stringify(made)}`);
    folderIds[key] = made.id;
    await fillFolder(made.id, network.id, user.organisationId!, size);
  }
  await db.execute(sql`analyze documents`);
  const session = await createSession(user.id, meta);
  cookie = sessionCookie(new Request("http://localhost/"), session.token).split(";")[0]!;
}, 120_000);

describe("the folder page's query count", () => {
  it("is the same for 100 and 10,000 documents, first page and deep page", async () => {
    const small = await load(`/networks/${SLUG}/library?folder=${folderIds.small}`);
    const big = await load(`/networks/${SLUG}/library?folder=${folderIds.big}`);
    const deepCursor = encodeCursor({ title: "Dokument 09000", id: "00000000-0000-4000-8000-000000000000" });
    const deep = await load(`/networks/${SLUG}/library?folder=${folderIds.big}&after=${deepCursor}`);

    // The pages really show what the folders hold…
    expect(small.result.total).toBe(100);
    expect(small.result.documents).toHaveLength(PAGE_SIZE);
    expect(big.result.total).toBe(10_000);
    expect(big.result.documents[0]!.title).toBe("Dokument 00001");
    expect(deep.result.documents[0]!.title).toBe("Dokument 09000");
    expect(deep.result.next).not.toBeNull();
    // …and cost the same, small number of statements.
    expect(big.queries).toBe(small.queries);
    expect(deep.queries).toBe(small.queries);
    expect(small.queries).toBeLessThanOrEqual(10);
  });
});
