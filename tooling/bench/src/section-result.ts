/** A goal from the brief and whether this run met it. */
export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean;
}

/** What one benchmark section hands back to the report: its markdown and its targets. */
export interface SectionResult {
  title: string;
  /** Markdown under the section heading: what was run, the table, and what it shows. */
  body: string;
  targets: Target[];
}
