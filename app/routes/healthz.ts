import { connection } from "~/lib/db.server";

/** For load balancers: 200 when the database answers, 503 when it does not. */
export async function loader() {
  try {
    await connection.ping(2000);
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
