/**
 * Demo data. The organisations and networks are those named in the public pages that
 * describe the National Centre's networks (shared/seeds); the people are invented —
 * no name, address or number here belongs to a real person.
 */
export type OrganisationKind = "authority" | "county_board" | "ngo" | "municipality" | "region" | "other";
export interface SeedOrganisation {
  key: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  orgNumber?: string;
  website?: string;
}
export interface SeedPerson {
  email: string;
  name: string;
  title: string;
  phone: string;
  orgKey: string;
  isPlatformAdmin?: boolean;
  isOrgAdmin?: boolean;
  locale?: "sv" | "en";
}
export type NetworkKind =
  | "authority_network"
  | "ngo_network"
  | "county_network"
  | "resource_centre"
  | "working_group"
  | "steering_group";
export interface SeedNetwork {
  slug: string;
  name: string;
  kind: NetworkKind;
  description: string;
  parentSlug?: string;
  memberOrgKeys: string[];
  coordinatorEmails: string[];
  groupMemberEmails: string[];
}

export const DEMO_PASSWORD = "demo-portal-2026";
/**
 * Demo data only: the TOTP secret of every seeded platform admin and coordinator, so the
 * README can tell how to complete their two-step sign-in. Never use it for real accounts.
 */
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

const authority = (key: string, name: string, shortName: string, website?: string): SeedOrganisation => ({
  key,
  name,
  shortName,
  kind: "authority",
  website,
});

/** The members of Myndighetsnätverket as the seeds list them (the three county boards come below). */
const authorities: SeedOrganisation[] = [
  authority("arbetsformedlingen", "Arbetsförmedlingen", "AF", "https://arbetsformedlingen.se"),
  authority("barnafrid", "Barnafrid (Linköpings universitet)", "Barnafrid", "https://liu.se/barnafrid"),
  authority("barnombudsmannen", "Barnombudsmannen", "BO", "https://www.barnombudsmannen.se"),
  authority("brottsoffermyndigheten", "Brottsoffermyndigheten", "BrOM", "https://www.brottsoffermyndigheten.se"),
  authority("cve", "Center mot våldsbejakande extremism", "CVE", "https://www.cve.se"),
  authority("folkhalsomyndigheten", "Folkhälsomyndigheten", "FoHM", "https://www.folkhalsomyndigheten.se"),
  authority("forsakringskassan", "Försäkringskassan", "FK", "https://www.forsakringskassan.se"),
  authority("jamstalldhetsmyndigheten", "Jämställdhetsmyndigheten", "JäMy", "https://www.jamstalldhetsmyndigheten.se"),
  authority("kriminalvarden", "Kriminalvården", "KV", "https://www.kriminalvarden.se"),
  authority("migrationsverket", "Migrationsverket", "MV", "https://www.migrationsverket.se"),
  authority("mfd", "Myndigheten för delaktighet", "MFD", "https://www.mfd.se"),
  authority("mfof", "Myndigheten för familjerätt och föräldraskapsstöd", "MFoF", "https://mfof.se"),
  authority("msb", "Myndigheten för samhällsskydd och beredskap", "MSB", "https://www.msb.se"),
  authority("sst", "Myndigheten för stöd till trossamfund", "SST", "https://www.myndighetensst.se"),
  authority("mucf", "Myndigheten för ungdoms- och civilsamhällesfrågor", "MUCF", "https://www.mucf.se"),
  authority("nck", "Nationellt centrum för kvinnofrid", "NCK", "https://nck.uu.se"),
  authority("polisen", "Polismyndigheten", "Polisen", "https://polisen.se"),
  authority("skatteverket", "Skatteverket", "SKV", "https://www.skatteverket.se"),
  authority("skolverket", "Skolverket", "Skolverket", "https://www.skolverket.se"),
  authority("socialstyrelsen", "Socialstyrelsen", "SoS", "https://www.socialstyrelsen.se"),
  authority("sis", "Statens institutionsstyrelse", "SiS", "https://www.stat-inst.se"),
  { key: "skr", name: "Sveriges Kommuner och Regioner", shortName: "SKR", kind: "other", website: "https://skr.se" },
  authority("ud", "Utrikesdepartementet", "UD", "https://www.regeringen.se"),
  authority("aklagarmyndigheten", "Åklagarmyndigheten", "ÅM", "https://www.aklagare.se"),
];

