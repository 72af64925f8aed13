import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server";

describe("renderMarkdown", () => {
  it("renders ordinary formatting", () => {
    const html = renderMarkdown("# Beslut\n\n**Viktigt:** läs [rapporten](https://example.org/r.pdf).\n\n- ett\n- två");
    expect(html).toContain("<h3>Beslut</h3>");
    expect(html).toContain("<strong>Viktigt:</strong>");
    expect(html).toContain('<a href="https://example.org/r.pdf" rel="noopener noreferrer nofollow">rapporten</a>');
    expect(html).toContain("<li>två</li>");
  });

  it.each([
    ['<script>alert("x")</script>', "<script"],
    ['<img src=x onerror="alert(1)">', "onerror"],
    ["[klicka](javascript:alert(1))", "javascript:"],
    ['<a href="https://x" onclick="alert(1)">x</a>', "onclick"],
    ["<iframe src=https://evil.example></iframe>", "<iframe"],
    ['<svg><script>alert(1)</script></svg>', "<svg"],
    ["<style>body{display:none}</style>", "<style"],
  ])("removes %s", (input, forbidden) => {
    expect(renderMarkdown(input).toLowerCase()).not.toContain(forbidden);
  });
});
