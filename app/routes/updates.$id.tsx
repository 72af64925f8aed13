import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Card, Flex, Heading, Text, TextArea } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useErrorText } from "~/components/field";
import { LinkedDocuments } from "~/components/linked-documents";
import { PostBadges, PostByline } from "~/components/post-article";
import { ResettingForm, SubmitButton } from "~/components/resetting-form";
import { useLocale, useT } from "~/i18n/use-locale";
import { formatDateTime } from "~/lib/format";
import { CommentSchema } from "~/lib/post-schemas";
import { requestMeta } from "~/models/audit.server";
import { linkableDocuments, linkDocument, linkedDocuments } from "~/models/library.server";
import { addComment, deleteComment, deletePost, getPost, postPermissions, setPinned } from "~/models/posts.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data && { name: data.post.title });

const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const page = await getPost(actor, params.id ?? "");
  if (!page) throw notFound();
  const [documents, linkable] = await Promise.all([
    linkedDocuments(actor, { postId: page.post.id }),
    page.mayEdit ? linkableDocuments(actor, page.post.networks.map((n) => n.slug)) : Promise.resolve([]),
  ]);
  return { ...page, documents, linkable };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const postId = params.id ?? "";
  const meta = requestMeta(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "comment") {
    const parsed = CommentSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      return data({ intent, parent: String(form.get("parent") ?? ""), error: parsed.error.issues[0]?.message ?? "validation.required" }, { status: 400 });
    }
    const outcome = await addComment(actor, postId, parsed.data.body, parsed.data.parent ?? null, meta);
    if (!outcome.ok) {
      if (outcome.reason === "not_found") throw notFound();
      return data({ intent, parent: parsed.data.parent ?? "", error: outcome.message }, { status: 400 });
    }
    throw redirect(`/updates/${postId}#comment-${outcome.id}`);
  }
  if (intent === "deleteComment") {
    if (!(await deleteComment(actor, postId, String(form.get("comment") ?? ""), meta))) throw notFound();
    throw redirect(`/updates/${postId}#comments`);
  }
  if (intent === "linkDocument") {
    const allowed = await postPermissions(actor, postId);
    if (!allowed?.mayEdit || !(await linkDocument(actor, String(form.get("document") ?? ""), { postId }, meta))) throw notFound();
    return { intent, parent: "", error: null };
  }
  if (intent === "pin" || intent === "unpin") {
    if (!(await setPinned(actor, postId, intent === "pin", meta))) throw notFound();
    return { intent, parent: "", error: null };
  }
  if (intent === "delete") {
    const allowed = await postPermissions(actor, postId);
    if (!allowed || !(await deletePost(actor, postId, meta))) throw notFound();
    const home = allowed.networks[0];
    throw redirect(home ? `/networks/${home.slug}/updates` : "/");
  }
  return data({ intent: "unknown", parent: "", error: "validation.invalidChoice" }, { status: 400 });
}

function CommentForm({ postId, parent, label, submit }: { postId: string; parent?: string; label: string; submit: string }) {
  const actionData = useActionData<typeof action>();
  const errorText = useErrorText();
  const id = parent ? `reply-${parent}` : "comment-new";
  const error = actionData?.intent === "comment" && actionData.parent === (parent ?? "") ? actionData.error : null;
  return (
    <ResettingForm method="post" action={`/updates/${postId}`} preventScrollReset failed={Boolean(actionData?.error)}>
      <input type="hidden" name="intent" value="comment" />
      {parent ? <input type="hidden" name="parent" value={parent} /> : null}
      <Flex direction="column" gap="2">
        <Text as="label" htmlFor={id} size="2" weight="medium">
          {label}
        </Text>
        <TextArea
          id={id}
          name="body"
          rows={3}
          required
          maxLength={10_000}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <Text id={`${id}-error`} size="2" color="red" role="alert">
            {errorText(error)}
          </Text>
        ) : null}
        <div>
          <SubmitButton variant="soft">{submit}</SubmitButton>
        </div>
      </Flex>
    </ResettingForm>
  );
}

type Comment = ReturnType<typeof useLoaderData<typeof loader>>["comments"][number];

function CommentView({ comment, postId }: { comment: Omit<Comment, "replies">; postId: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Flex direction="column" gap="1" id={`comment-${comment.id}`}>
      <Text size="2" color="gray">
        <Text weight="medium" color="gray" highContrast>
          {comment.authorName}
        </Text>
        , {comment.organisationName} · <time dateTime={new Date(comment.createdAt).toISOString()}>{formatDateTime(comment.createdAt, locale)}</time>
      </Text>
      {comment.deletedAt ? (
        <Text as="p" size="2" color="gray" m="0">
          <em>{t("updates.commentDeleted")}</em>
        </Text>
      ) : (
        <p className="comment-body">{comment.body}</p>
      )}
      {comment.mayDelete ? (
        <Form method="post" action={`/updates/${postId}`} preventScrollReset>
          <input type="hidden" name="intent" value="deleteComment" />
          <input type="hidden" name="comment" value={comment.id} />
          <Button type="submit" variant="ghost" color="red" size="1">
            {t("updates.deleteComment")}
          </Button>
        </Form>
      ) : null}
    </Flex>
  );
}

