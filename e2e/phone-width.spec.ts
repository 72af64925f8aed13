import path from "node:path";
import { expect, test } from "./fixtures";
import { mainPages, PEOPLE } from "./main-pages";

const PHONE = { width: 390, height: 844 };
// E2E_SCREENSHOTS=<folder> saves a full-page screenshot of every page, to look at them.
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

test.describe("every main page fits a 390 px phone", () => {
  // Not isMobile: a mobile viewport widens itself to fit the content, which would hide the fault.
  test.use({ viewport: PHONE });

  for (const person of PEOPLE.filter((p) => p.role !== "NGO member")) {
    test(`no page is wider than the screen (${person.role})`, async ({ page }) => {
      test.setTimeout(240_000);
      const pages = await mainPages(page, person);
      const tooWide: string[] = [];
      for (const url of pages) {
        expect((await page.goto(url))?.status(), url).toBe(200);
        const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
          // The elements that reach past the right edge and are not inside a box that scrolls or clips them.
          const clipped = (el: Element) => {
            for (let p = el.parentElement; p; p = p.parentElement) {
              if (p === document.body) return false;
              const o = getComputedStyle(p).overflowX;
              if (o !== "visible") return true;
            }
            return false;
          };
          const culprits = [...document.querySelectorAll("body *")]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(el))
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} (${Math.round(el.getBoundingClientRect().right)} px)`);
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits };
        });
        expect(innerWidth).toBe(PHONE.width);
        if (scrollWidth > innerWidth) tooWide.push(`${url}: ${scrollWidth} px > ${innerWidth} px: ${culprits.join(", ")}`);
        if (SCREENSHOTS) {
          const name = url.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home";
          await page.screenshot({ path: path.join(SCREENSHOTS, `${person.role}-${name}.png`), fullPage: true });
        }
      }
      expect(tooWide, `pages wider than ${PHONE.width} px`).toEqual([]);
    });
  }
});
