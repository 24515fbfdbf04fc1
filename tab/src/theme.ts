import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from "@fluentui/react-components";
import type { TeamsTheme } from "./teams";

const THEMES: Record<TeamsTheme, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** The Fluent UI v9 theme matching the Teams client's theme name. */
export function fluentThemeFor(theme: TeamsTheme): Theme {
  return THEMES[theme];
}
