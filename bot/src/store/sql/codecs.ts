// zod codecs for column values as the two drivers return them, so one row schema serves both:
// timestamps are Date (pg timestamptz) or epoch ms (SQLite INTEGER); JSON columns are selected
// with CAST(col AS TEXT) on both; bigint ids come back as strings from pg.
import { z } from "zod";

export const timestampColumn = z
  .union([z.date(), z.number()])
  .transform((v) => new Date(v))
  .refine((d) => !Number.isNaN(d.getTime()), "invalid timestamp");

export const nullableTimestampColumn = z.union([z.null(), timestampColumn]);

export const jsonTextColumn = z.string().transform((text, ctx): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "column does not hold JSON" });
    return z.NEVER;
  }
});

export const idColumn = z.coerce.number().int().positive();

export const intColumn = z.coerce.number().int();

export const bytesColumn = z.instanceof(Buffer);

/** Serialises a JSON column value; undefined is stored as null (JSON has no undefined). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Parses every row with `schema`; a malformed row is a bug or a corrupt database, so it throws. */
export function parseRows<T>(schema: z.ZodType<T>, rows: readonly unknown[]): T[] {
  return rows.map((row) => schema.parse(row));
}

export function parseFirst<T>(schema: z.ZodType<T>, rows: readonly unknown[]): T | undefined {
  const row = rows[0];
  return row === undefined ? undefined : schema.parse(row);
}
