import { Form } from "@remix-run/react";
import { Badge, Button, Flex, Table, Text } from "@radix-ui/themes";
import { AppLink } from "./app-link";
import { useT } from "~/i18n/use-locale";

type Item = {
  id: string;
  title: string;
  dueDate: string | null;
  status: "open" | "done";
  meetingId: string;
  meetingTitle: string;
  organisationName: string | null;
  assigneeName: string | null;
};

/**
 * Action items with overdue ones marked. With `canUpdate`, each row posts
 * intent=action-status to the page it is on.
 */
export function ActionItemTable({ items, today, canUpdate = false }: { items: Item[]; today: string; canUpdate?: boolean }) {
  const t = useT();
  if (items.length === 0) return <Text as="p" color="gray">{t("minutes.actions.none")}</Text>;
  return (
    <Table.Root data-testid="action-items">
      <caption className="visually-hidden">{t("minutes.actions.heading")}</caption>
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeaderCell scope="col">{t("minutes.actions.what")}</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell scope="col">{t("minutes.actions.person")}</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell scope="col">{t("minutes.actions.due")}</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell scope="col">{t("minutes.actions.fromMeeting")}</Table.ColumnHeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {items.map((item) => {
          const overdue = item.status === "open" && item.dueDate !== null && item.dueDate < today;
          return (
            <Table.Row key={item.id}>
              <Table.RowHeaderCell>
                <Flex gap="2" align="center" wrap="wrap">
                  {item.title}
                  {item.status === "done" ? <Badge color="green" highContrast>{t("minutes.actions.done")}</Badge> : null}
                  {overdue ? <Badge color="red" highContrast>{t("minutes.actions.overdue")}</Badge> : null}
                  {canUpdate ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="action-status" />
                      <input type="hidden" name="itemId" value={item.id} />
                      <input type="hidden" name="status" value={item.status === "done" ? "open" : "done"} />
                      <Button type="submit" size="1" variant="ghost">
                        {item.status === "done" ? t("minutes.actions.reopen") : t("minutes.actions.markDone")}
                      </Button>
                    </Form>
                  ) : null}
                </Flex>
              </Table.RowHeaderCell>
              <Table.Cell>{[item.assigneeName, item.organisationName].filter(Boolean).join(", ") || t("minutes.actions.nobody")}</Table.Cell>
              <Table.Cell>{item.dueDate ?? "–"}</Table.Cell>
              <Table.Cell>
                <AppLink to={`/meetings/${item.meetingId}/minutes`}>{item.meetingTitle}</AppLink>
              </Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </Table.Root>
  );
}

