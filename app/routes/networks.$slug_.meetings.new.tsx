import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Card, Flex, Heading, Text, TextArea, TextField } from "@radix-ui/themes";
import { z } from "zod";
import { requireSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { AppLink } from "~/components/app-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/field";
import { appOrigin } from "~/lib/origin.server";
import { parseStockholm } from "~/lib/time";
import { requestMeta } from "~/models/audit.server";
import { createMeeting, MAX_TIME_OPTIONS } from "~/models/meetings.server";
import { findNetwork } from "~/models/networks.server";
import { useT } from "~/i18n/use-locale";
import { pageTitle } from "~/i18n/meta";

const text = (max: number) => z.string().trim().max(max, `validation.tooLong|${max}`).default("");

const MeetingSchema = z
  .object({
    title: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong|200"),
    description: text(5000),
    place: text(300),
    onlineLink: z
      .string()
      .trim()
      .max(500, "validation.tooLong|500")
      .url("validation.url")
      .refine((v) => /^https?:\/\//i.test(v), "validation.url")
      .optional(),
    durationMinutes: z.coerce
      .number({ invalid_type_error: "meetings.errors.duration" })
      .int("meetings.errors.duration")
      .min(15, "meetings.errors.duration")
      .max(720, "meetings.errors.duration"),
    mode: z.enum(["fixed", "poll"], { errorMap: () => ({ message: "validation.invalidChoice" }) }),
    startsAt: z.string().max(40).optional(),
    options: z.string().max(5000).optional(),
    pollDeadline: z.string().max(40).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "fixed" && !parseStockholm(v.startsAt ?? "")) {
      ctx.addIssue({ code: "custom", path: ["startsAt"], message: v.startsAt ? "meetings.errors.badTime" : "validation.required" });
    }
    if (v.mode === "poll") {
      const lines = (v.options ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
      if (lines.length === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "meetings.errors.noOptions" });
      else if (lines.length > MAX_TIME_OPTIONS) ctx.addIssue({ code: "custom", path: ["options"], message: "meetings.errors.tooManyOptions" });
      else if (lines.some((l) => !parseStockholm(l))) ctx.addIssue({ code: "custom", path: ["options"], message: "meetings.errors.badTime" });
      if (!parseStockholm(v.pollDeadline ?? "")) {
        ctx.addIssue({ code: "custom", path: ["pollDeadline"], message: v.pollDeadline ? "meetings.errors.badTime" : "validation.required" });
      }
    }
  });

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "newMeeting");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, context);
  const network = await findNetwork(actorOf(session.user), params.slug ?? "");
  if (!network || !network.manages) throw new Response("Not found", { status: 404 });
  return { network };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireSession(request, context);
  const submission = parseWithZod(await request.formData(), { schema: MeetingSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const base = {
    title: v.title,
    description: v.description,
    place: v.place,
    onlineLink: v.onlineLink ?? "",
    durationMinutes: v.durationMinutes,
  };
  const input =
    v.mode === "fixed"
      ? { ...base, mode: "fixed" as const, startsAt: parseStockholm(v.startsAt!)! }
      : {
          ...base,
          mode: "poll" as const,
          options: v.options!.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => parseStockholm(l)!),
          pollDeadline: parseStockholm(v.pollDeadline!)!,
        };
  const outcome = await createMeeting(actorOf(session.user), params.slug ?? "", input, requestMeta(request, context), appOrigin());
  if (!outcome.ok) {
    if (outcome.reason === "not_found") throw new Response("Not found", { status: 404 });
    return data({ result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] } }) }, { status: 400 });
  }
  throw redirect(`/meetings/${outcome.meetingId}`);
}

