/**
 * Demo data. The organisations and networks are those named in the public pages that
 * describe the National Centre's networks (shared/seeds); the people are invented —
 * no name, address or number here belongs to a real person.
 *
 * Stability: the seed upserts organisations by `name`, people by `email` and networks by
 * `slug`, so renaming any of those creates a new row next to the old one in an existing
 * database. Tests refer to several of the e-mail addresses below.
 *
 * Phone numbers are taken from the series the Swedish Post and Telecom Authority (PTS)
 * reserves for fiction, 070-174 06 05 – 070-174 06 99; no subscriber can have them.
 * Organisation numbers are given only where the seeds state them.
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

// ---------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------

/**
 * The members of Myndighetsnätverket as the seeds list them (seeds/003). The three county
 * boards that are also members (Stockholm, Västra Götaland, Skåne) are among the county
 * boards below. SKR is a members' association of municipalities and regions, not a
 * government agency, hence kind "other".
 */
const authorityNetworkAgencies: SeedOrganisation[] = [
  { key: "arbetsformedlingen", name: "Arbetsförmedlingen", shortName: "AF", kind: "authority", website: "https://arbetsformedlingen.se" },
  { key: "barnafrid", name: "Barnafrid (Linköpings universitet)", shortName: "Barnafrid", kind: "authority", website: "https://liu.se/barnafrid" },
  { key: "barnombudsmannen", name: "Barnombudsmannen", shortName: "BO", kind: "authority", website: "https://www.barnombudsmannen.se" },
  { key: "brottsoffermyndigheten", name: "Brottsoffermyndigheten", shortName: "BrOM", kind: "authority", website: "https://www.brottsoffermyndigheten.se" },
  { key: "cve", name: "Center mot våldsbejakande extremism", shortName: "CVE", kind: "authority", website: "https://www.cve.se" },
  { key: "folkhalsomyndigheten", name: "Folkhälsomyndigheten", shortName: "FoHM", kind: "authority", website: "https://www.folkhalsomyndigheten.se" },
  { key: "forsakringskassan", name: "Försäkringskassan", shortName: "FK", kind: "authority", website: "https://www.forsakringskassan.se" },
  { key: "jamstalldhetsmyndigheten", name: "Jämställdhetsmyndigheten", shortName: "JäMy", kind: "authority", website: "https://www.jamstalldhetsmyndigheten.se" },
  { key: "kriminalvarden", name: "Kriminalvården", shortName: "Kriminalvården", kind: "authority", website: "https://www.kriminalvarden.se" },
  { key: "migrationsverket", name: "Migrationsverket", shortName: "Migrationsverket", kind: "authority", website: "https://www.migrationsverket.se" },
  { key: "mfd", name: "Myndigheten för delaktighet", shortName: "MFD", kind: "authority", website: "https://www.mfd.se" },
  { key: "mfof", name: "Myndigheten för familjerätt och föräldraskapsstöd", shortName: "MFoF", kind: "authority", website: "https://mfof.se" },
  { key: "msb", name: "Myndigheten för samhällsskydd och beredskap", shortName: "MSB", kind: "authority", website: "https://www.msb.se" },
  { key: "sst", name: "Myndigheten för stöd till trossamfund", shortName: "SST", kind: "authority", website: "https://www.myndighetensst.se" },
  { key: "mucf", name: "Myndigheten för ungdoms- och civilsamhällesfrågor", shortName: "MUCF", kind: "authority", website: "https://www.mucf.se" },
  { key: "nck", name: "Nationellt centrum för kvinnofrid", shortName: "NCK", kind: "authority", website: "https://nck.uu.se" },
  { key: "polisen", name: "Polismyndigheten", shortName: "Polisen", kind: "authority", website: "https://polisen.se" },
  { key: "skatteverket", name: "Skatteverket", shortName: "SKV", kind: "authority", website: "https://www.skatteverket.se" },
  { key: "skolverket", name: "Skolverket", shortName: "Skolverket", kind: "authority", website: "https://www.skolverket.se" },
  { key: "socialstyrelsen", name: "Socialstyrelsen", shortName: "SoS", kind: "authority", website: "https://www.socialstyrelsen.se" },
  { key: "sis", name: "Statens institutionsstyrelse", shortName: "SiS", kind: "authority", website: "https://www.stat-inst.se" },
  { key: "skr", name: "Sveriges Kommuner och Regioner", shortName: "SKR", kind: "other", website: "https://skr.se" },
  { key: "ud", name: "Utrikesdepartementet", shortName: "UD", kind: "authority", website: "https://www.regeringen.se" },
  { key: "aklagarmyndigheten", name: "Åklagarmyndigheten", shortName: "ÅM", kind: "authority", website: "https://www.aklagare.se" },
];

