import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { TextField } from "@radix-ui/themes";
import { Field } from "./field";
import { useT } from "~/i18n/use-locale";

/** New password and its repetition, with the policy's help text tied to the first. */
export function NewPasswordFields({
  password,
  confirm,
  passwordLabel,
  confirmLabel,
}: {
  password: FieldMetadata<string>;
  confirm: FieldMetadata<string>;
  passwordLabel: string;
  confirmLabel: string;
}) {
  const t = useT();
  const { key: pKey, ...pProps } = getInputProps(password, { type: "password" });
  const { key: cKey, ...cProps } = getInputProps(confirm, { type: "password" });
  return (
    <>
      <Field id={password.id} label={passwordLabel} errors={password.errors} help={t("passwordPolicy.help")}>
        {(aria) => <TextField.Root key={pKey} {...pProps} {...aria} autoComplete="new-password" />}
      </Field>
      <Field id={confirm.id} label={confirmLabel} errors={confirm.errors}>
        {(aria) => <TextField.Root key={cKey} {...cProps} {...aria} autoComplete="new-password" />}
      </Field>
    </>
  );
}