const COUNTIES: [string, string, string][] = [
  ["blekinge", "Blekinge län", "blekinge"],
  ["dalarna", "Dalarnas län", "dalarna"],
  ["gotland", "Gotlands län", "gotland"],
  ["gavleborg", "Gävleborgs län", "gavleborg"],
  ["halland", "Hallands län", "halland"],
  ["jamtland", "Jämtlands län", "jamtland"],
  ["jonkoping", "Jönköpings län", "jonkoping"],
  ["kalmar", "Kalmar län", "kalmar"],
  ["kronoberg", "Kronobergs län", "kronoberg"],
  ["norrbotten", "Norrbottens län", "norrbotten"],
  ["skane", "Skåne län", "skane"],
  ["stockholm", "Stockholms län", "stockholm"],
  ["sodermanland", "Södermanlands län", "sodermanland"],
  ["uppsala", "Uppsala län", "uppsala"],
  ["varmland", "Värmlands län", "varmland"],
  ["vasterbotten", "Västerbottens län", "vasterbotten"],
  ["vasternorrland", "Västernorrlands län", "vasternorrland"],
  ["vastmanland", "Västmanlands län", "vastmanland"],
  ["vastra-gotaland", "Västra Götalands län", "vastra-gotaland"],
  ["orebro", "Örebro län", "orebro"],
  ["ostergotland", "Östergötlands län", "ostergotland"],
];

/** The 21 county administrative boards; Östergötland is the National Centre's home. */
const countyBoards: SeedOrganisation[] = COUNTIES.map(([key, county, path]) => ({
  key: `lst-${key}`,
  name: key === "ostergotland" ? "Länsstyrelsen Östergötland" : `Länsstyrelsen i ${county}`,
  shortName: `Lst ${county.replace(/s? län$/, "").replace(/ län$/, "")}`,
  kind: "county_board",
  website: `https://www.lansstyrelsen.se/${path}`,
  ...(key === "dalarna" ? { orgNumber: "202100-2429" } : {}),
}));

const ngos: SeedOrganisation[] = [
  { key: "raddabarnen", name: "Rädda Barnen", shortName: "Rädda Barnen", kind: "ngo", website: "https://www.raddabarnen.se" },
  { key: "kvinnojouren-kullan", name: "Kvinnojouren Kullan", shortName: "Kullan", kind: "ngo" },
  { key: "roks", name: "Riksorganisationen för kvinnojourer och tjejjourer i Sverige", shortName: "Roks", kind: "ngo", website: "https://www.roks.se" },
  { key: "unizon", name: "Unizon", shortName: "Unizon", kind: "ngo", website: "https://www.unizon.se" },
  { key: "terrafem", name: "Terrafem", shortName: "Terrafem", kind: "ngo", website: "https://www.terrafem.org" },
  { key: "gapf", name: "GAPF – Glöm aldrig Pela och Fadime", shortName: "GAPF", kind: "ngo", website: "https://www.gapf.se" },
  { key: "bris", name: "Bris – Barnens rätt i samhället", shortName: "Bris", kind: "ngo", website: "https://www.bris.se" },
];

const dalarna: SeedOrganisation[] = [
  { key: "region-dalarna", name: "Region Dalarna", shortName: "Region Dalarna", kind: "region", website: "https://www.regiondalarna.se" },
  { key: "falu-kommun", name: "Falu kommun", shortName: "Falun", kind: "municipality", website: "https://www.falun.se" },
  { key: "mora-kommun", name: "Mora kommun", shortName: "Mora", kind: "municipality", website: "https://www.mora.se" },
  { key: "borlange-kommun", name: "Borlänge kommun", shortName: "Borlänge", kind: "municipality", website: "https://www.borlange.se" },
];

export const organisations: SeedOrganisation[] = [...authorities, ...countyBoards, ...ngos, ...dalarna];

let phoneSerial = 10;
const person = (
  name: string,
  title: string,
  orgKey: string,
  extra: Partial<SeedPerson> & { email?: string } = {},
): SeedPerson => {
  const email =
    extra.email ??
    `${name
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z ]/g, "")
      .trim()
      .replace(/ +/g, ".")}@example.org`;
  return { name, title, orgKey, phone: `070-174 00 ${String(phoneSerial++).padStart(2, "0")}`, ...extra, email };
};

const CENTRE_TITLE = "Samordnare, Nationellt centrum mot hedersrelaterat våld och förtryck";

