import { RemixBrowser } from "@remix-run/react";
import { createInstance } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions, isLocale } from "~/i18n/config";

const lang = document.documentElement.lang;
const i18n = createInstance();
void i18n.use(initReactI18next).init({ ...i18nOptions(isLocale(lang) ? lang : "sv"), initAsync: false });

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <RemixBrowser />
      </I18nextProvider>
    </StrictMode>,
  );
});