/**
 * The 21 county administrative boards. Länsstyrelsen Östergötland is the home of the
 * National Centre against honour-related violence and oppression.
 */
const countyBoards: SeedOrganisation[] = [
  { key: "lst-blekinge", name: "Länsstyrelsen i Blekinge län", shortName: "Lst Blekinge", kind: "county_board", website: "https://www.lansstyrelsen.se/blekinge" },
  { key: "lst-dalarna", name: "Länsstyrelsen i Dalarnas län", shortName: "Lst Dalarna", kind: "county_board", orgNumber: "202100-2429", website: "https://www.lansstyrelsen.se/dalarna" },
  { key: "lst-gotland", name: "Länsstyrelsen i Gotlands län", shortName: "Lst Gotland", kind: "county_board", website: "https://www.lansstyrelsen.se/gotland" },
  { key: "lst-gavleborg", name: "Länsstyrelsen i Gävleborgs län", shortName: "Lst Gävleborg", kind: "county_board", website: "https://www.lansstyrelsen.se/gavleborg" },
  { key: "lst-halland", name: "Länsstyrelsen i Hallands län", shortName: "Lst Halland", kind: "county_board", website: "https://www.lansstyrelsen.se/halland" },
  { key: "lst-jamtland", name: "Länsstyrelsen i Jämtlands län", shortName: "Lst Jämtland", kind: "county_board", website: "https://www.lansstyrelsen.se/jamtland" },
  { key: "lst-jonkoping", name: "Länsstyrelsen i Jönköpings län", shortName: "Lst Jönköping", kind: "county_board", website: "https://www.lansstyrelsen.se/jonkoping" },
  { key: "lst-kalmar", name: "Länsstyrelsen i Kalmar län", shortName: "Lst Kalmar", kind: "county_board", website: "https://www.lansstyrelsen.se/kalmar" },
  { key: "lst-kronoberg", name: "Länsstyrelsen i Kronobergs län", shortName: "Lst Kronoberg", kind: "county_board", website: "https://www.lansstyrelsen.se/kronoberg" },
  { key: "lst-norrbotten", name: "Länsstyrelsen i Norrbottens län", shortName: "Lst Norrbotten", kind: "county_board", website: "https://www.lansstyrelsen.se/norrbotten" },
  { key: "lst-skane", name: "Länsstyrelsen i Skåne län", shortName: "Lst Skåne", kind: "county_board", website: "https://www.lansstyrelsen.se/skane" },
  { key: "lst-stockholm", name: "Länsstyrelsen i Stockholms län", shortName: "Lst Stockholm", kind: "county_board", website: "https://www.lansstyrelsen.se/stockholm" },
  { key: "lst-sodermanland", name: "Länsstyrelsen i Södermanlands län", shortName: "Lst Södermanland", kind: "county_board", website: "https://www.lansstyrelsen.se/sodermanland" },
  { key: "lst-uppsala", name: "Länsstyrelsen i Uppsala län", shortName: "Lst Uppsala", kind: "county_board", website: "https://www.lansstyrelsen.se/uppsala" },
  { key: "lst-varmland", name: "Länsstyrelsen i Värmlands län", shortName: "Lst Värmland", kind: "county_board", website: "https://www.lansstyrelsen.se/varmland" },
  { key: "lst-vasterbotten", name: "Länsstyrelsen i Västerbottens län", shortName: "Lst Västerbotten", kind: "county_board", website: "https://www.lansstyrelsen.se/vasterbotten" },
  { key: "lst-vasternorrland", name: "Länsstyrelsen i Västernorrlands län", shortName: "Lst Västernorrland", kind: "county_board", website: "https://www.lansstyrelsen.se/vasternorrland" },
  { key: "lst-vastmanland", name: "Länsstyrelsen i Västmanlands län", shortName: "Lst Västmanland", kind: "county_board", website: "https://www.lansstyrelsen.se/vastmanland" },
  { key: "lst-vastra-gotaland", name: "Länsstyrelsen i Västra Götalands län", shortName: "Lst Västra Götaland", kind: "county_board", website: "https://www.lansstyrelsen.se/vastra-gotaland" },
  { key: "lst-orebro", name: "Länsstyrelsen i Örebro län", shortName: "Lst Örebro", kind: "county_board", website: "https://www.lansstyrelsen.se/orebro" },
  { key: "lst-ostergotland", name: "Länsstyrelsen Östergötland", shortName: "Lst Östergötland", kind: "county_board", website: "https://www.lansstyrelsen.se/ostergotland" },
];

