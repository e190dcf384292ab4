/** Hard limits that keep parsing and evaluation bounded for hostile input. */
export const MAX_SOURCE_LENGTH = 4096;
/** Maximum nesting: AST levels, and brackets/parentheses/unary operators while parsing. */
export const MAX_DEPTH = 64;
/** Maximum number of parts (text runs plus placeholders) in one template. */
export const MAX_TEMPLATE_PARTS = 256;
/** `replace` yields null instead of a string longer than this (nested replaces could grow exponentially). */
export const MAX_STRING_LENGTH = 100_000;
