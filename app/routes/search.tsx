import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Callout, Card, Flex, Grid, Heading, Text, TextField } from "@radix-ui/themes";
import { Fragment } from "react";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/filter-select";
import { useLocale, useT } from "~/i18n/use-locale";
import { formatDate } from "~/lib/format";
import { isCalendarDay } from "~/lib/time";
import { registerOrganisations } from "~/models/assignments.server";
import { listNetworksForActor } from "~/models/networks.server";
import { HIT_END, HIT_START, SEARCH_KINDS, type SearchKind } from "~/lib/search-kinds";
import { search } from "~/models/search.server";
import * as Lite from "~/components/lite";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "search");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const p = new URL(request.url).searchParams;
  const kind = p.get("kind");
  const values = {
    q: p.get("q") ?? "",
    network: p.get("network") ?? "",
    organisation: p.get("organisation") ?? "",
    kind: SEARCH_KINDS.includes(kind as SearchKind) ? (kind as SearchKind) : "",
    from: p.get("from") ?? "",
    to: p.get("to") ?? "",
  };
  // A day that does not exist ("2026-13-45", typed by hand or by a script) is the
  // person's mistake: say so beside the field, keep everything else, and search nothing.
  const badDays = (["from", "to"] as const).filter((f) => values[f] !== "" && !isCalendarDay(values[f]));
  const [hits, networks, organisations] = await Promise.all([
    badDays.length ? [] : search(actor, {
      q: values.q,
      network: values.network || undefined,
      organisationId: values.organisation || undefined,
      kind: (values.kind || undefined) as SearchKind | undefined,
      from: values.from || undefined,
      to: values.to || undefined,
    }),
    listNetworksForActor(actor),
    registerOrganisations(actor),
  ]);
  const flat = networks.flatMap((n) => [{ slug: n.slug, name: n.name }, ...n.groups.map((g) => ({ slug: g.slug, name: g.name }))]);
  const page = { hits, values, networks: flat, organisations, badDays, error: badDays.length ? "search.badDays" : null };
  return badDays.length ? data(page, { status: 400 }) : page;
}

const linkOf = (kind: SearchKind, id: string) =>
  kind === "document" ? `/documents/${id}` : kind === "update" ? `/updates/${id}` : kind === "minutes" ? `/meetings/${id}/minutes` : `/meetings/${id}`;

/** The snippet as text with the matched words marked; nothing in it is ever read as HTML. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(HIT_START);
  return (
    <Lite.Text as="p" size="2" color="gray" m0 data-testid="snippet">
      {parts.map((part, i) => {
        if (i === 0) return <Fragment key={i}>{part}</Fragment>;
        const [hit, rest] = part.split(HIT_END);
        return (
          <Fragment key={i}>
            <mark>{hit}</mark>
            {rest}
          </Fragment>
        );
      })}
    </Lite.Text>
  );
}

export default function Search() {
  const { hits, values, networks, organisations, badDays, error } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const select = (id: string, label: string, name: string, value: string, options: { value: string; label: string }[]) => (
    <FilterSelect id={id} label={label} name={name} value={value} allLabel={t("search.all")} options={options} />
  );
  // A day filter; a day that does not exist (2026-13-45) is named beside its field.
  const dayField = (name: "from" | "to") => {
    const bad = badDays.includes(name);
    return (
      <Flex direction="column" gap="1">
        <Text as="label" htmlFor={`s-${name}`} size="2" weight="medium">
          {t(`search.${name}`)}
        </Text>
        <TextField.Root
          id={`s-${name}`}
          name={name}
          type="date"
          defaultValue={values[name]}
          aria-invalid={bad || undefined}
          aria-describedby={bad ? `s-${name}-error` : undefined}
        />
        {bad ? (
          <Text id={`s-${name}-error`} size="1" color="red">
            {t("search.badDay", { value: values[name] })}
          </Text>
        ) : null}
      </Flex>
    );
  };
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="8">
        {t("search.heading")}
      </Heading>
      <Card size="2">
        <Form method="get" role="search">
          <Flex direction="column" gap="3">
            <Flex gap="2" align="end" wrap="wrap">
              <Flex direction="column" gap="1" style={{ flex: 1, minWidth: 220 }}>
                <Text as="label" htmlFor="s-q" size="2" weight="medium">
                  {t("search.query")}
                </Text>
                <TextField.Root id="s-q" name="q" type="search" defaultValue={values.q} maxLength={200} aria-describedby="s-hint" />
              </Flex>
              <Button type="submit">{t("search.submit")}</Button>
            </Flex>
            <Text id="s-hint" size="1" color="gray">
              {t("search.hint")}
            </Text>
            <Grid columns={{ initial: "1", sm: "2", md: "5" }} gap="3">
              {select("s-network", t("search.network"), "network", values.network, networks.map((n) => ({ value: n.slug, label: n.name })))}
              {select("s-organisation", t("search.organisation"), "organisation", values.organisation, organisations.map((o) => ({ value: o.id, label: o.name })))}
              {select("s-kind", t("search.kind"), "kind", values.kind, SEARCH_KINDS.map((k) => ({ value: k, label: t(`search.kinds.${k}`) })))}
              {dayField("from")}
              {dayField("to")}
            </Grid>
          </Flex>
        </Form>
      </Card>
      {error ? (
        <Callout.Root color="red" role="alert">
          <Callout.Text>{t(error)}</Callout.Text>
        </Callout.Root>
      ) : null}
      {values.q.trim().length > 0 && values.q.trim().length < 2 ? <Text as="p">{t("search.tooShort")}</Text> : null}
      {values.q.trim().length >= 2 && !badDays.length ? (
        <section aria-labelledby="results-heading">
          <Heading as="h2" size="5" id="results-heading" mb="3">
            {t("search.results", { count: hits.length })}
          </Heading>
          {hits.length === 0 ? <Text as="p">{t("search.none")}</Text> : null}
          <ol className="plain-list" data-testid="results">
            {hits.map((h) => (
              <li key={`${h.kind}-${h.id}`} style={{ marginBottom: "var(--space-4)" }}>
                <Lite.Stack gap="1">
                  <Lite.Stack row align="center" wrap>
                    <Lite.Badge color="gray">{t(`search.kinds.${h.kind}`)}</Lite.Badge>
                    <Lite.Link href={linkOf(h.kind, h.id)} weight="medium">
                      {h.title}
                    </Lite.Link>
                  </Lite.Stack>
                  <Lite.Text size="1" color="gray">
                    {h.networkName} · {formatDate(h.at, locale)}
                  </Lite.Text>
                  <Snippet text={h.snippet} />
                </Lite.Stack>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