export const people: SeedPerson[] = [
  // The four demo logins of the README.
  person("Agnes Lindqvist", "Systemadministratör", "lst-ostergotland", { email: "admin@example.org", isPlatformAdmin: true }),
  person("Samir Haddad", CENTRE_TITLE, "lst-ostergotland", { email: "samordnare@example.org" }),
  person("Petra Nyström", "Kommissarie, nationella operativa avdelningen", "polisen", { email: "polisen@example.org", isOrgAdmin: true }),
  person("Rasmus Ekholm", "Sakkunnig, barns skydd mot våld", "raddabarnen", { email: "raddabarnen@example.org", isOrgAdmin: true }),

  // The National Centre.
  person("Leyla Karimi", "Samordnare för länsstyrelsernas nätverk", "lst-ostergotland"),
  person("Jonas Bergkvist", "Utredare", "lst-ostergotland", { locale: "en" }),

  // Contacts of Myndighetsnätverket's agencies.
  person("Maria Sjöberg", "Handläggare", "arbetsformedlingen", { isOrgAdmin: true }),
  person("Erik Holmgren", "Forskare", "barnafrid", { isOrgAdmin: true }),
  person("Sofia Åberg", "Utredare", "barnombudsmannen", { isOrgAdmin: true }),
  person("Daniel Öhman", "Utvecklare av stöd till brottsutsatta", "brottsoffermyndigheten", { isOrgAdmin: true }),
  person("Amira Said", "Analytiker", "jamstalldhetsmyndigheten", { isOrgAdmin: true }),
  person("Henrik Dahl", "Verksamhetsutvecklare", "kriminalvarden", { isOrgAdmin: true }),
  person("Elin Forsberg", "Verksamhetsexpert", "migrationsverket", { isOrgAdmin: true }),
  person("Karin Wallin", "Utredare", "socialstyrelsen", { isOrgAdmin: true }),
  person("Oskar Lund", "Undervisningsråd", "skolverket", { isOrgAdmin: true }),
  person("Nadia Rahimi", "Utredare", "mucf", { isOrgAdmin: true }),
  person("Fredrik Sandberg", "Kammaråklagare", "aklagarmyndigheten", { isOrgAdmin: true }),
  person("Ingrid Falk", "Samordnare mäns våld mot kvinnor", "lst-stockholm", { isOrgAdmin: true }),
  person("Ahmed Yusuf", "Utvecklingsledare", "lst-vastra-gotaland", { isOrgAdmin: true }),
  person("Helena Borg", "Sakkunnig", "lst-skane", { isOrgAdmin: true }),
  person("Tobias Wikström", "Handläggare", "forsakringskassan", { isOrgAdmin: true }),

  // NGOs.
  person("Linnea Strand", "Verksamhetsansvarig", "kvinnojouren-kullan", { isOrgAdmin: true }),
  person("Mina Jafari", "Projektledare", "roks", { isOrgAdmin: true }),
  person("Viktor Lindgren", "Policyansvarig", "unizon", { isOrgAdmin: true }),
  person("Zeynep Demir", "Rådgivare", "terrafem", { isOrgAdmin: true }),
  person("Johanna Ek", "Utbildare", "gapf", { isOrgAdmin: true }),

  // Dalarna: the project lead at the county board, and the people of its groups.
  person("Annika Hedlund", "Projektledare, regionalt resurscentrum", "lst-dalarna", { isOrgAdmin: true }),
  person("Mats Lindberg", "Kommissarie, polisregion Bergslagen", "polisen"),
  person("Sara Nilsson", "Kammaråklagare, Åklagarkammaren i Falun", "aklagarmyndigheten"),
  person("Emma Björk", "Enhetschef socialtjänst", "falu-kommun", { isOrgAdmin: true }),
  person("Ali Hassan", "Skolkurator", "borlange-kommun", { isOrgAdmin: true }),
  person("Lena Persson", "Samordnare Barnahus", "region-dalarna", { isOrgAdmin: true }),
  person("Per Eriksson", "Socialchef", "mora-kommun", { isOrgAdmin: true }),
  person("Hanna Olsson", "Familjebehandlare, Familjefrid i Mora", "mora-kommun"),
  person("Fatima Ahmadi", "Ombudsman, region Mitt", "raddabarnen"),
  person("Gunilla Berg", "Ordförande", "kvinnojouren-kullan"),
  person("Johan Karlsson", "Strateg", "lst-dalarna"),
  person("Cecilia Andersson", "Verksamhetschef", "region-dalarna"),
];

const all = (kind: OrganisationKind) => organisations.filter((o) => o.kind === kind).map((o) => o.key);

