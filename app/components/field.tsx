import { Flex, Text } from "@radix-ui/themes";
import type { ReactNode } from "react";
import { useT } from "~/i18n/use-locale";

/** Validation messages travel as "key" or "key|max" so that the page translates them. */
export function useErrorText() {
  const t = useT();
  return (message: string) => {
    const [key, max] = message.split("|");
    return t(key ?? message, { max });
  };
}

interface FieldProps {
  id: string;
  label: string;
  errors?: string[];
  help?: string;
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled control with its help and errors tied to it for screen readers. */
export function Field({ id, label, errors, help, children }: FieldProps) {
  const errorText = useErrorText();
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [help ? helpId : null, errors?.length ? errorId : null].filter(Boolean).join(" ");
  return (
    <Flex direction="column" gap="1">
      <Text as="label" htmlFor={id} size="2" weight="medium">
        {label}
      </Text>
      {children({
        id,
        ...(errors?.length ? { "aria-invalid": true as const } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {help ? (
        <Text id={helpId} size="1" color="gray">
          {help}
        </Text>
      ) : null}
      {errors?.length ? (
        <Text id={errorId} size="2" color="red" role="alert">
          {errors.map(errorText).join(" ")}
        </Text>
      ) : null}
    </Flex>
  );
}
