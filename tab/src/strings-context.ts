import { createContext, useContext } from "react";
import { stringsFor, type Strings } from "./i18n";

/** The active dictionary; provided once at the root from the Teams locale. */
export const StringsContext = createContext<Strings>(stringsFor("en"));

export function useStrings(): Strings {
  return useContext(StringsContext);
}
