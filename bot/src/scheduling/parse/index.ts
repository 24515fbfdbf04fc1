// Public face of the request parser: parseRequest and its types.
export { parseRequest } from "./parse-request";
export { grammarLanguage, type GrammarLanguage } from "./grammars";
export { CHANNEL_INVITEE, type ParseOptions, type ParseProblem, type ParsedRequest, type ProblemField } from "./types";
export { UnknownTimeZoneError } from "./zone";
