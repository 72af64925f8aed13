import { DEMO, expect, expectAccessible, ORIGIN, signIn, test } from "./fixtures";

test.describe("updates API", () => {
  test("a personal access token made on the account page posts updates; bad input gets clear errors; revoked tokens stop", async ({ page, playwright }) => {
    await signIn(page, DEMO.police);
    await page.goto("/account");
    await page.getByLabel("Namn på nyckeln").fill("Ärendesystemet");
    await page.getByRole("button", { name: "Skapa nyckel" }).click();
    const token = (await page.getByTestId("new-token").innerText()).trim();
    expect(token).toMatch(/^np_[A-Za-z0-9_-]{40,}$/);
    await expect(page.getByTestId("tokens")).toContainText("Ärendesystemet");
    await expectAccessible(page);

    // A client with no cookies at all, as an agency's system would be.
    const api = await playwright.request.newContext({ baseURL: ORIGIN });
    const auth = { Authorization: `Bearer ${token}` };
    const post = (data: unknown, headers: Record<string, string> = auth) => api.post("/api/v1/updates", { data, headers });

    const created = await post({ network: "myndighetsnatverket", title: "Publicerat via API", body: "Från **ärendesystemet**.", kind: "lesson_learned" });
    expect(created.status()).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({ title: "Publicerat via API", kind: "lesson_learned", organisation: "Polismyndigheten", networks: ["myndighetsnatverket"] });
    await page.goto(`/updates/${body.id}`);
    await expect(page.getByTestId("post-body").locator("strong")).toHaveText("ärendesystemet");

    // Without kind it is a progress update.
    expect((await (await post({ network: "myndighetsnatverket", title: "Utan typ" })).json()).kind).toBe("progress");

    const cases: [unknown, number, RegExp][] = [
      [{ network: "ideella-organisationer", title: "Fel nätverk" }, 404, /network/],
      [{ network: "myndighetsnatverket", title: "Fel uppdrag", assignment: "00000000-0000-4000-8000-000000000000" }, 404, /assignment/],
      [{ network: "myndighetsnatverket", title: "   " }, 400, /title must not be empty/],
      [{ network: "myndighetsnatverket", title: "x".repeat(201) }, 400, /too long/],
      [{ network: "myndighetsnatverket", title: "Okänd typ", kind: "gossip" }, 400, /kind/],
      [{ network: "myndighetsnatverket", title: "Stor", body: "a".repeat(100_001) }, 413, /at most 100000 bytes/],
    ];
    for (const [data, status, message] of cases) {
      const response = await post(data);
      expect(response.status(), JSON.stringify(data).slice(0, 80)).toBe(status);
      expect((await response.json()).message).toMatch(message);
    }
    const notJson = await api.post("/api/v1/updates", { data: "title=x", headers: { ...auth, "Content-Type": "application/x-www-form-urlencoded" } });
    expect(notJson.status()).toBe(415);
    const broken = await api.post("/api/v1/updates", { data: "{not json", headers: { ...auth, "Content-Type": "application/json" } });
    expect(broken.status()).toBe(400);

    // Another organisation's assignment id is 404 too.
    await page.goto("/assignments");
    const foreign = await page.getByTestId("assignments").getByRole("link", { name: /Kunskapsstöd om hedersrelaterat våld/ }).getAttribute("href");
    const foreignResponse = await post({ network: "myndighetsnatverket", title: "Lånat uppdrag", assignment: foreign!.split("/").pop() });
    expect(foreignResponse.status()).toBe(404);

    // No token, a wrong token: 401.
    expect((await post({ network: "myndighetsnatverket", title: "x" }, {})).status()).toBe(401);
    expect((await post({ network: "myndighetsnatverket", title: "x" }, { Authorization: "Bearer np_wrong" })).status()).toBe(401);

    // The browser session works from the portal's own origin, not from elsewhere.
    const sameOrigin = await page.request.post("/api/v1/updates", { data: { network: "myndighetsnatverket", title: "Via sessionen" }, headers: { Origin: ORIGIN } });
    expect(sameOrigin.status()).toBe(201);
    const foreignOrigin = await page.request.post("/api/v1/updates", { data: { network: "myndighetsnatverket", title: "CSRF" }, headers: { Origin: "https://evil.example" } });
    expect(foreignOrigin.status()).toBe(403);

    // Revoked on the account page: the token stops working at once.
    await page.goto("/account");
    await page.getByRole("button", { name: "Återkalla: Ärendesystemet" }).click();
    await expect(page.getByText("Nyckeln är återkallad")).toBeVisible();
    expect((await post({ network: "myndighetsnatverket", title: "Efter återkallelse" })).status()).toBe(401);
    await api.dispose();
  });
});
