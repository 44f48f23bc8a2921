/** One titled table of a benchmark report; every bench module returns one. */
export interface BenchSection {
  title: string;
  rows: Array<Record<string, string | number>>;
  notes?: string[];
}
