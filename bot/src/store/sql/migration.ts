/**
 * A numbered schema change. Kept as TypeScript strings rather than .sql files so that `tsc`
 * output is self-contained (no assets to copy into dist/). Never edit a released migration:
 * add the next number.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** "001_init" — used in logs and errors. */
export function migrationLabel(m: Migration): string {
  return `${String(m.id).padStart(3, "0")}_${m.name}`;
}

/** Ids must be 1..n in order: a gap or a duplicate is a packaging mistake worth failing on. */
export function assertMigrationSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.id !== i + 1) throw new Error(`migration ${migrationLabel(m)} is out of sequence (expected id ${i + 1})`);
  });
}
