import { languageOf } from "../../i18n";
import { en, type SchedulingStringKey, type SchedulingStrings } from "./en";
import { ja } from "./ja";
import { sv } from "./sv";
import { tr } from "./tr";

const STRINGS: Record<ReturnType<typeof languageOf>, SchedulingStrings> = { en, sv, ja, tr };

export type SchedulingTranslate = (key: SchedulingStringKey, values?: Record<string, string | number>) => string;
export type { SchedulingStringKey };

/** The scheduling feature's strings in the client's language (same fallback as the shared i18n: en). */
export function schedulingTranslator(locale: string | undefined): SchedulingTranslate {
  const strings = STRINGS[languageOf(locale)];
  return (key, values) => {
    const text = strings[key];
    return values ? text.replace(/\{(\w+)\}/g, (m, name: string) => (values[name] !== undefined ? String(values[name]) : m)) : text;
  };
}
