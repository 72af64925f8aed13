import type { useTranslation } from "react-i18next";
import { useLocale, useT } from "~/i18n/use-locale";
import { formatDateTime } from "~/lib/format";
import { Badge, CardArticle, Heading, Link, Stack, Text } from "./lite";

export interface PostItem {
  id: string;
  type: "update" | "announcement";
  kind: "progress" | "report_submitted" | "lesson_learned" | "question" | null;
  title: string;
  bodyHtml: string;
  pinned: boolean;
  important: boolean;
  version: number;
  createdAt: Date | string;
  authorName: string;
  organisationId: string;
  organisationName: string;
  assignmentId: string | null;
  assignmentTitle: string | null;
  assignmentReference: string | null;
  commentCount: number;
  unread: boolean;
  networks?: { slug: string; name: string }[];
}

/** Kind, pinned, important and unread marks of a post. */
export function PostBadges({ post }: { post: Pick<PostItem, "type" | "kind" | "pinned" | "important" | "unread"> }) {
  const t = useT();
  return badges(post, t);
}

// The parts of a post as plain functions, so that a feed of 50 posts asks for the
// translation function once per post rather than once per part (each hook call costs).
type T = ReturnType<typeof useTranslation>["t"];

function badges(post: Pick<PostItem, "type" | "kind" | "pinned" | "important" | "unread">, t: T) {
  return (
    <Stack row wrap>
      <Badge color={post.type === "announcement" ? "indigo" : "gray"}>{t(`updates.kind.${post.type === "announcement" ? "announcement" : post.kind!}`)}</Badge>
      {post.important ? <Badge color="red">{t("updates.important")}</Badge> : null}
      {post.pinned ? <Badge color="amber">{t("updates.pinned")}</Badge> : null}
      {post.unread ? (
        <Badge color="green" data-testid="unread">
          {t("updates.unread")}
        </Badge>
      ) : null}
    </Stack>
  );
}

/** Who posted it, when, for which assignment. */
export function PostByline({ post }: { post: PostItem }) {
  const t = useT();
  const locale = useLocale();
  return byline(post, t, locale);
}

function byline(post: PostItem, t: T, locale: ReturnType<typeof useLocale>) {
  return (
    <Text as="p" size="2" color="gray" m0>
      {t("updates.by", {
        name: post.authorName,
        organisation: post.organisationName,
      })}{" "}
      · <time dateTime={new Date(post.createdAt).toISOString()}>{formatDateTime(post.createdAt, locale)}</time>
      {post.assignmentId ? (
        <>
          {" · "}
          {t("updates.assignment")}:{" "}
          <Link href={`/assignments/${post.assignmentId}`}>
            {post.assignmentTitle}
            {post.assignmentReference ? ` (${post.assignmentReference})` : ""}
          </Link>
        </>
      ) : null}
      {post.networks && post.networks.length > 0 ? (
        <>
          {" · "}
          {t("updates.postedIn")}{" "}
          {post.networks.map((n, i) => (
            <span key={n.slug}>
              {i > 0 ? ", " : ""}
              <Link href={`/networks/${n.slug}/updates`}>{n.name}</Link>
            </span>
          ))}
        </>
      ) : null}
    </Text>
  );
}

/** A post in a feed: one `<article>` with its heading, marks, byline and text. */
export function PostArticle({ post, headingLevel = 3 }: { post: PostItem; headingLevel?: 2 | 3 }) {
  const t = useT();
  const locale = useLocale();
  const headingId = `post-${post.id}`;
  return (
    <CardArticle aria-labelledby={headingId} data-testid="post">
      <Stack>
        {badges(post, t)}
        <Heading as={headingLevel === 2 ? "h2" : "h3"} id={headingId}>
          <Link href={`/updates/${post.id}`}>{post.title}</Link>
        </Heading>
        {byline(post, t, locale)}
        {/* Sanitised on the server when saved (app/lib/markdown.server.ts). */}
        <div className="markdown post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        <Text size="2">
          <Link href={`/updates/${post.id}#comments`}>
            {t("updates.readMore")} ({t("updates.comments", { count: post.commentCount })})
          </Link>
        </Text>
      </Stack>
    </CardArticle>
  );
}
