import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { Button, Card, Flex, Grid, TextArea, TextField } from "@radix-ui/themes";
import { ASSIGNMENT_STATUS, AssignmentSchema } from "~/lib/assignment-schema";
import { Field } from "./field";
import { useT } from "~/i18n/use-locale";

export interface AssignmentValues {
  title: string;
  reference: string;
  issuer: string;
  startDate: string | null;
  reportDueDate: string | null;
  status: (typeof ASSIGNMENT_STATUS)[number];
  description: string;
  link: string;
}

/** Creating and editing an entry of the assignments register. */
export function AssignmentForm({ lastResult, initial }: { lastResult?: SubmissionResult<string[]>; initial?: AssignmentValues }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "assignment",
    lastResult,
    constraint: getZodConstraint(AssignmentSchema),
    defaultValue: initial
      ? { ...initial, startDate: initial.startDate ?? "", reportDueDate: initial.reportDueDate ?? "" }
      : { status: "ongoing" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignmentSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const input = (field: Parameters<typeof getInputProps>[0], type: "text" | "url" | "date") => {
    const { key, ...props } = getInputProps(field, { type });
    return { key, props };
  };
  const title = input(fields.title, "text");
  const reference = input(fields.reference, "text");
  const issuer = input(fields.issuer, "text");
  const start = input(fields.startDate, "date");
  const due = input(fields.reportDueDate, "date");
  const link = input(fields.link, "url");
  const { key: descriptionKey, ...description } = getTextareaProps(fields.description);
  return (
    <Card size="3" style={{ maxWidth: 760 }}>
      <Form method="post" {...getFormProps(form)}>
        <Flex direction="column" gap="4">
          <Field id={fields.title.id} label={t("assignments.field.title")} errors={fields.title.errors}>
            {(aria) => <TextField.Root key={title.key} {...title.props} {...aria} />}
          </Field>
          <Grid columns={{ initial: "1", sm: "2" }} gap="4">
            <Field id={fields.reference.id} label={t("assignments.field.reference")} errors={fields.reference.errors} help={t("assignments.field.referenceHelp")}>
              {(aria) => <TextField.Root key={reference.key} {...reference.props} {...aria} />}
            </Field>
            <Field id={fields.issuer.id} label={t("assignments.field.issuer")} errors={fields.issuer.errors}>
              {(aria) => <TextField.Root key={issuer.key} {...issuer.props} {...aria} />}
            </Field>
            <Field id={fields.startDate.id} label={t("assignments.field.startDate")} errors={fields.startDate.errors}>
              {(aria) => <TextField.Root key={start.key} {...start.props} {...aria} />}
            </Field>
            <Field id={fields.reportDueDate.id} label={t("assignments.field.reportDueDate")} errors={fields.reportDueDate.errors}>
              {(aria) => <TextField.Root key={due.key} {...due.props} {...aria} />}
            </Field>
          </Grid>
          <Field id={fields.status.id} label={t("assignments.field.status")} errors={fields.status.errors}>
            {(aria) => (
              <select {...aria} name={fields.status.name} defaultValue={fields.status.initialValue ?? "ongoing"} className="native-select">
                {ASSIGNMENT_STATUS.map((s) => (
                  <option key={s} value={s}>
                    {t(`assignments.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={fields.description.id} label={t("assignments.field.description")} errors={fields.description.errors}>
            {(aria) => <TextArea key={descriptionKey} {...description} {...aria} rows={5} />}
          </Field>
          <Field id={fields.link.id} label={t("assignments.field.link")} errors={fields.link.errors}>
            {(aria) => <TextField.Root key={link.key} {...link.props} {...aria} />}
          </Field>
          <div>
            <Button type="submit" size="3" disabled={navigation.state === "submitting"}>
              {t("assignments.save")}
            </Button>
          </div>
        </Flex>
      </Form>
    </Card>
  );
}