/** Civil-society organisations that work against violence and honour-related oppression. */
const ngos: SeedOrganisation[] = [
  { key: "raddabarnen", name: "Rädda Barnen", shortName: "Rädda Barnen", kind: "ngo", website: "https://www.raddabarnen.se" },
  // Named in seeds/004 as part of the Dalarna working group; no website we are sure of.
  { key: "kvinnojouren-kullan", name: "Kvinnojouren Kullan", shortName: "Kullan", kind: "ngo" },
  { key: "roks", name: "Riksorganisationen för kvinnojourer och tjejjourer i Sverige", shortName: "Roks", kind: "ngo", website: "https://www.roks.se" },
  { key: "unizon", name: "Unizon", shortName: "Unizon", kind: "ngo", website: "https://www.unizon.se" },
  { key: "terrafem", name: "Terrafem", shortName: "Terrafem", kind: "ngo", website: "https://www.terrafem.org" },
  { key: "gapf", name: "GAPF – Glöm aldrig Pela och Fadime", shortName: "GAPF", kind: "ngo", website: "https://www.gapf.se" },
  { key: "bris", name: "Bris – Barnens rätt i samhället", shortName: "Bris", kind: "ngo", website: "https://www.bris.se" },
];

/** The region and municipalities of Dalarna that take part in the regional resource centre. */
const dalarnaOrganisations: SeedOrganisation[] = [
  { key: "region-dalarna", name: "Region Dalarna", shortName: "Region Dalarna", kind: "region", website: "https://www.regiondalarna.se" },
  { key: "falu-kommun", name: "Falu kommun", shortName: "Falun", kind: "municipality", website: "https://www.falun.se" },
  { key: "mora-kommun", name: "Mora kommun", shortName: "Mora", kind: "municipality", website: "https://www.mora.se" },
  { key: "borlange-kommun", name: "Borlänge kommun", shortName: "Borlänge", kind: "municipality", website: "https://www.borlange.se" },
];

export const organisations: SeedOrganisation[] = [
  ...authorityNetworkAgencies,
  ...countyBoards,
  ...ngos,
  ...dalarnaOrganisations,
];

// ---------------------------------------------------------------------------------------
// People (all invented)
// ---------------------------------------------------------------------------------------

const CENTRE_COORDINATOR_TITLE = "Samordnare, Nationellt centrum mot hedersrelaterat våld och förtryck";

