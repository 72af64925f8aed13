import { expect, test } from "./fixtures";
import { mainPages, PEOPLE } from "./main-pages";

test.describe("every main page, as each demo person", () => {
  for (const person of PEOPLE) {
    test(`carries no NUL byte (${person.role})`, async ({ page }) => {
      // Swedish text put a NUL where a multi-byte character met the end of React's
      // 2,048-byte view (docs/decisions/012-react-nul-backport.md).
      const pages = await mainPages(page, person);
      for (const path of pages) {
        const response = await page.request.get(path);
        expect(response.status(), path).toBe(200);
        const body = await response.body();
        expect(response.headers()["content-type"], path).toContain("text/html");
        expect(body.indexOf(0), `NUL byte in ${path} at ${body.indexOf(0)}`).toBe(-1);
      }
      console.log(`${person.role}: ${pages.length} pages: ${pages.join(" ")}`);
    });
  }
});
