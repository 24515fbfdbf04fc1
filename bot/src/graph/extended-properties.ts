/**
 * The single-value extended property that marks an Outlook event as carrying one of our Webex
 * meetings, and the OData expressions that read it back and filter on it.
 * https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-post-singlevalueextendedproperties
 * https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get
 *
 * The GUID is ours and must never change: events written by earlier versions are recognised
 * by it. Lower case, because Exchange echoes the id with the GUID lower-cased.
 */
export const WEBEX_PROPERTY_SET_GUID = "c5bd0f6e-d577-4021-a957-e093b5e37f18";

export const WEBEX_MEETING_ID_PROPERTY = `String {${WEBEX_PROPERTY_SET_GUID}} Name webexMeetingId`;

/** OData string literal: single quotes doubled. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `$expand` that returns only our property (Graph requires the `$filter` on id when expanding). */
export function expandExtendedProperty(propertyId: string = WEBEX_MEETING_ID_PROPERTY): string {
  return `singleValueExtendedProperties($filter=id eq ${literal(propertyId)})`;
}

/**
 * `$filter` for events whose property has this value, or — without a value — any value.
 * Microsoft documents the `ep/value eq '…'` form; `ne null` (carries the property at all) is
 * widely used but not in the reference, so callers can turn the server-side filter off.
 */
export function filterByExtendedProperty(value?: string, propertyId: string = WEBEX_MEETING_ID_PROPERTY): string {
  const test = value === undefined ? "ep/value ne null" : `ep/value eq ${literal(value)}`;
  return `singleValueExtendedProperties/Any(ep: ep/id eq ${literal(propertyId)} and ${test})`;
}

/** Our property's value on an event read with the `$expand` above; ids compare case-insensitively. */
export function readExtendedProperty(
  properties: readonly { id: string; value?: string | null }[] | undefined,
  propertyId: string = WEBEX_MEETING_ID_PROPERTY,
): string | undefined {
  const want = propertyId.toLowerCase();
  const hit = properties?.find((p) => p.id.toLowerCase() === want);
  return hit?.value ?? undefined;
}
