import { Checkbox, Flex, Grid, Text, TextArea, TextField } from "@radix-ui/themes";
import { SubmitButton } from "./resetting-form";
import { useT } from "~/i18n/use-locale";

const ORG_KINDS = ["authority", "county_board", "ngo", "municipality", "region", "other"] as const;

function Labelled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <Flex direction="column" gap="1">
      <Text as="label" htmlFor={id} size="2" weight="medium">
        {label}
      </Text>
      {children}
    </Flex>
  );
}

/** The fields of an organisation; the surrounding <Form> decides create or update. */
export function OrganisationFields({
  values,
  submitLabel,
}: {
  values?: { name: string; shortName: string; kind: string; orgNumber: string | null; website: string | null; requireMfa: boolean };
  submitLabel: string;
}) {
  const t = useT();
  return (
    <Flex direction="column" gap="3">
      <Grid columns={{ initial: "1", sm: "2" }} gap="3">
        <Labelled id="org-name" label={t("admin.name")}>
          <TextField.Root id="org-name" name="name" required maxLength={200} defaultValue={values?.name} />
        </Labelled>
        <Labelled id="org-short" label={t("admin.shortName")}>
          <TextField.Root id="org-short" name="shortName" required maxLength={60} defaultValue={values?.shortName} />
        </Labelled>
        <Labelled id="org-kind" label={t("admin.kind")}>
          <select id="org-kind" name="kind" className="native-select" defaultValue={values?.kind ?? "authority"}>
            {ORG_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`organisation.kind.${k}`)}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id="org-number" label={t("admin.orgNumber")}>
          <TextField.Root id="org-number" name="orgNumber" maxLength={20} defaultValue={values?.orgNumber ?? ""} />
        </Labelled>
        <Labelled id="org-web" label={t("admin.website")}>
          <TextField.Root id="org-web" name="website" type="url" maxLength={300} defaultValue={values?.website ?? ""} />
        </Labelled>
      </Grid>
      <Text as="label" size="2">
        <Flex gap="2" align="center">
          <Checkbox name="requireMfa" value="on" defaultChecked={values?.requireMfa ?? false} />
          {t("admin.requireMfa")}
        </Flex>
      </Text>
      <div>
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Flex>
  );
}

export function NetworkFields({ kinds, submitLabel }: { kinds: string[]; submitLabel: string }) {
  const t = useT();
  return (
    <Flex direction="column" gap="3">
      <Grid columns={{ initial: "1", sm: "3" }} gap="3">
        <Labelled id="net-name" label={t("admin.name")}>
          <TextField.Root id="net-name" name="name" required maxLength={200} />
        </Labelled>
        <Labelled id="net-slug" label={t("admin.slug")}>
          <TextField.Root id="net-slug" name="slug" required maxLength={80} pattern="[a-z0-9-]{2,80}" />
        </Labelled>
        <Labelled id="net-kind" label={t("admin.kind")}>
          <select id="net-kind" name="kind" className="native-select">
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`network.kind.${k}`)}
              </option>
            ))}
          </select>
        </Labelled>
      </Grid>
      <Labelled id="net-description" label={t("admin.description")}>
        <TextArea id="net-description" name="description" maxLength={2000} rows={3} />
      </Labelled>
      <div>
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Flex>
  );
}