export default function UpdatePage() {
  const { post, comments, history, mayEdit, mayDelete, mayPin, documents, linkable } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <Flex direction="column" gap="4">
      {post.networks[0] ? (
        <Text size="2">
          <AppLink to={`/networks/${post.networks[0].slug}/updates`}>{t("updates.feedHeading", { network: post.networks[0].name })}</AppLink>
        </Text>
      ) : null}
      <article aria-labelledby="post-title">
        <Flex direction="column" gap="3">
          <PostBadges post={{ ...post, unread: false }} />
          <Heading as="h1" size="8" id="post-title">
            {post.title}
          </Heading>
          <PostByline post={post} />
          {post.version > 1 ? (
            <Text size="2" color="gray">
              {t("updates.edited", { date: formatDateTime(post.updatedAt, locale) })}
            </Text>
          ) : null}
          {/* Sanitised on the server when saved (app/lib/markdown.server.ts). */}
          <div className="markdown post-body" data-testid="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        </Flex>
      </article>

      {mayEdit || mayPin || mayDelete ? (
        <Flex gap="3" align="center" wrap="wrap">
          {mayEdit ? (
            <Button asChild variant="soft">
              <AppLink to={`/updates/${post.id}/edit`}>{t("updates.edit")}</AppLink>
            </Button>
          ) : null}
          {mayPin ? (
            <Form method="post">
              <input type="hidden" name="intent" value={post.pinned ? "unpin" : "pin"} />
              <Button type="submit" variant="soft">
                {post.pinned ? t("updates.unpin") : t("updates.pin")}
              </Button>
            </Form>
          ) : null}
          {mayDelete ? (
            <details>
              <summary>{t("updates.delete")}</summary>
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <Flex direction="column" gap="2" mt="2" style={{ maxWidth: 420 }}>
                  <Text size="2">{t("updates.deleteConfirm")}</Text>
                  <div>
                    <Button type="submit" color="red">
                      {t("updates.deleteYes")}
                    </Button>
                  </div>
                </Flex>
              </Form>
            </details>
          ) : null}
        </Flex>
      ) : null}

      <LinkedDocuments documents={documents} linkable={linkable} />

      <Card asChild size="2">
        <section aria-labelledby="comments" id="comments-section">
          <Heading as="h2" size="5" id="comments" mb="3">
            {t("updates.commentsHeading")}
          </Heading>
          {comments.length === 0 ? (
            <Text as="p" color="gray">
              {t("updates.noComments")}
            </Text>
          ) : (
            <ol className="plain-list" data-testid="comments">
              {comments.map((c) => (
                <li key={c.id} style={{ marginBottom: "var(--space-4)" }}>
                  <CommentView comment={c} postId={post.id} />
                  {c.replies.length > 0 ? (
                    <ol className="plain-list" style={{ marginLeft: "var(--space-5)", marginTop: "var(--space-3)" }}>
                      {c.replies.map((r) => (
                        <li key={r.id} style={{ marginBottom: "var(--space-3)" }}>
                          <CommentView comment={r} postId={post.id} />
                        </li>
                      ))}
                    </ol>
                  ) : null}
                  {!c.deletedAt ? (
                    <details style={{ marginLeft: "var(--space-5)", marginTop: "var(--space-2)" }}>
                      <summary>{t("updates.reply")}</summary>
                      <CommentForm postId={post.id} parent={c.id} label={t("updates.replyTo", { name: c.authorName })} submit={t("updates.sendReply")} />
                    </details>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          <CommentForm postId={post.id} label={t("updates.comment")} submit={t("updates.addComment")} />
        </section>
      </Card>

      <section aria-labelledby="history-heading">
        <Heading as="h2" size="4" id="history-heading" mb="2">
          {t("updates.history")}
        </Heading>
        {history.length === 0 ? (
          <Text as="p" size="2" color="gray">
            {t("updates.noHistory")}
          </Text>
        ) : (
          <ul data-testid="history">
            {history.map((h) => (
              <li key={h.version}>
                <Text size="2">
                  {t("updates.historyEntry", { version: h.version, name: h.editorName, date: formatDateTime(h.editedAt, locale) })}: «{h.title}»
                </Text>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
