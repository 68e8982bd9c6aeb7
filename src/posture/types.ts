/** Project posture results (issue: posture, routes). Filled by `posture/`. */
export interface PostureReport {
  routes: unknown[];
}
