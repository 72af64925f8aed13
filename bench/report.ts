/**
 * The benchmark's written results: latest.json (the figures), latest.md (the same as a
 * report, with each target checked) and ratios.svg (a chart of the ratios to the
 * baseline). The SVG is a handful of rectangles, drawn here rather than by a charting
 * library.
 */
import fs from "node:fs";
import path from "node:path";

export interface PageResult {
  name: string;
  url: string;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  baseline_rps: number;
  baseline_p50_ms: number;
  baseline_p99_ms: number;
  /** The fixed rate of the latency runs: half the baseline's maximum. */
  fixed_rate: number;
  ratio_rps: number;
  ratio_p99: number;
  /** The stack floor (bench/floor.ts): Remix and React with the baseline's SQL and nothing of the portal. */
  floor_rps: number;
  /** floor_rps ÷ baseline_rps: the most any work on the portal's own code could reach. */
  floor_ratio_rps: number;
  queries: number;
  errors: number;
  baseline_errors: number;
  requests: number;
}

export interface UploadResult {
  bytes: number;
  mb_s: number;
  dd_mb_s: number;
  ratio: number;
  peak_rss_mb: number;
  rss_before_mb: number;
  sha256_matches: boolean;
}

export interface BenchResults {
  generated_at: string;
  mode: string;
  machine: { cpus: number; cpu_model: string; memory_gb: number; node: string; postgres: string; os: string };
  data: Record<string, number>;
  generate_s: number;
  settings: { connections: number; warmup_s: number; run_s: number; runs: number };
  pages: PageResult[];
  /** p50/p99 at the fixed rate (as the pages), and one search at a time with nothing else running. */
  search: { docs: number; terms: number; p50_ms: number; p99_ms: number; rate: number; one_at_a_time?: { p50_ms: number; p99_ms: number; requests: number } };
  upload: UploadResult[];
  cold_start_ms: number;
  cold_starts_ms: number[];
  total_s: number;
}

export const TARGETS = {
  ratioRps: 0.5,
  ratioP99: 2,
  searchP99Ms: 100,
  uploadRatio: 0.8,
  uploadPeakRssMb: 200,
  coldStartMs: 2000,
} as const;

export interface Check {
  target: string;
  measured: string;
  met: boolean;
}

export function checkTargets(r: BenchResults): Check[] {
  const checks: Check[] = [];
  for (const p of r.pages) {
    checks.push({ target: `${p.name}: req/s ≥ ${TARGETS.ratioRps}× baseline`, measured: `${p.ratio_rps}×`, met: p.ratio_rps >= TARGETS.ratioRps });
    checks.push({ target: `${p.name}: p99 ≤ ${TARGETS.ratioP99}× baseline`, measured: `${p.ratio_p99}×`, met: p.ratio_p99 <= TARGETS.ratioP99 });
  }
  const alone = r.search.one_at_a_time;
  if (alone) {
    checks.push({
      target: `search p99 < ${TARGETS.searchP99Ms} ms at ${r.search.docs.toLocaleString("en")} documents, one search at a time`,
      measured: `${alone.p99_ms} ms`,
      met: alone.p99_ms < TARGETS.searchP99Ms,
    });
  }
  checks.push({
    target: `search p99 < ${TARGETS.searchP99Ms} ms at ${r.search.docs.toLocaleString("en")} documents, at ${r.search.rate} req/s`,
    measured: `${r.search.p99_ms} ms`,
    met: r.search.p99_ms < TARGETS.searchP99Ms,
  });
  for (const u of r.upload) {
    const mib = Math.round(u.bytes / 1024 / 1024);
    checks.push({ target: `upload ${mib} MiB ≥ ${TARGETS.uploadRatio}× dd`, measured: `${u.ratio}×`, met: u.ratio >= TARGETS.uploadRatio });
    checks.push({ target: `upload ${mib} MiB peak RSS < ${TARGETS.uploadPeakRssMb} MB`, measured: `${u.peak_rss_mb} MB`, met: u.peak_rss_mb < TARGETS.uploadPeakRssMb });
    checks.push({ target: `upload ${mib} MiB stored checksum matches`, measured: u.sha256_matches ? "yes" : "no", met: u.sha256_matches });
  }
  checks.push({ target: `cold start < ${TARGETS.coldStartMs} ms`, measured: `${r.cold_start_ms} ms`, met: r.cold_start_ms < TARGETS.coldStartMs });
  const errors = r.pages.reduce((s, p) => s + p.errors + p.baseline_errors, 0);
  checks.push({ target: "zero errors in every run", measured: String(errors), met: errors === 0 });
  const folders = r.pages.filter((p) => p.name.startsWith("folder"));
  const counts = new Set(folders.map((p) => p.queries));
  // A partial run (--only) may measure one folder or none; there is nothing to compare then.
  if (folders.length >= 2) checks.push({ target: "same queries per page for 100 and 10,000 documents", measured: folders.map((p) => p.queries).join(" / "), met: counts.size === 1 });
  return checks;
}

