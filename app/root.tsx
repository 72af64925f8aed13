import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { Box, Button, Theme } from "@radix-ui/themes";
import radixStyles from "@radix-ui/themes/styles.css";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getSession } from "~/auth/guard.server";
import { actorOf } from "~/auth/policy";
import { unreadNotificationCount } from "~/models/notifications.server";
import { AppLink } from "~/components/app-link";
import { Container, Stack, Text } from "~/components/lite";
import { useClientNavigation } from "~/components/client-navigation";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/config";
import { resolveLocale } from "~/i18n/locale.server";
import appStyles from "~/styles/app.css";
import { useT } from "~/i18n/use-locale";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: radixStyles },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Nätverksportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const found = await getSession(request, context);
  // A session still owing its second factor does not count as signed in yet.
  const session = found?.mfaPending ? null : found;
  const [locale, unread] = await Promise.all([
    resolveLocale(request, context),
    session ? unreadNotificationCount(actorOf(session.user)) : Promise.resolve(0),
  ]);
  return {
    locale,
    user: session
      ? {
          name: session.user.name,
          organisationShortName: session.user.organisationShortName,
          organisationName: session.user.organisationName,
          unread,
        }
      : null,
  };
}

function Header({ user, locale }: { user: { name: string; organisationName: string; unread: number } | null; locale: Locale }) {
  const other: Locale = locale === "sv" ? "en" : "sv";
  const t = useT();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="app-header">
      <Container py="3">
        <Stack row align="center" justify="between" gap="3" wrap>
          <Link to="/" style={{ textDecoration: "none", color: "inherit" }}>
            <Text size="5" weight="bold">
              {t("app.name")}
            </Text>
            <Text size="2" color="gray" className="hide-on-phone">
              {" "}
              · {t("app.tagline")}
            </Text>
          </Link>
          <Stack row align="center" gap="3" wrap>
            <Form method="post" action="/language" className="inline-form">
              <input type="hidden" name="redirectTo" value={here} />
              <input type="hidden" name="locale" value={other} />
              <Button type="submit" variant="ghost" aria-label={t("app.switchLanguageLabel")}>
                <span lang={other}>{t("app.switchLanguage")}</span>
              </Button>
            </Form>
            {user ? (
              <nav aria-label={t("app.mainNav")}>
                <Stack as="ul" className="plain-list" row align="center" gap="3" wrap>
                  <li>
                    <AppLink to="/">{t("app.home")}</AppLink>
                  </li>
                  <li>
                    <AppLink to="/search">{t("search.title")}</AppLink>
                  </li>
                  <li>
                    <AppLink to="/assignments">{t("assignments.link")}</AppLink>
                  </li>
                  <li>
                    <AppLink to="/action-items">{t("minutes.actions.mine")}</AppLink>
                  </li>
                  <li>
                    <AppLink to="/notifications" data-testid="notifications-link">
                      {user.unread > 0 ? t("notifications.linkUnread", { count: user.unread }) : t("notifications.link")}
                    </AppLink>
                  </li>
                  <li>
                    <AppLink to="/account">{t("app.account")}</AppLink>
                  </li>
                  <li>
                    <Form method="post" action="/logout" className="inline-form">
                      <Button type="submit" variant="soft" size="1">
                        {t("app.signOut")}
                      </Button>
                    </Form>
                  </li>
                </Stack>
              </nav>
            ) : null}
          </Stack>
        </Stack>
        {user ? (
          <Text as="p" size="1" color="gray" className="rt-r-mt-1 rt-r-mb-0">
            {t("app.signedInAs", { name: user.name, organisation: user.organisationName })}
          </Text>
        ) : null}
      </Container>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const { i18n } = useTranslation();
  const t = useT();
  const nonce = useNonce();
  const clientNavigation = useClientNavigation();
  // Resources are in memory, so switching is synchronous and the first paint after
  // a language change is already in the new language. Only in the browser: the
  // server's instances are shared per language and already in the request's one.
  if (typeof document !== "undefined" && i18n.language !== locale) void i18n.changeLanguage(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Theme accentColor="indigo" grayColor="slate" radius="medium">
          <a href="#main" className="skip-link">
            {t("app.skipToContent")}
          </a>
          <div className="app-frame">
            <Header user={data?.user ?? null} locale={locale} />
            {/* The click handler turns clicks on the plain links of long lists into client-side navigations (client-navigation.ts). */}
            <main id="main" tabIndex={-1} className="app-main" onClick={clientNavigation}>
              <Container py="5">
                {children}
              </Container>
            </main>
            <footer className="app-footer">
              <Container py="4">
                <Text size="1">{t("app.footer")}</Text>
              </Container>
            </footer>
          </div>
        </Theme>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return (
    <Box>
      <GeneralErrorBoundary />
    </Box>
  );
}
