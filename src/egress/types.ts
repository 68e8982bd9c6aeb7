/** Where one file can send data out (issue: egress). Filled by `egress/`. */
export interface FileEgress {
  canSendData: boolean;
  /** Each way out: a network module import or call, a URL, a host, a credential name. */
  via: { kind: string; detail: string; line: number }[];
}

export interface EgressSummary {
  filesThatCanSendData: number;
  files: { path: string; via: string[] }[];
}
