/**
 * Deterministic randomness and Swedish text for the benchmark data generator
 * (bench/generate.ts): a tiny seeded PRNG, uuids made from it, and a vocabulary of a few
 * thousand Swedish words about the work against honour-related violence and oppression,
 * drawn with a Zipf-like frequency so that search terms have realistic selectivity.
 *
 * The vocabulary and its frequency order do not depend on the seed, so the search terms
 * stay the same for every seed; only which words land in which text does.
 */

// ---------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------

/** sfc32 (Chris Doty-Humphrey's small fast counting PRNG), 32-bit state words. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seeds: number[]) {
    // splitmix32 over the seed words gives well-mixed, distinct states for nearby seeds.
    let h = 0x9e3779b9;
    const mix = (x: number) => {
      h = (h + (x | 0) + 0x9e3779b9) | 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (const s of seeds) mix(s);
    this.a = mix(1);
    this.b = mix(2);
    this.c = mix(3);
    this.d = mix(4);
    for (let i = 0; i < 8; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `n` distinct items (all of them when there are fewer), in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    if (n * 4 < items.length) {
      // Few out of many: draw indexes, without copying the whole list.
      const chosen = new Set<number>();
      const out: T[] = [];
      while (out.length < n) {
        const i = Math.floor(this.next() * items.length);
        if (!chosen.has(i)) {
          chosen.add(i);
          out.push(items[i]!);
        }
      }
      return out;
    }
    const copy = items.slice();
    const k = Math.min(n, copy.length);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, k);
  }

  /** A random version-4 uuid (the bits gen_random_uuid sets), from this generator. */
  uuid(): string {
    const a = this.u32();
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    const hex = (x: number) => x.toString(16).padStart(8, "0");
    const hb = hex(b);
    const hc = hex(((c & 0x3fffffff) | 0x80000000) >>> 0);
    return `${hex(a)}-${hb.slice(0, 4)}-4${hb.slice(5, 8)}-${hc.slice(0, 4)}-${hc.slice(4, 8)}${hex(d)}`;
  }

  /** `bytes` random bytes as lower-case hex (e.g. a stand-in SHA-256). */
  hex(bytes: number): string {
    let out = "";
    for (let i = 0; i < bytes; i += 4) out += this.u32().toString(16).padStart(8, "0");
    return out.slice(0, bytes * 2);
  }
}

