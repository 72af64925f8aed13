import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";
import { Button, Callout, Flex, Heading, Text } from "@radix-ui/themes";
import { useTranslation } from "react-i18next";
import { UNSTORABLE_TEXT } from "~/lib/error-codes";
import { useT } from "~/i18n/use-locale";

const byStatus: Record<number, { title: string; body: string }> = {
  400: { title: "errors.badRequestTitle", body: "errors.badRequest" },
  403: { title: "errors.forbiddenTitle", body: "errors.forbidden" },
  404: { title: "errors.notFoundTitle", body: "errors.notFound" },
  429: { title: "errors.tooManyTitle", body: "errors.tooMany" },
};

/**
 * The database is out of reach (app/lib/unavailable.server.ts answers 503): the page says
 * so in both languages, Swedish first, since the reader's language may be stored in the
 * very database that does not answer. The button reloads the page they wanted.
 */
function UnavailablePage() {
  const { i18n } = useTranslation();
  const location = useLocation();
  const sv = i18n.getFixedT("sv");
  const en = i18n.getFixedT("en");
  return (
    <Flex direction="column" gap="4" py="6" data-testid="unavailable">
      <div lang="sv">
        <Heading as="h1" size="7" mb="3">
          {sv("errors.unavailableTitle")}
        </Heading>
        <Callout.Root color="red" role="alert">
          <Callout.Text>{sv("errors.unavailable")}</Callout.Text>
        </Callout.Root>
      </div>
      <div lang="en">
        <Heading as="h2" size="5" mb="2">
          {en("errors.unavailableTitle")}
        </Heading>
        <Text as="p">{en("errors.unavailable")}</Text>
      </div>
      <Text as="p" color="gray" size="2">
        503
      </Text>
      <div>
        <Button asChild variant="soft">
          <Link to={location.pathname + location.search} reloadDocument>
            <span lang="sv">{sv("errors.tryAgain")}</span> / <span lang="en">{en("errors.tryAgain")}</span>
          </Link>
        </Button>
      </div>
    </Flex>
  );
}

/** One error page for every route: a clear message in the reader's language, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 503) return <UnavailablePage />;
  const unstorable = status === 400 && isRouteErrorResponse(error) && error.data === UNSTORABLE_TEXT;
  const text = unstorable ? { title: "errors.badRequestTitle", body: "errors.unstorableText" } : (byStatus[status] ?? { title: "errors.serverTitle", body: "errors.server" });
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
