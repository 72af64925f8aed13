import { type FieldMetadata, getInputProps, getTextareaProps } from "@conform-to/react";
import { TextArea, TextField } from "@radix-ui/themes";
import { Field } from "./field";
import { useT } from "~/i18n/use-locale";

/** The title and Markdown body of a post, as in every post form. */
export function PostTextFields({ title, body }: { title: FieldMetadata<string>; body: FieldMetadata<string> }) {
  const t = useT();
  const { key: titleKey, ...titleProps } = getInputProps(title, { type: "text" });
  const { key: bodyKey, ...bodyProps } = getTextareaProps(body);
  return (
    <>
      <Field id={title.id} label={t("updates.form.title")} errors={title.errors}>
        {(aria) => <TextField.Root key={titleKey} {...titleProps} {...aria} />}
      </Field>
      <Field id={body.id} label={t("updates.form.body")} errors={body.errors} help={t("updates.form.bodyHelp")}>
        {(aria) => <TextArea key={bodyKey} {...bodyProps} {...aria} rows={10} />}
      </Field>
    </>
  );
}