/**
 * Draws indexes 0..n-1 with probability proportional to 1 / (rank + q)^s: a handful of
 * very common items, a long tail of rare ones.
 */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(n: number, s = 1, q = 2.7) {
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let r = 0; r < n; r++) {
      sum += 1 / Math.pow(r + q, s);
      this.cumulative[r] = sum;
    }
    for (let r = 0; r < n; r++) this.cumulative[r]! /= sum;
  }

  draw(rng: Rng): number {
    const x = rng.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

/** A noun's forms: indefinite and definite singular, indefinite and definite plural. */
type Forms = readonly [string, string, string, string];

/** Heads of compounds with their inflection; a compound inflects like its head. */
const HEADS: Record<string, Forms> = {
  plan: ["plan", "planen", "planer", "planerna"],
  insats: ["insats", "insatsen", "insatser", "insatserna"],
  arbete: ["arbete", "arbetet", "arbeten", "arbetena"],
  stöd: ["stöd", "stödet", "stöd", "stöden"],
  rutin: ["rutin", "rutinen", "rutiner", "rutinerna"],
  grupp: ["grupp", "gruppen", "grupper", "grupperna"],
  möte: ["möte", "mötet", "möten", "mötena"],
  område: ["område", "området", "områden", "områdena"],
  utredning: ["utredning", "utredningen", "utredningar", "utredningarna"],
  bedömning: ["bedömning", "bedömningen", "bedömningar", "bedömningarna"],
  material: ["material", "materialet", "material", "materialen"],
  uppdrag: ["uppdrag", "uppdraget", "uppdrag", "uppdragen"],
  verksamhet: ["verksamhet", "verksamheten", "verksamheter", "verksamheterna"],
  samordnare: ["samordnare", "samordnaren", "samordnare", "samordnarna"],
  handläggare: ["handläggare", "handläggaren", "handläggare", "handläggarna"],
  ansvar: ["ansvar", "ansvaret", "ansvar", "ansvaren"],
  rapport: ["rapport", "rapporten", "rapporter", "rapporterna"],
  utbildning: ["utbildning", "utbildningen", "utbildningar", "utbildningarna"],
  uppföljning: ["uppföljning", "uppföljningen", "uppföljningar", "uppföljningarna"],
  kartläggning: ["kartläggning", "kartläggningen", "kartläggningar", "kartläggningarna"],
  strategi: ["strategi", "strategin", "strategier", "strategierna"],
  metod: ["metod", "metoden", "metoder", "metoderna"],
  team: ["team", "teamet", "team", "teamen"],
  nätverk: ["nätverk", "nätverket", "nätverk", "nätverken"],
  fråga: ["fråga", "frågan", "frågor", "frågorna"],
  åtgärd: ["åtgärd", "åtgärden", "åtgärder", "åtgärderna"],
  process: ["process", "processen", "processer", "processerna"],
  kunskap: ["kunskap", "kunskapen", "kunskaper", "kunskaperna"],
  analys: ["analys", "analysen", "analyser", "analyserna"],
  ärende: ["ärende", "ärendet", "ärenden", "ärendena"],
  samtal: ["samtal", "samtalet", "samtal", "samtalen"],
  modell: ["modell", "modellen", "modeller", "modellerna"],
  resurs: ["resurs", "resursen", "resurser", "resurserna"],
  vägledning: ["vägledning", "vägledningen", "vägledningar", "vägledningarna"],
  riktlinje: ["riktlinje", "riktlinjen", "riktlinjer", "riktlinjerna"],
  behov: ["behov", "behovet", "behov", "behoven"],
  erfarenhet: ["erfarenhet", "erfarenheten", "erfarenheter", "erfarenheterna"],
  mål: ["mål", "målet", "mål", "målen"],
  avtal: ["avtal", "avtalet", "avtal", "avtalen"],
  miljö: ["miljö", "miljön", "miljöer", "miljöerna"],
  enhet: ["enhet", "enheten", "enheter", "enheterna"],
  funktion: ["funktion", "funktionen", "funktioner", "funktionerna"],
  bild: ["bild", "bilden", "bilder", "bilderna"],
  översikt: ["översikt", "översikten", "översikter", "översikterna"],
  norm: ["norm", "normen", "normer", "normerna"],
  person: ["person", "personen", "personer", "personerna"],
  ledare: ["ledare", "ledaren", "ledare", "ledarna"],
  tjänst: ["tjänst", "tjänsten", "tjänster", "tjänsterna"],
  dag: ["dag", "dagen", "dagar", "dagarna"],
  frågeställning: ["frågeställning", "frågeställningen", "frågeställningar", "frågeställningarna"],
};

/** First parts of compounds, with the linking -s where Swedish puts one. */
const FIRST_PARTS = [
  "handlings", "samverkans", "utbildnings", "skydds", "stöd", "risk", "kunskaps", "skol", "social",
  "polis", "läns", "barn", "ungdoms", "familje", "heders", "brotts", "våld", "hälso", "kommun",
  "region", "myndighets", "elev", "kurator", "tolk", "jämställdhets", "integrations", "migrations",
  "rätts", "vårdnads", "kvinno", "flick", "föräldra", "personal", "lednings", "insats",
  "uppföljnings", "kartläggnings", "handläggnings", "besluts", "utrednings", "kompetens", "läges",
  "regerings", "elevhälso", "kontakt", "metod", "informations", "samordnings", "förebyggande",
  "krisstöds", "boende", "ekonomi", "språk", "utvärderings", "sommarlovs", "tvångsäktenskaps",
  "barnäktenskaps", "könsstympnings", "kvinnofrids", "beredskaps",
];

/** Common nouns used on their own (forms as above). */
const SIMPLE_NOUNS: Forms[] = [
  ["myndighet", "myndigheten", "myndigheter", "myndigheterna"],
  ["samverkan", "samverkan", "samverkan", "samverkan"],
  ["socialtjänst", "socialtjänsten", "socialtjänster", "socialtjänsterna"],
  ["länsstyrelse", "länsstyrelsen", "länsstyrelser", "länsstyrelserna"],
  ["skola", "skolan", "skolor", "skolorna"],
  ["polis", "polisen", "poliser", "poliserna"],
  ["kommun", "kommunen", "kommuner", "kommunerna"],
  ["region", "regionen", "regioner", "regionerna"],
  ["barn", "barnet", "barn", "barnen"],
  ["familj", "familjen", "familjer", "familjerna"],
  ["förtryck", "förtrycket", "förtryck", "förtrycken"],
  ["våld", "våldet", "våld", "våldet"],
  ["skydd", "skyddet", "skydd", "skydden"],
  ["orosanmälan", "orosanmälan", "orosanmälningar", "orosanmälningarna"],
  ["vårdnadshavare", "vårdnadshavaren", "vårdnadshavare", "vårdnadshavarna"],
  ["elevhälsa", "elevhälsan", "elevhälsor", "elevhälsorna"],
  ["åklagare", "åklagaren", "åklagare", "åklagarna"],
  ["förundersökning", "förundersökningen", "förundersökningar", "förundersökningarna"],
  ["barnäktenskap", "barnäktenskapet", "barnäktenskap", "barnäktenskapen"],
  ["tvångsäktenskap", "tvångsäktenskapet", "tvångsäktenskap", "tvångsäktenskapen"],
  ["könsstympning", "könsstympningen", "könsstympningar", "könsstympningarna"],
  ["hedersförtryck", "hedersförtrycket", "hedersförtryck", "hedersförtrycken"],
  ["brottsoffer", "brottsoffret", "brottsoffer", "brottsoffren"],
  ["yrkesroll", "yrkesrollen", "yrkesroller", "yrkesrollerna"],
  ["kurator", "kuratorn", "kuratorer", "kuratorerna"],
  ["rektor", "rektorn", "rektorer", "rektorerna"],
  ["domstol", "domstolen", "domstolar", "domstolarna"],
  ["lagstiftning", "lagstiftningen", "lagstiftningar", "lagstiftningarna"],
  ["statistik", "statistiken", "statistik", "statistiken"],
  ["enkät", "enkäten", "enkäter", "enkäterna"],
  ["remiss", "remissen", "remisser", "remisserna"],
  ["tolk", "tolken", "tolkar", "tolkarna"],
  ["redovisning", "redovisningen", "redovisningar", "redovisningarna"],
  ["konferens", "konferensen", "konferenser", "konferenserna"],
  ["webbinarium", "webbinariet", "webbinarier", "webbinarierna"],
  ["förening", "föreningen", "föreningar", "föreningarna"],
  ["jour", "jouren", "jourer", "jourerna"],
  ["hedersmotiv", "hedersmotivet", "hedersmotiv", "hedersmotiven"],
  ["utsatthet", "utsattheten", "utsattheter", "utsattheterna"],
];

/**
 * Nouns written only in the singular, so that their definite plural (a search term) finds
 * them through the Swedish stemmer alone: "handlingsplanerna" → "handlingsplan".
 */
export const STEMMING_TERMS: readonly (readonly [inflected: string, base: string])[] = [
  ["handlingsplanerna", "handlingsplan"],
  ["riskbedömningarna", "riskbedömning"],
  ["samverkansavtalen", "samverkansavtal"],
  ["skyddsbedömningarna", "skyddsbedömning"],
  ["lägesbilderna", "lägesbild"],
  ["regeringsuppdragen", "regeringsuppdrag"],
  ["stödsamtalen", "stödsamtal"],
  ["kontaktpersonerna", "kontaktperson"],
  ["skyddsplanerna", "skyddsplan"],
  ["elevhälsoteamen", "elevhälsoteam"],
];
const SINGULAR_ONLY = new Set(STEMMING_TERMS.map(([, base]) => base));

/** The most frequent nouns, in this order (the rest follow in a fixed shuffled order). */
const LEADING = [
  "samverkan", "myndighet", "arbete", "stöd", "barn", "utbildning", "handlingsplan", "socialtjänst",
  "skola", "polis", "länsstyrelse", "insats", "skydd", "kommun", "uppdrag", "familj", "förtryck",
  "stödinsats", "riskbedömning", "kunskap", "regeringsuppdrag", "lägesbild", "uppföljning",
  "vägledning", "orosanmälan", "kartläggning", "rutin", "region", "nätverk", "åtgärd",
];

/**
 * Extra-rare words: each is written into about one document in two thousand (and at
 * least one), so a search for it returns a handful of hits.
 */
export const RARE_WORDS = [
  "tolkförmedlingsavtal", "hedersvåldsjouren", "flickjoursnätverket", "kvinnofridsutbildare",
  "skyddsboendeplatser", "könsstympningsmottagning", "barnäktenskapsbrottet", "avhopparverksamheten",
];

export interface Noun {
  forms: Forms;
  singularOnly: boolean;
}

function buildNouns(): Noun[] {
  const all = new Map<string, Forms>();
  for (const forms of SIMPLE_NOUNS) all.set(forms[0], forms);
  for (const [head, forms] of Object.entries(HEADS)) all.set(head, forms);
  for (const first of FIRST_PARTS) {
    for (const [head, forms] of Object.entries(HEADS)) {
      // No word compounded with itself ("stödstöd", "metodsmetod").
      if (first === head || first === `${head}s`) continue;
      const word = first + head;
      if (!all.has(word)) all.set(word, forms.map((f) => first + f) as unknown as Forms);
    }
  }
  // A fixed order, independent of the data seed: the leading words, then a shuffle.
  const rest = [...all.keys()].filter((w) => !LEADING.includes(w)).sort();
  const shuffle = new Rng(0x5eed);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle.next() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [...LEADING.filter((w) => all.has(w)), ...rest].map((w) => ({ forms: all.get(w)!, singularOnly: SINGULAR_ONLY.has(w) }));
}

export const NOUNS: readonly Noun[] = buildNouns();

const ADJECTIVES = [
  "nationell", "regional", "lokal", "gemensam", "långsiktig", "förebyggande", "tydlig", "strukturerad",
  "samordnad", "tidig", "akut", "särskild", "kunskapsbaserad", "tillgänglig", "systematisk",
  "övergripande", "fördjupad", "ny", "befintlig", "tvärprofessionell", "digital", "skyddad",
  "trygg", "individuell", "likvärdig", "rättssäker", "anpassad", "kvalitativ", "kvantitativ", "central",
];
const VERBS_INF = [
  "stärka", "utveckla", "samordna", "följa upp", "kartlägga", "förebygga", "upptäcka", "sprida",
  "förbättra", "genomföra", "ta fram", "implementera", "utvärdera", "förankra", "säkerställa",
  "stödja", "tydliggöra", "analysera", "planera", "prioritera",
];
const VERBS_PRES = [
  "stärker", "utvecklar", "samordnar", "följer upp", "kartlägger", "förebygger", "sprider",
  "förbättrar", "genomför", "tar fram", "utvärderar", "säkerställer", "stödjer", "analyserar", "planerar",
];
const VERBS_PAST = [
  "stärkt", "utvecklat", "samordnat", "följt upp", "kartlagt", "genomfört", "tagit fram",
  "utvärderat", "förankrat", "analyserat", "planerat", "publicerat", "redovisat", "påbörjat",
];
const GROUPS = [
  "barn", "unga", "unga vuxna", "kvinnor", "flickor", "pojkar", "familjer", "yrkesverksamma",
  "vårdnadshavare", "elever", "brottsutsatta", "nyanlända", "hbtqi-personer", "personer med funktionsnedsättning",
];
const HARMS = [
  "hedersrelaterat våld och förtryck", "barnäktenskap", "tvångsäktenskap", "könsstympning",
  "kontroll och begränsningar", "hot och våld i nära relationer", "ekonomiskt våld", "bortförande",
];
export const PLACES = [
  "Stockholm", "Göteborg", "Malmö", "Uppsala", "Linköping", "Örebro", "Västerås", "Norrköping",
  "Helsingborg", "Jönköping", "Umeå", "Lund", "Borås", "Sundsvall", "Gävle", "Eskilstuna",
  "Södertälje", "Karlstad", "Växjö", "Halmstad", "Luleå", "Trollhättan", "Östersund", "Borlänge",
  "Falun", "Kalmar", "Skövde", "Kristianstad", "Karlskrona", "Skellefteå", "Uddevalla", "Motala",
  "Landskrona", "Örnsköldsvik", "Nyköping", "Mora", "Visby", "Kiruna", "Ystad", "Varberg",
  "Enköping", "Trelleborg", "Piteå", "Hudiksvall", "Avesta", "Ludvika", "Mjölby", "Lidköping",
  "Arvika", "Sandviken", "Katrineholm", "Vänersborg", "Alingsås", "Härnösand", "Kungsbacka",
];
export const MINISTRIES = ["Justitiedepartementet", "Socialdepartementet", "Utbildningsdepartementet", "Arbetsmarknadsdepartementet", "Kulturdepartementet"];

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

const nounZipf = new Zipf(NOUNS.length, 1.05, 2.7);

/** Builds sentences from templates, with nouns drawn by Zipf frequency. */
export class Writer {
  constructor(
    private readonly rng: Rng,
    /** Short names of organisations to mention. */
    private readonly orgs: readonly string[],
  ) {}

  noun(form: 0 | 1 | 2 | 3): string {
    const n = NOUNS[nounZipf.draw(this.rng)]!;
    return n.forms[n.singularOnly ? ((form & 1) as 0 | 1) : form];
  }

  private word(): string {
    return this.noun(this.rng.int(0, 3) as 0 | 1 | 2 | 3);
  }

  private org(): string {
    return this.orgs.length > 0 ? this.rng.pick(this.orgs) : "Länsstyrelsen";
  }

  sentence(): string {
    const r = this.rng;
    const a = () => r.pick(ADJECTIVES);
    const g = () => r.pick(GROUPS);
    const year = () => String(r.int(2019, 2026));
    switch (r.int(0, 17)) {
      case 0:
        return `${this.org()} har under ${year()} ${r.pick(VERBS_PAST)} ${a()} ${this.noun(0)} för ${g()} i ${r.pick(PLACES)}.`;
      case 1:
        return `Syftet är att ${r.pick(VERBS_INF)} ${this.noun(1)} och ${r.pick(VERBS_INF)} ${this.noun(2)} inom ${this.noun(1)}.`;
      case 2:
        return `Arbetet med ${this.noun(1)} sker i samverkan med ${this.org()} och ${this.org()}.`;
      case 3:
        return `Enligt ${this.noun(1)} ska ${this.noun(3)} ${r.pick(VERBS_INF)} ${a()} ${this.noun(0)} för ${g()}.`;
      case 4:
        return `Under perioden har ${r.int(3, 480)} ${g()} fått ${this.noun(0)} genom ${this.noun(1)}.`;
      case 5:
        return `${this.org()} ansvarar för ${this.noun(1)} och ${r.pick(VERBS_PRES)} ${this.noun(2)} i ${r.pick(PLACES)}.`;
      case 6:
        return `Det behövs ${a()} ${this.noun(0)} för att ${r.pick(VERBS_INF)} ${this.noun(1)} mot ${r.pick(HARMS)}.`;
      case 7:
        return `Av ${this.noun(1)} framgår att ${g()} som utsätts för ${r.pick(HARMS)} behöver ${a()} ${this.noun(0)}.`;
      case 8:
        return `Länsstyrelsen ${r.pick(VERBS_PRES)} ${this.noun(1)} och ger ${this.noun(0)} till kommunerna i länet.`;
      case 9:
        return `Nästa steg är att ${r.pick(VERBS_INF)} ${this.noun(0)} tillsammans med ${this.org()}.`;
      case 10: {
        const n = this.noun(3);
        return `${n.charAt(0).toUpperCase()}${n.slice(1)} ${r.pick(VERBS_PRES)} ${this.noun(2)} som rör ${r.pick(HARMS)}.`;
      }
      case 11:
        return `En ${a()} ${this.noun(0)} har tagits fram av ${this.org()} och ska spridas till ${this.noun(3)}.`;
      case 12:
        return `Socialtjänsten och skolan behöver ${this.noun(0)} för att tidigt upptäcka ${r.pick(HARMS)}.`;
      case 13:
        return `Polisen och åklagare ${r.pick(VERBS_PRES)} ${this.noun(1)} i ärenden med ${this.word()}.`;
      case 14:
        return `I ${r.pick(PLACES)} har ${this.noun(3)} ${r.pick(VERBS_PAST)} ${this.noun(2)} och ${this.noun(2)}.`;
      case 15:
        return `Erfarenheterna från ${this.noun(1)} visar att ${this.noun(0)} och ${this.noun(0)} måste hänga ihop.`;
      case 16:
        return `Uppdraget redovisas till ${r.pick(MINISTRIES)} senast ${year()}, med ${this.noun(1)} som underlag.`;
      default:
        return `Frågan om ${this.word()} och ${this.word()} tas upp vid nästa möte i nätverket.`;
    }
  }

  /** A paragraph of `min`..`max` sentences. */
  paragraph(min = 3, max = 6): string {
    const n = this.rng.int(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.sentence());
    return out.join(" ");
  }

  /** Plain text of about `bytes` UTF-8 bytes, in paragraphs, like text extracted from a file. */
  text(bytes: number, extra: readonly string[] = []): string {
    const parts: string[] = [];
    let size = 0;
    while (size < bytes) {
      const p = this.paragraph();
      parts.push(p);
      size += Buffer.byteLength(p) + 2;
    }
    if (extra.length > 0) parts.push(extra.map((w) => `Se även ${w}.`).join(" "));
    return parts.join("\n\n");
  }

  /** A noun phrase for a title, capitalised. */
  titleNoun(): string {
    const n = this.noun(0);
    return n.charAt(0).toUpperCase() + n.slice(1);
  }

  adjective(): string {
    return this.rng.pick(ADJECTIVES);
  }

  group(): string {
    return this.rng.pick(GROUPS);
  }

  harm(): string {
    return this.rng.pick(HARMS);
  }

  verbInf(): string {
    return this.rng.pick(VERBS_INF);
  }

  /** Markdown as people write updates: paragraphs, sometimes a list or some bold text. */
  markdown(minBytes: number, maxBytes: number): string {
    const r = this.rng;
    const target = r.int(minBytes, maxBytes);
    const blocks: string[] = [];
    let size = 0;
    let list = false;
    while (size < target) {
      let block: string;
      const k = r.next();
      // Never two lists in a row: Markdown would join them into one loose list.
      list = k < 0.15 && blocks.length > 0 && !list;
      if (list) {
        const items: string[] = [];
        for (let i = r.int(2, 4); i > 0; i--) items.push(`- ${this.titleNoun()} för ${this.group()}`);
        block = items.join("\n");
      } else if (k < 0.3) {
        block = `**${this.titleNoun()}:** ${this.paragraph(1, 3)}`;
      } else {
        block = this.paragraph(1, 3);
      }
      blocks.push(block);
      size += Buffer.byteLength(block) + 2;
    }
    return blocks.join("\n\n");
  }
}

// ---------------------------------------------------------------------------------------
// People and places
// ---------------------------------------------------------------------------------------

export const FIRST_NAMES = [
  "Anna", "Eva", "Maria", "Karin", "Sara", "Emma", "Elin", "Johanna", "Lena", "Kristina", "Sofia",
  "Ida", "Hanna", "Linnea", "Amira", "Fatima", "Leyla", "Nadia", "Yasmin", "Aisha", "Zeynep",
  "Maja", "Frida", "Cecilia", "Annika", "Therese", "Gunilla", "Malin", "Helena", "Jenny",
  "Erik", "Lars", "Anders", "Johan", "Per", "Karl", "Mikael", "Peter", "Fredrik", "Daniel",
  "Oskar", "Tobias", "Henrik", "Mats", "Jonas", "Ali", "Omar", "Ahmed", "Hassan", "Mehmet",
  "Niklas", "Magnus", "Björn", "Stefan", "Martin", "Andreas", "Viktor", "Simon", "Emil", "Ola",
];
export const LAST_NAMES = [
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
  "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
  "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Lindqvist", "Lindgren", "Berg",
  "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund",
  "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund",
  "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson", "Holm", "Wikström",
  "Samuelsson", "Isaksson", "Fransson", "Bergqvist", "Nyström", "Holmberg", "Arvidsson", "Löfgren",
  "Söderberg", "Nyberg", "Blomqvist", "Claesson", "Hassan", "Ahmadi", "Karimi", "Rahimi", "Said",
  "Yilmaz", "Mohammed", "Ali", "Hussein", "Öberg", "Åberg", "Dahl", "Hedlund", "Norberg", "Sundberg",
];
export const JOB_TITLES = [
  "Utredare", "Handläggare", "Samordnare", "Enhetschef", "Jurist", "Kurator", "Polisinspektör",
  "Verksamhetsutvecklare", "Analytiker", "Sakkunnig", "Utvecklingsledare", "Kommunikatör",
  "Projektledare", "Socialsekreterare", "Strateg", "Utbildningsansvarig", "Avdelningschef",
  "Biträdande enhetschef", "Kvalitetsutvecklare", "Samverkansansvarig",
];

/** Lower-case ASCII for e-mail addresses and file names: "Örebro län" → "orebro-lan". */
export function ascii(value: string): string {
  return value
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .replace(/é/g, "e")
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