export const networks: SeedNetwork[] = [
  {
    slug: "myndighetsnatverket",
    name: "Myndighetsnätverket",
    kind: "authority_network",
    description:
      "Statliga myndigheter med uppdrag om hedersrelaterat våld och förtryck, barnäktenskap, tvångsäktenskap och könsstympning. Här delar myndigheterna information om sina regeringsuppdrag och samordnar sina insatser. Nätverket sammankallas av Länsstyrelsen Östergötland.",
    memberOrgKeys: [...authorities.map((a) => a.key), "lst-stockholm", "lst-vastra-gotaland", "lst-skane", "lst-ostergotland"],
    coordinatorEmails: ["samordnare@example.org"],
    groupMemberEmails: [],
  },
  {
    slug: "ideella-organisationer",
    name: "Nätverket för ideella organisationer",
    kind: "ngo_network",
    description:
      "Ideella organisationer som möter utsatta för hedersrelaterat våld och förtryck. Nätverket tar tillvara organisationernas erfarenheter, ger rådgivning och förmedlar information från Nationellt centrum.",
    memberOrgKeys: [...all("ngo"), "lst-ostergotland"],
    coordinatorEmails: ["samordnare@example.org"],
    groupMemberEmails: [],
  },
  {
    slug: "lansstyrelsernas-natverk",
    name: "Länsstyrelsernas nätverk",
    kind: "county_network",
    description:
      "De ansvariga för uppdraget mot mäns våld mot kvinnor och hedersrelaterat våld vid landets 21 länsstyrelser. Nätverket stödjer regionala strategier och handlingsplaner.",
    memberOrgKeys: all("county_board"),
    coordinatorEmails: ["leyla.karimi@example.org"],
    groupMemberEmails: [],
  },
  {
    slug: "resurscentrum-dalarna",
    name: "Regionalt resurscentrum Dalarna",
    kind: "resource_centre",
    description:
      "Ett resurscentrum under uppbyggnad i Dalarnas län, där polis, åklagare, socialtjänst, skola, region och ideella organisationer samverkar kring stöd till utsatta och till yrkesverksamma.",
    memberOrgKeys: ["lst-dalarna", "region-dalarna", "falu-kommun", "mora-kommun", "borlange-kommun", "kvinnojouren-kullan"],
    coordinatorEmails: ["annika.hedlund@example.org"],
    groupMemberEmails: [],
  },
  {
    slug: "dalarna-stod-barn-vuxna",
    name: "Arbetsgrupp: stöd till barn och vuxna",
    kind: "working_group",
    parentSlug: "resurscentrum-dalarna",
    description: "Tar fram modellen för stöd och skydd till barn och vuxna som är utsatta.",
    memberOrgKeys: [],
    coordinatorEmails: ["annika.hedlund@example.org"],
    groupMemberEmails: ["emma.bjork@example.org", "lena.persson@example.org", "hanna.olsson@example.org", "fatima.ahmadi@example.org", "gunilla.berg@example.org"],
  },
  {
    slug: "dalarna-kompetens",
    name: "Arbetsgrupp: kompetenshöjande insatser",
    kind: "working_group",
    parentSlug: "resurscentrum-dalarna",
    description: "Planerar utbildningar för yrkesverksamma i länet, i samarbete med Nationellt centrum.",
    memberOrgKeys: [],
    coordinatorEmails: ["annika.hedlund@example.org"],
    groupMemberEmails: ["ali.hassan@example.org", "johan.karlsson@example.org", "fatima.ahmadi@example.org"],
  },
  {
    slug: "dalarna-avtal",
    name: "Arbetsgrupp: avtal mellan myndigheter",
    kind: "working_group",
    parentSlug: "resurscentrum-dalarna",
    description: "Förbereder samverkansavtal och ekonomisk modell mellan kommuner, region och myndigheter.",
    memberOrgKeys: [],
    coordinatorEmails: ["annika.hedlund@example.org"],
    groupMemberEmails: ["mats.lindberg@example.org", "sara.nilsson@example.org", "per.eriksson@example.org", "cecilia.andersson@example.org"],
  },
  {
    slug: "dalarna-styrgrupp",
    name: "Styrgrupp",
    kind: "steering_group",
    parentSlug: "resurscentrum-dalarna",
    description: "Högre chefer och strateger som styr arbetet med resurscentrat.",
    memberOrgKeys: [],
    coordinatorEmails: ["annika.hedlund@example.org"],
    groupMemberEmails: ["mats.lindberg@example.org", "sara.nilsson@example.org", "cecilia.andersson@example.org", "per.eriksson@example.org", "johan.karlsson@example.org"],
  },
];