export const people: SeedPerson[] = [
  // The four demo logins of the README.
  { email: "admin@example.org", name: "Agnes Lindqvist", title: "Systemadministratör", phone: "070-174 06 05", orgKey: "lst-ostergotland", isPlatformAdmin: true },
  { email: "samordnare@example.org", name: "Samir Haddad", title: CENTRE_COORDINATOR_TITLE, phone: "070-174 06 06", orgKey: "lst-ostergotland" },
  { email: "polisen@example.org", name: "Petra Nyström", title: "Kommissarie, nationella operativa avdelningen", phone: "070-174 06 07", orgKey: "polisen", isOrgAdmin: true },
  { email: "raddabarnen@example.org", name: "Rasmus Ekholm", title: "Sakkunnig, barns skydd mot våld", phone: "070-174 06 08", orgKey: "raddabarnen", isOrgAdmin: true },

  // The National Centre at Länsstyrelsen Östergötland.
  { email: "leyla.karimi@example.org", name: "Leyla Karimi", title: "Samordnare för länsstyrelsernas nätverk", phone: "070-174 06 09", orgKey: "lst-ostergotland" },
  { email: "jonas.bergkvist@example.org", name: "Jonas Bergkvist", title: "Utredare", phone: "070-174 06 10", orgKey: "lst-ostergotland", locale: "en" },

  // Contacts of Myndighetsnätverket's agencies (and its three member county boards).
  { email: "maria.sjoberg@example.org", name: "Maria Sjöberg", title: "Handläggare", phone: "070-174 06 11", orgKey: "arbetsformedlingen", isOrgAdmin: true },
  { email: "erik.holmgren@example.org", name: "Erik Holmgren", title: "Forskare", phone: "070-174 06 12", orgKey: "barnafrid", isOrgAdmin: true },
  { email: "sofia.aberg@example.org", name: "Sofia Åberg", title: "Utredare", phone: "070-174 06 13", orgKey: "barnombudsmannen", isOrgAdmin: true },
  { email: "daniel.ohman@example.org", name: "Daniel Öhman", title: "Utvecklare av stöd till brottsutsatta", phone: "070-174 06 14", orgKey: "brottsoffermyndigheten", isOrgAdmin: true },
  { email: "amira.said@example.org", name: "Amira Said", title: "Analytiker", phone: "070-174 06 15", orgKey: "jamstalldhetsmyndigheten", isOrgAdmin: true },
  { email: "henrik.dahl@example.org", name: "Henrik Dahl", title: "Verksamhetsutvecklare", phone: "070-174 06 16", orgKey: "kriminalvarden", isOrgAdmin: true },
  { email: "elin.forsberg@example.org", name: "Elin Forsberg", title: "Verksamhetsexpert", phone: "070-174 06 17", orgKey: "migrationsverket", isOrgAdmin: true },
  { email: "karin.wallin@example.org", name: "Karin Wallin", title: "Utredare", phone: "070-174 06 18", orgKey: "socialstyrelsen", isOrgAdmin: true },
  { email: "oskar.lund@example.org", name: "Oskar Lund", title: "Undervisningsråd", phone: "070-174 06 19", orgKey: "skolverket", isOrgAdmin: true },
  { email: "nadia.rahimi@example.org", name: "Nadia Rahimi", title: "Utredare", phone: "070-174 06 20", orgKey: "mucf", isOrgAdmin: true },
  { email: "fredrik.sandberg@example.org", name: "Fredrik Sandberg", title: "Kammaråklagare", phone: "070-174 06 21", orgKey: "aklagarmyndigheten", isOrgAdmin: true },
  { email: "ingrid.falk@example.org", name: "Ingrid Falk", title: "Samordnare mäns våld mot kvinnor", phone: "070-174 06 22", orgKey: "lst-stockholm", isOrgAdmin: true },
  { email: "ahmed.yusuf@example.org", name: "Ahmed Yusuf", title: "Utvecklingsledare", phone: "070-174 06 23", orgKey: "lst-vastra-gotaland", isOrgAdmin: true },
  { email: "helena.borg@example.org", name: "Helena Borg", title: "Sakkunnig", phone: "070-174 06 24", orgKey: "lst-skane", isOrgAdmin: true },
  { email: "tobias.wikstrom@example.org", name: "Tobias Wikström", title: "Handläggare", phone: "070-174 06 25", orgKey: "forsakringskassan", isOrgAdmin: true },

  // NGOs (Rädda Barnen's demo login is above).
  { email: "linnea.strand@example.org", name: "Linnea Strand", title: "Verksamhetsansvarig", phone: "070-174 06 26", orgKey: "kvinnojouren-kullan", isOrgAdmin: true },
  { email: "mina.jafari@example.org", name: "Mina Jafari", title: "Projektledare", phone: "070-174 06 27", orgKey: "roks", isOrgAdmin: true },
  { email: "viktor.lindgren@example.org", name: "Viktor Lindgren", title: "Policyansvarig", phone: "070-174 06 28", orgKey: "unizon", isOrgAdmin: true },
  { email: "zeynep.demir@example.org", name: "Zeynep Demir", title: "Rådgivare", phone: "070-174 06 29", orgKey: "terrafem", isOrgAdmin: true },
  { email: "johanna.ek@example.org", name: "Johanna Ek", title: "Utbildare", phone: "070-174 06 30", orgKey: "gapf", isOrgAdmin: true },

  // Dalarna: the project lead at the county board, and the people of the centre's groups.
  // Those at Polismyndigheten, Åklagarmyndigheten and Rädda Barnen take part as group
  // members only: their organisations are not members of the Dalarna networks.
  { email: "annika.hedlund@example.org", name: "Annika Hedlund", title: "Projektledare, regionalt resurscentrum", phone: "070-174 06 31", orgKey: "lst-dalarna", isOrgAdmin: true },
  { email: "mats.lindberg@example.org", name: "Mats Lindberg", title: "Kommissarie, polisregion Bergslagen", phone: "070-174 06 32", orgKey: "polisen" },
  { email: "sara.nilsson@example.org", name: "Sara Nilsson", title: "Kammaråklagare, Åklagarkammaren i Falun", phone: "070-174 06 33", orgKey: "aklagarmyndigheten" },
  { email: "emma.bjork@example.org", name: "Emma Björk", title: "Enhetschef socialtjänst", phone: "070-174 06 34", orgKey: "falu-kommun", isOrgAdmin: true },
  { email: "ali.hassan@example.org", name: "Ali Hassan", title: "Skolkurator", phone: "070-174 06 35", orgKey: "borlange-kommun", isOrgAdmin: true },
  { email: "lena.persson@example.org", name: "Lena Persson", title: "Samordnare Barnahus", phone: "070-174 06 36", orgKey: "region-dalarna", isOrgAdmin: true },
  { email: "per.eriksson@example.org", name: "Per Eriksson", title: "Socialchef", phone: "070-174 06 37", orgKey: "mora-kommun", isOrgAdmin: true },
  { email: "hanna.olsson@example.org", name: "Hanna Olsson", title: "Familjebehandlare, Familjefrid i Mora", phone: "070-174 06 38", orgKey: "mora-kommun" },
  { email: "fatima.ahmadi@example.org", name: "Fatima Ahmadi", title: "Ombudsman, region Mitt", phone: "070-174 06 39", orgKey: "raddabarnen" },
  { email: "gunilla.berg@example.org", name: "Gunilla Berg", title: "Ordförande", phone: "070-174 06 40", orgKey: "kvinnojouren-kullan" },
  { email: "johan.karlsson@example.org", name: "Johan Karlsson", title: "Strateg", phone: "070-174 06 41", orgKey: "lst-dalarna" },
  { email: "cecilia.andersson@example.org", name: "Cecilia Andersson", title: "Verksamhetschef", phone: "070-174 06 42", orgKey: "region-dalarna" },

  // Västernorrland: the process lead of that county's resource centre.
  { email: "therese.norberg@example.org", name: "Therese Norberg", title: "Processledare, regionalt resurscentrum", phone: "070-174 06 43", orgKey: "lst-vasternorrland", isOrgAdmin: true },
];

