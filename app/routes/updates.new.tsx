import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { useState } from "react";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, useErrorText } from "~/components/field";
import { DocumentChoices } from "~/components/linked-documents";
import { PostTextFields } from "~/components/post-fields";
import { UPDATE_KINDS } from "~/lib/post-kinds";
import { UpdateSchema } from "~/lib/post-schemas";
import { ownAssignments } from "~/models/assignments.server";
import { requestMeta } from "~/models/audit.server";
import { linkableDocuments, linkDocument } from "~/models/library.server";
import { createUpdate, postingNetworks } from "~/models/posts.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "newUpdate");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const [networks, assignments] = await Promise.all([postingNetworks(actor), ownAssignments(actor)]);
  const search = new URL(request.url).searchParams;
  return {
    organisation: session.user.organisationName,
    networks,
    documents: await linkableDocuments(actor, networks.map((n) => n.slug)),
    assignments: assignments.filter((a) => a.status === "ongoing" || a.id === search.get("assignment")),
    preselected: search.get("network") ?? "",
    assignment: search.get("assignment") ?? "",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const actor = actorOf(session.user);
  const meta = requestMeta(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: UpdateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  // Library documents to link: only ones the writer may see, in the networks the update goes to.
  const linked = [...new Set(formData.getAll("documents").map(String))].slice(0, 50);
  if (linked.length > 0) {
    const allowed = new Set((await linkableDocuments(actor, v.networks)).map((d) => d.id));
    if (linked.some((id) => !allowed.has(id))) {
      return data({ result: submission.reply({ fieldErrors: { documents: ["library.linking.notInNetworks"] } }) }, { status: 400 });
    }
  }
  const outcome = await createUpdate(actor, { networks: v.networks, title: v.title, body: v.body, kind: v.kind, assignmentId: v.assignment ?? null }, meta);
  if (!outcome.ok) {
    if (outcome.reason === "not_found") throw new Response("Not found", { status: 404 });
    return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 });
  }
  // The model checks each link again (visibility, network); one trashed meanwhile is left out.
  for (const id of linked) await linkDocument(actor, id, { postId: outcome.id }, meta);
  throw redirect(`/updates/${outcome.id}`);
}

export default function NewUpdate() {
  const { organisation, networks, documents, assignments, preselected, assignment } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "update",
    lastResult: actionData?.result,
    constraint: getZodConstraint(UpdateSchema),
    defaultValue: { networks: preselected ? [preselected] : networks.length === 1 ? [networks[0]!.slug] : [], kind: "progress", assignment },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const chosen = new Set([fields.networks.initialValue ?? []].flat());
  // Which networks are ticked now, so that only their documents are offered for linking.
  const [ticked, setTicked] = useState(() => new Set([...chosen].filter((slug): slug is string => typeof slug === "string")));
  const documentsError = actionData?.result.error?.documents?.map(errorText).join(" ") ?? null;
  return (
    <Flex direction="column" gap="4">
      <Heading as="h1" size="8">
        {t("updates.form.heading")}
      </Heading>
      <Text as="p" color="gray">
        {t("updates.form.intro", { organisation })}
      </Text>
      <Card size="3" style={{ maxWidth: 760 }}>
        <Form method="post" {...getFormProps(form)}>
          <Flex direction="column" gap="4">
            <fieldset className="plain-fieldset" aria-describedby={fields.networks.errors ? `${fields.networks.id}-error` : undefined}>
              <legend>
                <Text size="2" weight="medium">
                  {t("updates.form.networks")}
                </Text>
              </legend>
              <Flex direction="column" gap="1" mt="1">
                {networks.map((n) => (
                  <Text as="label" size="2" key={n.id}>
                    <Flex gap="2" align="center">
                      <input
                        type="checkbox"
                        name={fields.networks.name}
                        value={n.slug}
                        defaultChecked={chosen.has(n.slug)}
                        onChange={(e) => {
                          const next = new Set(ticked);
                          if (e.currentTarget.checked) next.add(n.slug);
                          else next.delete(n.slug);
                          setTicked(next);
                        }}
                      />
                      {n.name}
                    </Flex>
                  </Text>
                ))}
              </Flex>
              {fields.networks.errors ? (
                <Text id={`${fields.networks.id}-error`} size="2" color="red" role="alert">
                  {fields.networks.errors.map(errorText).join(" ")}
                </Text>
              ) : null}
            </fieldset>
            <Field id={fields.kind.id} label={t("updates.form.kind")} errors={fields.kind.errors}>
              {(aria) => (
                <select {...aria} name={fields.kind.name} defaultValue={fields.kind.initialValue ?? "progress"} className="native-select">
                  {UPDATE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`updates.kind.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <PostTextFields title={fields.title} body={fields.body} />
            <Field id={fields.assignment.id} label={t("updates.form.assignment")} errors={fields.assignment.errors}>
              {(aria) => (
                <select {...aria} name={fields.assignment.name} defaultValue={fields.assignment.initialValue ?? ""} className="native-select">
                  <option value="">{t("updates.form.noAssignment")}</option>
                  {assignments.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.title}
                      {a.reference ? ` (${a.reference})` : ""}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <DocumentChoices documents={documents} networks={networks} chosen={ticked} error={documentsError} />
            <div>
              <Button type="submit" size="3" disabled={navigation.state === "submitting"}>
                {t("updates.form.submit")}
              </Button>
            </div>
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
