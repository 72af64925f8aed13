import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Card, Flex, Grid, Heading, Text } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/filter-select";
import { PostArticle } from "~/components/post-article";
import { FEED_KINDS, type FeedKind } from "~/lib/post-kinds";
import { decodeCursor, getFeed, markRead } from "~/models/posts.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "updates", data && { name: data.network.name });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const search = new URL(request.url).searchParams;
  const kind = search.get("kind");
  const filter = {
    organisationId: search.get("organisation") || undefined,
    kind: FEED_KINDS.includes(kind as FeedKind) ? (kind as FeedKind) : undefined,
    assignmentId: search.get("assignment") || undefined,
    before: decodeCursor(search.get("before")),
  };
  const feed = await getFeed(actor, params.slug ?? "", filter);
  if (!feed) throw new Response("Not found", { status: 404 });
  // Shown once as unread, then read.
  await markRead(actor, [...feed.pinned, ...feed.items].filter((p) => p.unread).map((p) => p.id));
  return {
    ...feed,
    values: { organisation: filter.organisationId ?? "", kind: filter.kind ?? "", assignment: filter.assignmentId ?? "" },
    paged: Boolean(filter.before),
  };
}

export default function NetworkUpdates() {
  const { network, pinned, items, next, memberOrganisations, assignments, values, paged } = useLoaderData<typeof loader>();
  const t = useT();
  const filtered = Boolean(values.organisation || values.kind || values.assignment);
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v) as [string, string][]);
  const nextQuery = new URLSearchParams(query);
  if (next) nextQuery.set("before", next);
  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <AppLink to={`/networks/${network.slug}`}>{network.name}</AppLink>
      </Text>
      <Flex justify="between" align="end" gap="3" wrap="wrap">
        <Flex direction="column" gap="1">
          <Heading as="h1" size="8">
            {t("updates.feedHeading", { network: network.name })}
          </Heading>
          <Text as="p" color="gray">
            {t("updates.feedIntro")}
          </Text>
        </Flex>
        <Flex gap="3" wrap="wrap">
          {network.mayPost ? (
            <Button asChild>
              <AppLink to={`/updates/new?network=${network.slug}`} style={{ color: "var(--accent-contrast)" }}>
                {t("updates.newUpdate")}
              </AppLink>
            </Button>
          ) : null}
          {network.manages ? (
            <Button asChild variant="soft">
              <AppLink to={`/networks/${network.slug}/announcements/new`}>{t("updates.newAnnouncement")}</AppLink>
            </Button>
          ) : null}
        </Flex>
      </Flex>

      <Card size="2">
        <Form method="get" aria-label={t("updates.filter.heading")}>
          <Grid columns={{ initial: "1", sm: "2", md: "4" }} gap="3" align="end">
            <FilterSelect
              id="f-organisation"
              label={t("updates.filter.organisation")}
              name="organisation"
              value={values.organisation}
              allLabel={t("updates.filter.all")}
              options={memberOrganisations.map((o) => ({ value: o.id, label: o.name }))}
            />
            <FilterSelect
              id="f-kind"
              label={t("updates.filter.kind")}
              name="kind"
              value={values.kind}
              allLabel={t("updates.filter.all")}
              options={FEED_KINDS.map((k) => ({ value: k, label: t(`updates.kind.${k}`) }))}
            />
            <FilterSelect
              id="f-assignment"
              label={t("updates.filter.assignment")}
              name="assignment"
              value={values.assignment}
              allLabel={t("updates.filter.all")}
              options={assignments.map((a) => ({ value: a.id, label: a.reference ? `${a.title} (${a.reference})` : a.title }))}
            />
            <Flex gap="3" align="center">
              <Button type="submit">{t("updates.filter.apply")}</Button>
              {filtered ? <AppLink to={`/networks/${network.slug}/updates`}>{t("updates.filter.clear")}</AppLink> : null}
            </Flex>
          </Grid>
        </Form>
      </Card>

      {pinned.length > 0 ? (
        <section aria-labelledby="pinned-heading">
          <Heading as="h2" size="5" id="pinned-heading" mb="3">
            {t("updates.pinnedHeading")}
          </Heading>
          <Flex direction="column" gap="3">
            {pinned.map((p) => (
              <PostArticle key={p.id} post={p} />
            ))}
          </Flex>
        </section>
      ) : null}

      <section aria-label={t("updates.title")}>
        <Flex direction="column" gap="3" data-testid="feed">
          {items.length === 0 ? <Text as="p">{filtered ? t("updates.emptyFiltered") : t("updates.empty")}</Text> : null}
          {items.map((p) => (
            <PostArticle key={p.id} post={p} />
          ))}
        </Flex>
      </section>

      <Flex gap="4">
        {paged ? <AppLink to={`?${query.toString()}`}>{t("updates.newest")}</AppLink> : null}
        {next ? (
          <AppLink to={`?${nextQuery.toString()}`} rel="next">
            {t("updates.older")}
          </AppLink>
        ) : null}
      </Flex>
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