// ---------------------------------------------------------------------------------------
// Networks and groups
// ---------------------------------------------------------------------------------------

const DALARNA_LEAD = "annika.hedlund@example.org";

export const networks: SeedNetwork[] = [
  {
    slug: "myndighetsnatverket",
    name: "Myndighetsnätverket",
    kind: "authority_network",
    description:
      "Statliga myndigheter som har eller har haft regeringsuppdrag om hedersrelaterat våld och förtryck, barnäktenskap, tvångsäktenskap och könsstympning av flickor och kvinnor. Här delar myndigheterna information och erfarenheter från sina uppdrag och samordnar sina insatser så att de gör större nytta för de utsatta. Länsstyrelsen Östergötland är sammankallande.",
    memberOrgKeys: [
      ...authorityNetworkAgencies.map((o) => o.key),
      "lst-stockholm",
      "lst-vastra-gotaland",
      "lst-skane",
      "lst-ostergotland",
    ],
    coordinatorEmails: ["samordnare@example.org"],
    groupMemberEmails: [],
  },
  {
    slug: "ideella-organisationer",
    name: "Nätverket för ideella organisationer",
    kind: "ngo_network",
    description:
      "Ideella organisationer som stödjer och möter personer utsatta för hedersrelaterat våld och förtryck. Nationellt centrum tar här del av organisationernas kunskap från stödarbetet, ger råd i deras arbete och sprider information om aktuella insatser.",
    memberOrgKeys: [...ngos.map((o) => o.key), "lst-ostergotland"],
    coordinatorEmails: ["samordnare@example.org"],
    groupMemberEmails: [],
  },
  {
    slug: "lansstyrelsernas-natverk",
    name: "Länsstyrelsernas nätverk",
    kind: "county_network",
    description:
      "Här möts de som ansvarar för arbetet mot mäns våld mot kvinnor och hedersrelaterat våld och förtryck vid landets 21 länsstyrelser. Nätverket ger stöd i arbetet med regionala strategier och handlingsplaner och gör det lättare att dela kunskap mellan länen.",
    memberOrgKeys: countyBoards.map((o) => o.key),
    coordinatorEmails: ["leyla.karimi@example.org"],
    groupMemberEmails: [],
  },
  {
    slug: "resurscentrum-dalarna",
    name: "Regionalt resurscentrum Dalarna",
    kind: "resource_centre",
    description:
      "Ett regionalt resurscentrum mot hedersrelaterat våld och förtryck under uppbyggnad i Dalarnas län, lett av länsstyrelsen. Kommuner, Region Dalarna, polis, åklagare och ideella organisationer tar tillsammans fram en modell för stöd till utsatta barn, unga och vuxna och till yrkesverksamma som möter dem.",
    memberOrgKeys: ["lst-dalarna", "region-dalarna", "falu-kommun", "mora-kommun", "borlange-kommun", "kvinnojouren-kullan"],
    coordinatorEmails: [DALARNA_LEAD],
    groupMemberEmails: [],
  },
  {
    slug: "dalarna-stod-barn-vuxna",
    name: "Arbetsgrupp: stöd till barn och vuxna",
    kind: "working_group",
    parentSlug: "resurscentrum-dalarna",
    description: "Tar fram hur resurscentrat ska ge stöd, skydd och rådgivning till barn och vuxna som är utsatta.",
    memberOrgKeys: [],
    coordinatorEmails: [DALARNA_LEAD],
    groupMemberEmails: [
      "emma.bjork@example.org",
      "lena.persson@example.org",
      "hanna.olsson@example.org",
      "fatima.ahmadi@example.org",
      "gunilla.berg@example.org",
    ],
  },
  {
    slug: "dalarna-kompetens",
    name: "Arbetsgrupp: kompetenshöjande insatser",
    kind: "working_group",
    parentSlug: "resurscentrum-dalarna",
    description: "Planerar utbildningar och konsultationer för yrkesverksamma i länet, i samarbete med Nationellt centrum.",
    memberOrgKeys: [],
    coordinatorEmails: [DALARNA_LEAD],
    groupMemberEmails: ["ali.hassan@example.org", "johan.karlsson@example.org", "fatima.ahmadi@example.org"],
  },
  {
    slug: "dalarna-avtal",
    name: "Arbetsgrupp: avtal mellan myndigheter",
    kind: "working_group",
    parentSlug: "resurscentrum-dalarna",
    description: "Förbereder samverkansavtal och en ekonomisk modell mellan kommuner, region och myndigheter.",
    memberOrgKeys: [],
    coordinatorEmails: [DALARNA_LEAD],
    groupMemberEmails: [
      "mats.lindberg@example.org",
      "sara.nilsson@example.org",
      "per.eriksson@example.org",
      "cecilia.andersson@example.org",
    ],
  },
  {
    slug: "dalarna-styrgrupp",
    name: "Styrgrupp",
    kind: "steering_group",
    parentSlug: "resurscentrum-dalarna",
    description: "Chefer och strateger från polis, åklagare, länsstyrelse, region och kommuner som beslutar om resurscentrats inriktning.",
    memberOrgKeys: [],
    coordinatorEmails: [DALARNA_LEAD],
    groupMemberEmails: [
      "mats.lindberg@example.org",
      "sara.nilsson@example.org",
      "cecilia.andersson@example.org",
      "per.eriksson@example.org",
      "johan.karlsson@example.org",
    ],
  },
  {
    // Not Skåne: e2e/admin.spec.ts creates a "Regionalt resurscentrum Skåne" itself.
    slug: "resurscentrum-vasternorrland",
    name: "Regionalt resurscentrum Västernorrland",
    kind: "resource_centre",
    description:
      "Länsstyrelsen i Västernorrlands län bygger tillsammans med länets kommuner och övriga regionala aktörer upp ett gemensamt resurscentrum mot hedersrelaterat våld och förtryck. Här samlas planering, underlag och erfarenheter från arbetet.",
    memberOrgKeys: ["lst-vasternorrland"],
    coordinatorEmails: ["therese.norberg@example.org"],
    groupMemberEmails: [],
  },
];
