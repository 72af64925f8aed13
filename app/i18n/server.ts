import { createInstance, type TFunction } from "i18next";
import { i18nOptions, type Locale } from "./config";

const instances = new Map<Locale, TFunction>();

/** A translation function for server-side text that is not rendered by React (mail). */
export function serverT(locale: Locale): TFunction {
  let t = instances.get(locale);
  if (!t) {
    const i18n = createInstance();
    void i18n.init({ ...i18nOptions(locale), initAsync: false });
    t = i18n.t.bind(i18n);
    instances.set(locale, t);
  }
  return t;
}
