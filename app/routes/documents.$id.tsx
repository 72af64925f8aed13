import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Button, Callout, Card, Code, DataList, Flex, Heading, Table, Text, TextArea, TextField } from "@radix-ui/themes";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useErrorText } from "~/components/field";
import { UploadForm } from "~/components/upload-form";
import { useLocale, useT } from "~/i18n/use-locale";
import { formatDateTime, formatSize } from "~/lib/format";
import { DEFAULT_LIMITS } from "~/lib/text-extract.server";
import { uploadLimitBytes } from "~/lib/upload.server";
import { requestMeta } from "~/models/audit.server";
import { pageTitle } from "~/i18n/meta";
import {
  CLASSIFICATIONS,
  type Classification,
  findDocument,
  getDocumentPage,
  moveDocument,
  restoreVersion,
  trashDocument,
  updateMetadata,
} from "~/models/library.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data && { name: data.document.title });

const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const page = await getDocumentPage(actorOf(session.user), params.id ?? "");
  if (!page) throw notFound();
  return {
    ...page,
    maxMb: Math.round(uploadLimitBytes() / 1024 / 1024),
    // For the note on a version whose text was cut short (text-extract.server.ts).
    textLimits: {
      chars: DEFAULT_LIMITS.maxChars,
      mb: Math.round(DEFAULT_LIMITS.maxInflatedBytes / 1024 / 1024),
      pages: DEFAULT_LIMITS.maxPages,
      seconds: Math.round(DEFAULT_LIMITS.timeoutMs / 1000),
    },
    error: new URL(request.url).searchParams.get("error"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const id = params.id ?? "";
  const meta = requestMeta(request, context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "edit") {
    const classification = String(form.get("classification") ?? "") as Classification;
    const yours = {
      title: String(form.get("title") ?? ""),
      description: String(form.get("description") ?? ""),
      registrationNumber: String(form.get("registrationNumber") ?? ""),
      classification: CLASSIFICATIONS.includes(classification) ? classification : ("invalid" as Classification),
      secrecyReference: String(form.get("secrecyReference") ?? ""),
      organisations: form.getAll("organisations").map(String),
    };
    const outcome = await updateMetadata(actor, id, yours, Number(form.get("revision")), meta);
    if (outcome.ok) return { intent, ok: true as const, error: null, conflict: null, yours: null };
    if (outcome.reason === "not_found") throw notFound();
    // A refused save sends back what the person typed, so the form keeps it even without
    // JavaScript (when the page is rendered anew from the other person's saved values).
    if (outcome.reason === "conflict") return data({ intent, ok: false as const, error: null, conflict: outcome.current, yours }, { status: 409 });
    return data({ intent, ok: false as const, error: outcome.message, conflict: null, yours }, { status: 400 });
  }
  if (intent === "move") {
    const folder = String(form.get("folder") ?? "");
    if (!(await moveDocument(actor, id, folder || null, meta))) throw notFound();
    return { intent, ok: true as const, error: null, conflict: null, yours: null };
  }
  if (intent === "restoreVersion") {
    const outcome = await restoreVersion(actor, id, Number(form.get("version")), meta);
    if (!outcome.ok) throw notFound();
    return { intent, ok: true as const, error: null, conflict: null, yours: null };
  }
  if (intent === "trash") {
    const found = await findDocument(actor, id);
    if (!found || !(await trashDocument(actor, id, meta))) throw notFound();
    throw redirect(`/networks/${found.networkSlug}/library`);
  }
  return data({ intent, ok: false as const, error: "validation.invalidChoice", conflict: null, yours: null }, { status: 400 });
}

export default function DocumentPage() {
  const { document: d, network, folderPath, versions, shared, linkedPosts, linkedMeetings, memberOrganisations, mayChange, folders, maxMb, textLimits, error } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  const current = versions[0];
  // After a refused save the form shows what the person typed, not what is stored.
  const yours = actionData?.yours ?? null;
  const sharedIds = new Set(yours ? yours.organisations : shared.map((o) => o.id));
  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <AppLink to={`/networks/${network.slug}/library${d.folderId ? `?folder=${d.folderId}` : ""}`}>{t("library.heading", { network: network.name })}</AppLink>
      </Text>
      <Flex direction="column" gap="2">
        <Heading as="h1" size="8">
          {d.title}
        </Heading>
        <Flex gap="2">
          <Badge color={d.classification === "restricted" ? "red" : d.classification === "open" ? "green" : "gray"} highContrast>
            {t(`library.classification.${d.classification}`)}
          </Badge>
        </Flex>
        {d.description ? (
          <Text as="p" style={{ whiteSpace: "pre-wrap", maxWidth: "70ch" }}>
            {d.description}
          </Text>
        ) : null}
      </Flex>
      {actionData?.ok ? (
        <Callout.Root color="green" highContrast role="status">
          <Callout.Text>{actionData.intent === "move" ? t("library.document.moved") : t("library.document.saved")}</Callout.Text>
        </Callout.Root>
      ) : null}
      {actionData?.error ? (
        <Callout.Root color="red" highContrast role="alert">
          <Callout.Text>{errorText(actionData.error)}</Callout.Text>
        </Callout.Root>
      ) : null}

      <Card size="2">
        <DataList.Root>
          <DataList.Item>
            <DataList.Label>{t("library.document.owner")}</DataList.Label>
            <DataList.Value>{d.organisationName}</DataList.Value>
          </DataList.Item>
          {d.registrationNumber ? (
            <DataList.Item>
              <DataList.Label>{t("library.document.registrationNumber")}</DataList.Label>
              <DataList.Value>{d.registrationNumber}</DataList.Value>
            </DataList.Item>
          ) : null}
          <DataList.Item>
            <DataList.Label>{t("library.document.folder")}</DataList.Label>
            <DataList.Value>{folderPath ?? t("library.root")}</DataList.Value>
          </DataList.Item>
          {d.classification === "restricted" ? (
            <>
              <DataList.Item>
                <DataList.Label>{t("library.document.visibleTo")}</DataList.Label>
                <DataList.Value data-testid="visible-to">
                  {t("library.document.visibleToValue", {
                    organisations: [d.organisationName, ...shared.map((o) => o.name).filter((n) => n !== d.organisationName)].join(", "),
                  })}
                </DataList.Value>
              </DataList.Item>
              {d.secrecyReference ? (
                <DataList.Item>
                  <DataList.Label>{t("library.document.secrecyReference")}</DataList.Label>
                  <DataList.Value>{d.secrecyReference}</DataList.Value>
                </DataList.Item>
              ) : null}
            </>
          ) : null}
          {current ? (
            <>
              <DataList.Item>
                <DataList.Label>{t("library.document.type")}</DataList.Label>
                <DataList.Value>
                  {current.fileName} ({current.mimeType.split(";")[0]}), {formatSize(current.size, locale)}
                </DataList.Value>
              </DataList.Item>
              <DataList.Item>
                <DataList.Label>{t("library.document.checksum")}</DataList.Label>
                <DataList.Value>
                  <Code data-testid="sha256" style={{ wordBreak: "break-all" }}>
                    {current.sha256}
                  </Code>
                </DataList.Value>
              </DataList.Item>
            </>
          ) : null}
        </DataList.Root>
        {/* Those who look after the document learn why search may miss some of it. */}
        {mayChange && current?.textCut ? (
          <Callout.Root color="amber" highContrast mt="3" data-testid="text-cut">
            <Callout.Text>
              <strong>{t("library.document.textCutTitle")}</strong>{" "}
              {t(`library.document.textCut.${current.textCut}`, { ...textLimits, chars: new Intl.NumberFormat(locale).format(textLimits.chars) })}
            </Callout.Text>
          </Callout.Root>
        ) : null}
        <Flex mt="3">
          <Button asChild>
            <a href={`/documents/${d.id}/download`} download>
              {t("library.document.download")}
            </a>
          </Button>
        </Flex>
      </Card>

      <section aria-labelledby="versions-heading">
        <Heading as="h2" size="5" id="versions-heading" mb="2">
          {t("library.document.versions")}
        </Heading>
        <Table.Root variant="surface" data-testid="versions">
          <Table.Body>
            {versions.map((v) => (
              <Table.Row key={v.number}>
                <Table.RowHeaderCell>
                  {t("library.document.version", { number: v.number })}
                  {v.number === d.currentVersion ? ` (${t("library.document.current")})` : ""}
                  {v.restoredFrom ? `, ${t("library.document.restoredFrom", { number: v.restoredFrom })}` : ""}
                </Table.RowHeaderCell>
                <Table.Cell>{t("library.document.uploadedBy", { name: v.uploadedByName ?? "–", date: formatDateTime(v.createdAt, locale) })}</Table.Cell>
                <Table.Cell>{formatSize(v.size, locale)}</Table.Cell>
                <Table.Cell>
                  <Code size="1">{v.sha256.slice(0, 16)}…</Code>
                </Table.Cell>
                <Table.Cell>
                  <Flex gap="3" align="center" wrap="wrap">
                    <a href={`/documents/${d.id}/download?version=${v.number}`}>{t("library.document.downloadVersion", { number: v.number })}</a>
                    {mayChange && v.number !== d.currentVersion ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="restoreVersion" />
                        <input type="hidden" name="version" value={v.number} />
                        <Button type="submit" size="1" variant="soft">
                          {t("library.document.restoreVersion", { number: v.number })}
                        </Button>
                      </Form>
                    ) : null}
                  </Flex>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </section>

      <section aria-labelledby="links-heading">
        <Heading as="h2" size="5" id="links-heading" mb="2">
          {t("library.document.linked")}
        </Heading>
        {linkedPosts.length + linkedMeetings.length === 0 ? (
          <Text as="p" color="gray">
            {t("library.document.notLinked")}
          </Text>
        ) : (
          <ul data-testid="links">
            {linkedMeetings.map((m) => (
              <li key={m.id}>
                <AppLink to={`/meetings/${m.id}`}>{m.title}</AppLink>
              </li>
            ))}
            {linkedPosts.map((p) => (
              <li key={p.id}>
                <AppLink to={`/updates/${p.id}`}>{p.title}</AppLink>
              </li>
            ))}
          </ul>
        )}
      </section>

      {mayChange ? (
        <>
          <Card asChild size="3">
            <section aria-labelledby="version-upload-heading">
              <Heading as="h2" size="4" id="version-upload-heading" mb="3">
                {t("library.document.newVersion")}
              </Heading>
              <UploadForm action={`/documents/${d.id}/upload`} maxMb={maxMb} error={error} submitLabel={t("library.document.newVersion")} />
            </section>
          </Card>

          <Card asChild size="3">
            <section aria-labelledby="edit-heading">
              <Heading as="h2" size="4" id="edit-heading" mb="3">
                {t("library.document.edit")}
              </Heading>
              {actionData?.conflict ? (
                <Callout.Root color="amber" highContrast role="alert" mb="3">
                  <Callout.Text>
                    <strong>{t("library.document.conflictTitle")}</strong> {t("library.document.conflictIntro")}{" "}
                    {t("library.document.theirs", { title: actionData.conflict.title })}
                  </Callout.Text>
                </Callout.Root>
              ) : null}
              <Form method="post">
                <input type="hidden" name="intent" value="edit" />
                <input type="hidden" name="revision" value={actionData?.conflict?.revision ?? d.revision} />
                <Flex direction="column" gap="3">
                  <Flex direction="column" gap="1">
                    <Text as="label" htmlFor="doc-title" size="2" weight="medium">
                      {t("library.upload.title")}
                    </Text>
                    <TextField.Root id="doc-title" name="title" defaultValue={yours?.title ?? d.title} maxLength={300} required />
                  </Flex>
                  <Flex direction="column" gap="1">
                    <Text as="label" htmlFor="doc-description" size="2" weight="medium">
                      {t("library.upload.description")}
                    </Text>
                    <TextArea id="doc-description" name="description" defaultValue={yours?.description ?? d.description} maxLength={5000} rows={3} />
                  </Flex>
                  <Flex direction="column" gap="1">
                    <Text as="label" htmlFor="doc-registration" size="2" weight="medium">
                      {t("library.upload.registrationNumber")}
                    </Text>
                    <TextField.Root id="doc-registration" name="registrationNumber" defaultValue={yours?.registrationNumber ?? d.registrationNumber} maxLength={100} />
                  </Flex>
                  <Flex direction="column" gap="1">
                    <Text as="label" htmlFor="doc-classification" size="2" weight="medium">
                      {t("library.upload.classification")}
                    </Text>
                    <select id="doc-classification" name="classification" defaultValue={yours?.classification ?? d.classification} className="native-select">
                      {CLASSIFICATION_OPTIONS.map((c) => (
                        <option key={c} value={c}>
                          {t(`library.classification.${c}`)}
                        </option>
                      ))}
                    </select>
                  </Flex>
                  <fieldset className="plain-fieldset" aria-describedby="doc-organisations-help">
                    <legend>
                      <Text size="2" weight="medium">
                        {t("library.upload.organisations")}
                      </Text>
                    </legend>
                    <Text as="p" id="doc-organisations-help" size="1" color="gray">
                      {t("library.upload.alwaysSees", { organisation: d.organisationName })}
                    </Text>
                    <Flex direction="column" gap="1" mt="1" style={{ maxHeight: 200, overflowY: "auto" }}>
                      {memberOrganisations.map((o) => (
                        <Text as="label" size="2" key={o.id}>
                          <Flex gap="2" align="center">
                            <input type="checkbox" name="organisations" value={o.id} defaultChecked={sharedIds.has(o.id)} />
                            {o.name}
                          </Flex>
                        </Text>
                      ))}
                    </Flex>
                  </fieldset>
                  <Flex direction="column" gap="1">
                    <Text as="label" htmlFor="doc-secrecy" size="2" weight="medium">
                      {t("library.upload.secrecyReference")}
                    </Text>
                    <TextField.Root id="doc-secrecy" name="secrecyReference" defaultValue={yours?.secrecyReference ?? d.secrecyReference} maxLength={200} />
                  </Flex>
                  <div>
                    <Button type="submit">{t("library.document.save")}</Button>
                  </div>
                </Flex>
              </Form>
            </section>
          </Card>

          <Flex gap="4" wrap="wrap" align="start">
            <Form method="post">
              <input type="hidden" name="intent" value="move" />
              <Flex gap="2" align="end" wrap="wrap">
                <Flex direction="column" gap="1">
                  <Text as="label" htmlFor="doc-move" size="2" weight="medium">
                    {t("library.document.move")}
                  </Text>
                  <select id="doc-move" name="folder" defaultValue={d.folderId ?? ""} className="native-select">
                    <option value="">{t("library.root")}</option>
                    {folders.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.path}
                      </option>
                    ))}
                  </select>
                </Flex>
                <Button type="submit" variant="soft">
                  {t("library.document.moveSubmit")}
                </Button>
              </Flex>
            </Form>
            <details>
              <summary>{t("library.document.trash")}</summary>
              <Form method="post">
                <input type="hidden" name="intent" value="trash" />
                <Flex direction="column" gap="2" mt="2" style={{ maxWidth: 420 }}>
                  <Text size="2">{t("library.document.trashConfirm")}</Text>
                  <div>
                    <Button type="submit" color="red">
                      {t("library.document.trashYes")}
                    </Button>
                  </div>
                </Flex>
              </Form>
            </details>
          </Flex>
        </>
      ) : null}
    </Flex>
  );
}

const CLASSIFICATION_OPTIONS = ["open", "internal", "restricted"] as const;

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
