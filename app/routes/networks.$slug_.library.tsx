import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Callout, Card, Flex, Heading, Table, Text, TextField } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useErrorText } from "~/components/field";
import { ResettingForm, SubmitButton } from "~/components/resetting-form";
import { UploadForm } from "~/components/upload-form";
import { useLocale, useT } from "~/i18n/use-locale";
import { formatDateTime, formatSize } from "~/lib/format";
import { uploadLimitBytes } from "~/lib/upload.server";
import { requestMeta } from "~/models/audit.server";
import { changeFolder, createFolder, decodeCursor, getLibraryPage, getMemberOrganisations } from "~/models/library.server";
import * as Lite from "~/components/lite";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "library", data && { name: data.network.name });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const search = new URL(request.url).searchParams;
  const page = await getLibraryPage(actorOf(session.user), params.slug ?? "", search.get("folder"), decodeCursor(search.get("after")));
  if (!page) throw new Response("Not found", { status: 404 });
  return {
    ...page,
    // Only what a row shows: the rest (checksum, file name, description) is on the document's page.
    documents: page.documents.map((d) => ({
      id: d.id,
      title: d.title,
      registrationNumber: d.registrationNumber,
      organisationName: d.organisationName,
      classification: d.classification,
      size: d.size,
      updatedAt: d.updatedAt,
    })),
    paged: Boolean(search.get("after")),
    error: search.get("error"),
    maxMb: Math.round(uploadLimitBytes() / 1024 / 1024),
    organisations: page.network.mayUpload ? await getMemberOrganisations(page.network.id) : [],
    ownOrganisation: { id: session.user.organisationId, name: session.user.organisationName },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const slug = params.slug ?? "";
  const meta = requestMeta(request, context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const folder = String(form.get("folder") ?? "") || null;
  const name = String(form.get("name") ?? "");
  const outcome =
    intent === "createFolder"
      ? await createFolder(actor, slug, folder, name, meta)
      : intent === "renameFolder"
      ? await changeFolder(actor, slug, String(form.get("target") ?? ""), name, meta)
      : intent === "deleteFolder"
      ? await changeFolder(actor, slug, String(form.get("target") ?? ""), null, meta)
      : ({ ok: false, reason: "invalid", message: "validation.invalidChoice" } as const);
  if (!outcome.ok && outcome.reason === "not_found") throw new Response("Not found", { status: 404 });
  if (!outcome.ok) return data({ intent, target: String(form.get("target") ?? ""), error: outcome.message }, { status: 400 });
  return { intent, target: "", error: null };
}

export default function Library() {
  const { network, folder, path, subfolders, documents, total, next, paged, error, maxMb, organisations, ownOrganisation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  const here = `/networks/${network.slug}/library`;
  const folderQuery = folder ? `?folder=${folder.id}` : "";
  const labels = { open: t("library.classification.open"), internal: t("library.classification.internal"), restricted: t("library.classification.restricted") };
  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <AppLink to={`/networks/${network.slug}`}>{network.name}</AppLink>
      </Text>
      <Flex justify="between" align="end" gap="3" wrap="wrap">
        <Heading as="h1" size="8">
          {folder ? folder.name : t("library.heading", { network: network.name })}
        </Heading>
        {network.manages ? <AppLink to={`${here}/trash`}>{t("library.trash")}</AppLink> : null}
      </Flex>
      <nav aria-label={t("library.breadcrumb")}>
        <Text size="2">
          <AppLink to={here}>{t("library.root")}</AppLink>
          {path.map((p) => (
            <span key={p.id}>
              {" / "}
              {p.id === folder?.id ? <span aria-current="page">{p.name}</span> : <AppLink to={`${here}?folder=${p.id}`}>{p.name}</AppLink>}
            </span>
          ))}
        </Text>
      </nav>

      {actionData?.error ? (
        <Callout.Root color="red" highContrast role="alert">
          <Callout.Text>{errorText(actionData.error)}</Callout.Text>
        </Callout.Root>
      ) : null}

      <Card asChild size="2">
        <section aria-labelledby="folders-heading">
          <Heading as="h2" size="4" id="folders-heading" mb="2">
            {t("library.folders")}
          </Heading>
          {subfolders.length === 0 ? (
            <Text as="p" size="2" color="gray">
              {t("library.noFolders")}
            </Text>
          ) : (
            <ul className="plain-list" data-testid="folders">
              {subfolders.map((f) => (
                <li key={f.id}>
                  <Flex gap="3" align="center" py="1" wrap="wrap">
                    <AppLink to={`${here}?folder=${f.id}`}>{f.name}</AppLink>
                    {f.mayChange ? (
                      <details>
                        <summary>
                          <Text size="1">{t("library.rename")}</Text>
                        </summary>
                        <Form method="post">
                          <input type="hidden" name="intent" value="renameFolder" />
                          <input type="hidden" name="target" value={f.id} />
                          <Flex gap="2" align="end" mt="1" wrap="wrap">
                            <TextField.Root name="name" defaultValue={f.name} aria-label={t("library.renameTo", { name: f.name })} maxLength={200} required />
                            <Button type="submit" size="1" variant="soft">
                              {t("library.rename")}
                            </Button>
                          </Flex>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="deleteFolder" />
                          <input type="hidden" name="target" value={f.id} />
                          <Button type="submit" size="1" variant="ghost" color="red" mt="2">
                            {t("library.deleteFolder")}
                          </Button>
                        </Form>
                      </details>
                    ) : null}
                  </Flex>
                </li>
              ))}
            </ul>
          )}
          {network.mayUpload ? (
            <ResettingForm method="post" failed={Boolean(actionData?.error)}>
              <input type="hidden" name="intent" value="createFolder" />
              {folder ? <input type="hidden" name="folder" value={folder.id} /> : null}
              <Flex gap="2" align="end" mt="3" wrap="wrap">
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="new-folder" size="2" weight="medium">
                    {t("library.folderName")}
                  </Text>
                  <TextField.Root id="new-folder" name="name" maxLength={200} required />
                </Flex>
                <SubmitButton variant="soft">{t("library.createFolder")}</SubmitButton>
              </Flex>
            </ResettingForm>
          ) : null}
        </section>
      </Card>

      <section aria-labelledby="documents-heading">
        <Heading as="h2" size="4" id="documents-heading" mb="2">
          {t("library.documents", { count: total })}
        </Heading>
        {documents.length === 0 ? (
          <Text as="p" color="gray">
            {t("library.empty")}
          </Text>
        ) : (
            <Table.Root variant="surface" data-testid="documents">
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeaderCell>{t("library.column.title")}</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>{t("library.column.owner")}</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>{t("library.column.classification")}</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>{t("library.column.size")}</Table.ColumnHeaderCell>
                  <Table.ColumnHeaderCell>{t("library.column.updated")}</Table.ColumnHeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {documents.map((d) => (
                  <Lite.Row key={d.id}>
                    <Lite.RowHeaderCell>
                      <Lite.Link href={`/documents/${d.id}`}>{d.title}</Lite.Link>
                      {d.registrationNumber ? (
                        <Lite.Text size="1" color="gray">
                          {" "}
                          ({d.registrationNumber})
                        </Lite.Text>
                      ) : null}
                    </Lite.RowHeaderCell>
                    <Lite.Cell>{d.organisationName}</Lite.Cell>
                    <Lite.Cell>
                      <Lite.Badge color={d.classification === "restricted" ? "red" : d.classification === "open" ? "green" : "gray"}>
                        {labels[d.classification]}
                      </Lite.Badge>
                    </Lite.Cell>
                    <Lite.Cell>{formatSize(d.size, locale)}</Lite.Cell>
                    <Lite.Cell>{formatDateTime(d.updatedAt, locale)}</Lite.Cell>
                  </Lite.Row>
                ))}
              </Table.Body>
            </Table.Root>
        )}
        <Flex gap="4" mt="3">
          {paged ? <AppLink to={`${here}${folderQuery}`}>{t("library.first")}</AppLink> : null}
          {next ? (
            <AppLink to={`${here}?${new URLSearchParams({ ...(folder ? { folder: folder.id } : {}), after: next }).toString()}`} rel="next">
              {t("library.next")}
            </AppLink>
          ) : null}
        </Flex>
      </section>

      {network.mayUpload ? (
        <Card asChild size="3">
          <section aria-labelledby="upload-heading">
            <Heading as="h2" size="4" id="upload-heading" mb="3">
              {t("library.upload.heading")}
            </Heading>
            <UploadForm action={`${here}/upload`} maxMb={maxMb} organisations={organisations} ownOrganisation={ownOrganisation} folderId={folder?.id ?? null} error={error} />
          </section>
        </Card>
      ) : null}
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
