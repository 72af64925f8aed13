/**
 * The backport of React's fix for NUL bytes in streamed HTML (app/patches, applied by
 * `postinstall`; docs/decisions/012-react-nul-backport.md). React 18.3's
 * renderToPipeableStream, which app/entry.server.tsx renders every page with, encodes into
 * 2,048-byte views; when a multi-byte character did not fit at the end of a view it sent
 * the whole view, its unwritten last byte(s) included. Both builds of the Node stream
 * renderer are tested: the development one (vitest, `remix dev`) and the production one
 * (`remix build`, the e2e and process tests, production).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Writable } from "node:stream";
import type { ReactElement } from "react";
import type * as ReactDomServer from "react-dom/server";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

type Build = "development" | "production.min";
const BUILDS: Build[] = ["development", "production.min"];

// The files react-dom/server.node.js loads by NODE_ENV (its "exports" hide them from require).
const CJS = path.join(path.dirname(require.resolve("react-dom/package.json")), "cjs");
const streamRenderer = (build: Build) => path.join(CJS, `react-dom-server.node.${build}.js`);
const stream = (build: Build) => require(streamRenderer(build)) as Pick<typeof ReactDomServer, "renderToPipeableStream">;
const legacy = (build: Build) =>
  require(path.join(CJS, `react-dom-server-legacy.node.${build}.js`)) as Pick<typeof ReactDomServer, "renderToString">;

/** What entry.server does: the whole document, once every part is ready, into one buffer. */
function streamToBuffer(build: Build, tree: ReactElement): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(Buffer.from(chunk));
        callback();
      },
      final(callback) {
        resolve(Buffer.concat(chunks));
        callback();
      },
    });
    const { pipe } = stream(build).renderToPipeableStream(tree, {
      onAllReady: () => pipe(sink),
      onShellError: reject,
    });
  });
}

// Each paragraph is written as a few short string chunks (React sends strings longer than
// 682 characters past the view), so a character of the item falls on the end of a view.
// Padding the heading by 0 … (item length + 1) bytes moves every byte of the item,
// the multi-byte character included, across each 2,048-byte boundary.
const CHARACTERS = [
  { name: "two-byte ä", char: "ä" },
  { name: "three-byte –", char: "–" },
];
const ITEMS = 250;
const item = (char: string, i: number) => `Myndighetsn${char}tverket ${i}`;

function page(char: string, pad: number): ReactElement {
  return (
    <main>
      <h1>{"x".repeat(pad)}</h1>
      {Array.from({ length: ITEMS }, (_, i) => (
        <p key={i}>{item(char, i)}</p>
      ))}
    </main>
  );
}

describe("streamed HTML (react-dom's Node stream renderer)", () => {
  it("carries the backported fix in both builds (npm ci runs patch-package)", () => {
    for (const build of BUILDS) {
      const source = fs.readFileSync(streamRenderer(build), "utf8");
      expect(source.includes("Patched (Nätverksportalen, app/patches)"), streamRenderer(build)).toBe(true);
    }
  });

  for (const build of BUILDS) {
    for (const { name, char } of CHARACTERS) {
      it(`${build}: a ${name} at every offset around a 2,048-byte boundary streams the bytes renderToString makes`, async () => {
        const period = Buffer.byteLength(`<p>${item(char, 100)}</p>`) + 1;
        let crossings = 0;
        for (let pad = 0; pad <= period; pad++) {
          const tree = page(char, pad);
          const streamed = await streamToBuffer(build, tree);
          const expected = Buffer.from(legacy(build).renderToString(tree), "utf8");
          expect(streamed.length).toBeGreaterThan(3 * 2048);
          expect(streamed.indexOf(0), `NUL byte with padding ${pad}`).toBe(-1);
          expect(streamed.equals(expected), `bytes differ with padding ${pad}`).toBe(true);
          // The test is worth something only if multi-byte characters did straddle a boundary.
          for (let boundary = 2048; boundary < expected.length; boundary += 2048) {
            if ((expected[boundary]! & 0xc0) === 0x80) crossings++;
          }
        }
        expect(crossings).toBeGreaterThan(0);
      });
    }
  }
});
