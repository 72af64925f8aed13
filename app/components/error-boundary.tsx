import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { Button, Callout, Flex, Heading, Text } from "@radix-ui/themes";
import { useTranslation } from "react-i18next";

const byStatus: Record<number, { title: string; body: string }> = {
  400: { title: "errors.badRequestTitle", body: "errors.badRequest" },
  403: { title: "errors.forbiddenTitle", body: "errors.forbidden" },
  404: { title: "errors.notFoundTitle", body: "errors.notFound" },
  429: { title: "errors.tooManyTitle", body: "errors.tooMany" },
  503: { title: "errors.unavailableTitle", body: "errors.unavailable" },
};

/** One error page for every route: a clear message in the reader's language, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const text = byStatus[status] ?? { title: "errors.serverTitle", body: "errors.server" };
  return (
    <Flex direction="column" gap="4" py="6">
      <Heading as="h1" size="7">
        {t(text.title)}
      </Heading>
      <Callout.Root color={status >= 500 ? "red" : "gray"} role="alert">
        <Callout.Text>{t(text.body)}</Callout.Text>
      </Callout.Root>
      <Text as="p" color="gray" size="2">
        {status}
      </Text>
      <div>
        <Button asChild variant="soft">
          <Link to="/">{t("errors.backHome")}</Link>
        </Button>
      </div>
    </Flex>
  );
}
