/** Names krait writes into a Markdown output directory (used to refuse foreign dirs). */
export const MARKDOWN_ENTRY = /^security-analysis-\d{4}-\d{2}-\d{2}(\.md)?$/;