export default function NewMeeting() {
  const { network } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const [form, fields] = useForm({
    id: "meeting",
    lastResult: actionData?.result,
    constraint: getZodConstraint(MeetingSchema),
    defaultValue: { durationMinutes: "120", mode: "fixed" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingSchema }),
    shouldRevalidate: "onInput",
  });
  const input = (field: Parameters<typeof getInputProps>[0], type: "text" | "url" | "number" | "datetime-local") => {
    const { key, ...props } = getInputProps(field, { type });
    return { key, props };
  };
  const title = input(fields.title, "text");
  const place = input(fields.place, "text");
  const link = input(fields.onlineLink, "url");
  const duration = input(fields.durationMinutes, "number");
  const startsAt = input(fields.startsAt, "datetime-local");
  const deadline = input(fields.pollDeadline, "datetime-local");
  const { key: descriptionKey, ...descriptionProps } = getTextareaProps(fields.description);
  const { key: optionsKey, ...optionsProps } = getTextareaProps(fields.options);

  return (
    <Flex direction="column" gap="4">
      <Text size="2">
        <AppLink to={`/networks/${network.slug}/meetings`}>{t("meetings.backToList", { network: network.name })}</AppLink>
      </Text>
      <Heading as="h1" size="8">
        {t("meetings.form.heading", { network: network.name })}
      </Heading>
      <Card size="3" style={{ maxWidth: 720 }}>
        <Form method="post" {...getFormProps(form)}>
          <Flex direction="column" gap="4">
            <Field id={fields.title.id} label={t("meetings.form.title")} errors={fields.title.errors}>
              {(aria) => <TextField.Root key={title.key} {...title.props} {...aria} />}
            </Field>
            <Field id={fields.description.id} label={t("meetings.form.description")} errors={fields.description.errors}>
              {(aria) => <TextArea key={descriptionKey} {...descriptionProps} {...aria} rows={4} />}
            </Field>
            <Field id={fields.place.id} label={t("meetings.form.place")} errors={fields.place.errors}>
              {(aria) => <TextField.Root key={place.key} {...place.props} {...aria} />}
            </Field>
            <Field id={fields.onlineLink.id} label={t("meetings.form.onlineLink")} errors={fields.onlineLink.errors}>
              {(aria) => <TextField.Root key={link.key} {...link.props} {...aria} />}
            </Field>
            <Field id={fields.durationMinutes.id} label={t("meetings.form.duration")} errors={fields.durationMinutes.errors}>
              {(aria) => <TextField.Root key={duration.key} {...duration.props} {...aria} style={{ maxWidth: 160 }} />}
            </Field>
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend>
                <Text size="2" weight="medium">
                  {t("meetings.form.mode")}
                </Text>
              </legend>
              <Flex gap="4" mt="1">
                {(["fixed", "poll"] as const).map((mode) => (
                  <Text as="label" size="2" key={mode}>
                    <Flex gap="2" align="center">
                      <input type="radio" name={fields.mode.name} value={mode} defaultChecked={(fields.mode.initialValue ?? "fixed") === mode} />
                      {t(`meetings.form.${mode}`)}
                    </Flex>
                  </Text>
                ))}
              </Flex>
            </fieldset>
            <Field id={fields.startsAt.id} label={t("meetings.form.startsAt")} errors={fields.startsAt.errors} help={t("meetings.form.timesHelp")}>
              {(aria) => <TextField.Root key={startsAt.key} {...startsAt.props} {...aria} style={{ maxWidth: 260 }} />}
            </Field>
            <Field id={fields.options.id} label={t("meetings.form.options")} errors={fields.options.errors}>
              {(aria) => <TextArea key={optionsKey} {...optionsProps} {...aria} rows={4} />}
            </Field>
            <Field id={fields.pollDeadline.id} label={t("meetings.form.pollDeadline")} errors={fields.pollDeadline.errors}>
              {(aria) => <TextField.Root key={deadline.key} {...deadline.props} {...aria} style={{ maxWidth: 260 }} />}
            </Field>
            <div>
              <Button type="submit" size="3" disabled={navigation.state === "submitting"}>
                {t("meetings.form.submit")}
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