function markdown(r: BenchResults): string {
  const checks = checkTargets(r);
  const lines = [
    `# Benchmark results (${r.mode})`,
    "",
    `${r.generated_at} · ${r.machine.cpus} × ${r.machine.cpu_model}, ${r.machine.memory_gb} GB · Node ${r.machine.node} · PostgreSQL ${r.machine.postgres} · ${r.machine.os}`,
    "",
    `Data: ${Object.entries(r.data)
      .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
      .join(", ")} (${r.generate_s ? `generated in ${r.generate_s} s` : "generated earlier, reused"}). ${r.settings.connections} connections, ${r.settings.warmup_s} s warm-up, median of ${r.settings.runs} runs of ${r.settings.run_s} s. Latency at a fixed rate of half the baseline's maximum (autocannon's overallRate: every connection sends its share of each second's requests at the start of that second, so p99 includes the wait behind that burst). Whole run: ${r.total_s} s.`,
    "",
    "| Page | req/s | baseline req/s | ratio | stack floor req/s | floor ratio | p50 ms | p99 ms | baseline p99 ms | p99 ratio | queries | errors |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...r.pages.map(
      (p) =>
        `| ${p.name} | ${p.rps} | ${p.baseline_rps} | ${p.ratio_rps} | ${p.floor_rps ?? "–"} | ${p.floor_ratio_rps ?? "–"} | ${p.p50_ms} | ${p.p99_ms} | ${p.baseline_p99_ms} | ${p.ratio_p99} | ${p.queries} | ${p.errors} |`,
    ),
    "",
    "The stack floor (`bench/floor.ts`) is the portal's fixed stack with nothing of the portal in it: Express, Remix's server runtime with the portal's future flags, and React rendering the baseline's rows, with the baseline's SQL. Its ratio to the baseline is the most that work on the portal's own code could reach.",
    "",
    `Search over ${r.search.docs.toLocaleString("en")} documents, ${r.search.terms} rotating terms, at ${r.search.rate} req/s: p50 ${r.search.p50_ms} ms, p99 ${r.search.p99_ms} ms.` +
      (r.search.one_at_a_time
        ? ` One search at a time (every term five times, nothing else running): p50 ${r.search.one_at_a_time.p50_ms} ms, p99 ${r.search.one_at_a_time.p99_ms} ms.`
        : ""),
    "",
    ...(r.upload.length
      ? [
          "| Upload | MiB/s | dd MiB/s | ratio | RSS before MB | peak RSS MB | checksum |",
          "|---:|---:|---:|---:|---:|---:|---|",
          ...r.upload.map(
            (u) => `| ${Math.round(u.bytes / 1024 / 1024)} MiB | ${u.mb_s} | ${u.dd_mb_s} | ${u.ratio} | ${u.rss_before_mb} | ${u.peak_rss_mb} | ${u.sha256_matches ? "matches" : "differs"} |`,
          ),
          "",
        ]
      : []),
    `Cold start to the first 200: ${r.cold_start_ms} ms (median of ${r.cold_starts_ms.join(", ")}).`,
    "",
    "## Targets",
    "",
    "| Target | Measured | Met |",
    "|---|---:|---|",
    ...checks.map((c) => `| ${c.target} | ${c.measured} | ${c.met ? "yes" : "**no**"} |`),
    "",
  ];
  return lines.join("\n");
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** Horizontal bars: each page's req/s ratio, the stack floor's and the p99 ratio, with the target lines. */
function chart(r: BenchResults): string {
  // One bar per series and page: the portal's req/s ratio, the stack floor's where it was
  // measured (the most the portal's own code could reach) and the portal's p99 ratio.
  const all: { colour: string; label: string; value: (p: PageResult) => number | undefined }[] = [
    { colour: "#2b6cb0", label: `portal req/s (target ≥ ${TARGETS.ratioRps})`, value: (p) => p.ratio_rps },
    { colour: "#718096", label: "stack floor req/s", value: (p) => p.floor_ratio_rps },
    { colour: "#dd6b20", label: `portal p99 (target ≤ ${TARGETS.ratioP99})`, value: (p) => p.ratio_p99 },
  ];
  const series = all.filter((s) => r.pages.some((p) => typeof s.value(p) === "number"));
  const rowH = 12 * series.length + 10;
  const left = 260;
  const width = 760;
  const plotW = width - left - 60;
  const max = Math.max(2.5, ...r.pages.flatMap((p) => series.map((s) => s.value(p) ?? 0)));
  const x = (v: number) => left + (Math.min(v, max) / max) * plotW;
  const top = 50;
  const height = top + r.pages.length * rowH + 50;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-labelledby="t">`,
    `<title id="t">Ratios to the node:http baseline (${escapeXml(r.mode)}, ${escapeXml(r.generated_at.slice(0, 10))})</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${left}" y="20" font-size="14" font-weight="600">Ratio to the node:http baseline (${escapeXml(r.mode)})</text>`,
  ];
  // Each legend entry is placed after the previous one's text (about 6.5 px a character at 12 px).
  let legendX = left;
  for (const { colour, label } of series) {
    parts.push(`<rect x="${legendX}" y="30" width="10" height="10" fill="${colour}"/><text x="${legendX + 14}" y="39">${escapeXml(label)}</text>`);
    legendX += 14 + Math.ceil(label.length * 6.5) + 16;
  }
  r.pages.forEach((p, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="${left - 8}" y="${y + 6 + (12 * series.length) / 2 + 3}" text-anchor="end">${escapeXml(p.name)}</text>`);
    series.forEach(({ colour, value: of }, b) => {
      const value = of(p);
      if (typeof value !== "number") return;
      parts.push(`<rect x="${left}" y="${y + 6 + b * 12}" width="${x(value) - left}" height="10" fill="${colour}"/>`);
      parts.push(`<text x="${x(value) + 4}" y="${y + 15 + b * 12}">${value}</text>`);
    });
  });
  const bottom = top + r.pages.length * rowH;
  for (const [value, colour] of [
    [TARGETS.ratioRps, "#2b6cb0"],
    [1, "#888"],
    [TARGETS.ratioP99, "#dd6b20"],
  ] as const) {
    parts.push(`<line x1="${x(value)}" y1="${top}" x2="${x(value)}" y2="${bottom}" stroke="${colour}" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${x(value)}" y="${bottom + 16}" text-anchor="middle">${value}×</text>`);
  }
  parts.push("</svg>");
  return parts.join("\n");
}

/** Writes the three files and answers their paths. */
/** `name`.json, `name`.md and, for the full report, ratios.svg (whose ratios the README shows). */
export function writeReports(r: BenchResults, dir: string, name = "latest"): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    [`${name}.json`]: `${JSON.stringify({ ...r, targets: checkTargets(r) }, null, 2)}\n`,
    [`${name}.md`]: markdown(r),
  };
  if (name === "latest") files["ratios.svg"] = `${chart(r)}\n`;
  return Object.entries(files).map(([name, content]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  });
}
