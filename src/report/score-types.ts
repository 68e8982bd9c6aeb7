/** The score out of 25 (issue: reports). Filled by `report/score.ts`. */
export interface Score {
  total: number;
  max: 25;
  categories: { id: string; title: string; points: number; max: number; status: string }[];
}
