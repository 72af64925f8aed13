import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { Badge, Button, Card, Flex, Grid, Heading, Table, Text, TextField } from "@radix-ui/themes";
import { useLocale, useT } from "~/i18n/use-locale";
import { formatDateTime } from "~/lib/format";
import { InviteSchema } from "~/lib/schemas";
import { Field } from "./field";

interface Seat {
  id: string;
  name: string;
  email: string;
  title: string;
  status: "invited" | "active" | "deactivated";
  isOrgAdmin: boolean;
}

interface Manage {
  mayInvite: boolean;
  isPlatformAdmin: boolean;
  viewerId: string;
  seats: Seat[] | null;
  pending: { id: string; email: string; name: string; createdAt: string; expiresAt: string }[];
}

function ActionButton({ intent, id, label, color }: { intent: string; id: string; label: string; color?: "red" }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <Button type="submit" size="1" variant="soft" color={color}>
        {label}
      </Button>
    </Form>
  );
}

/** Invitations and seats of one organisation, for those who may manage them. */
export function ManageContacts({ manage, lastResult }: { manage: Manage; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const lang = useLocale();
  const [form, fields] = useForm({
    id: "invite",
    lastResult,
    constraint: getZodConstraint(InviteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  });
  const { key: emailKey, ...emailProps } = getInputProps(fields.email, { type: "email" });
  const { key: nameKey, ...nameProps } = getInputProps(fields.name, { type: "text" });
  const now = Date.now();

  return (
    <Card asChild size="3">
      <section aria-labelledby="manage-heading">
        <Heading as="h2" size="5" id="manage-heading" mb="3">
          {t("people.manage.heading")}
        </Heading>
        <Grid columns={{ initial: "1", md: "2" }} gap="5">
          {manage.mayInvite ? (
            <Form method="post" {...getFormProps(form)}>
              <input type="hidden" name="intent" value="invite" />
              <Flex direction="column" gap="3">
                <Heading as="h3" size="3">
                  {t("people.manage.invite")}
                </Heading>
                <Text size="2" color="gray">
                  {t("people.manage.inviteHelp")}
                </Text>
                <Field id={fields.email.id} label={t("people.manage.email")} errors={fields.email.errors}>
                  {(aria) => <TextField.Root key={emailKey} {...emailProps} {...aria} autoComplete="off" />}
                </Field>
                <Field id={fields.name.id} label={t("people.manage.name")} errors={fields.name.errors}>
                  {(aria) => <TextField.Root key={nameKey} {...nameProps} {...aria} autoComplete="off" />}
                </Field>
                <div>
                  <Button type="submit">{t("people.manage.send")}</Button>
                </div>
              </Flex>
            </Form>
          ) : null}
          <Flex direction="column" gap="2">
            <Heading as="h3" size="3">
              {t("people.manage.pending")}
            </Heading>
            {manage.pending.length === 0 ? (
              <Text size="2" color="gray">
                {t("people.manage.noPending")}
              </Text>
            ) : (
              <ul className="plain-list" data-testid="pending-invitations">
                {manage.pending.map((p) => {
                  const expired = new Date(p.expiresAt).getTime() <= now;
                  return (
                    <li key={p.id}>
                      <Flex direction="column" gap="1" py="2">
                        <Text weight="medium">{p.name ? `${p.name} <${p.email}>` : p.email}</Text>
                        <Text size="1" color={expired ? "red" : "gray"}>
                          {t(expired ? "people.manage.expired" : "people.manage.expires", { date: formatDateTime(p.expiresAt, lang) })}
                        </Text>
                        <Flex gap="2">
                          <ActionButton intent="resend" id={p.id} label={t("people.manage.resend")} />
                          <ActionButton intent="revoke" id={p.id} label={t("people.manage.revoke")} color="red" />
                        </Flex>
                      </Flex>
                    </li>
                  );
                })}
              </ul>
            )}
          </Flex>
        </Grid>
        {manage.seats ? (
          <Table.Root mt="4" data-testid="seats">
            <caption className="visually-hidden">{t("organisation.contacts")}</caption>
            <Table.Header>
              <Table.Row>
                <Table.ColumnHeaderCell scope="col">{t("account.name")}</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell scope="col">{t("account.email")}</Table.ColumnHeaderCell>
                <Table.ColumnHeaderCell scope="col">
                  <span className="visually-hidden">{t("people.manage.heading")}</span>
                </Table.ColumnHeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {manage.seats.map((seat) => (
                <Table.Row key={seat.id}>
                  <Table.RowHeaderCell>
                    <Flex gap="2" align="center" wrap="wrap">
                      {seat.name || "–"}
                      {seat.isOrgAdmin ? <Badge color="indigo">{t("organisation.orgAdmin")}</Badge> : null}
                      {seat.status === "deactivated" ? <Badge color="red">{t("people.manage.deactivatedBadge")}</Badge> : null}
                      {seat.status === "invited" ? <Badge color="amber" highContrast>{t("people.manage.invitedBadge")}</Badge> : null}
                    </Flex>
                  </Table.RowHeaderCell>
                  <Table.Cell>{seat.email}</Table.Cell>
                  <Table.Cell>
                    {seat.id === manage.viewerId ? null : (
                      <Flex gap="2" wrap="wrap">
                        {seat.status === "active" ? (
                          <ActionButton intent="deactivate" id={seat.id} label={t("people.manage.deactivate")} color="red" />
                        ) : null}
                        {seat.status === "deactivated" ? (
                          <ActionButton intent="reactivate" id={seat.id} label={t("people.manage.reactivate")} />
                        ) : null}
                        {seat.status === "active" && !seat.isOrgAdmin ? (
                          <ActionButton intent="make-admin" id={seat.id} label={t("people.manage.makeAdmin")} />
                        ) : null}
                        {manage.isPlatformAdmin && seat.status === "active" ? (
                          <ActionButton intent="end-sessions" id={seat.id} label={t("people.manage.endSessions")} />
                        ) : null}
                      </Flex>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table.Root>
        ) : null}
      </section>
    </Card>
  );
}
