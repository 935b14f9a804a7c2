/** Trims and folds runs of spaces; names are compared and stored in this form. */
export const normaliseName = (raw: string): string => raw.trim().replace(/\s+/g, ' ');

/** Letters of any script (with their combining marks), spaces, `.`, `'` and `-`; at least one letter. */
export const isAcceptableName = (name: string): boolean =>
  /^[\p{L}\p{M} .'-]+$/u.test(name) && /\p{L}/u.test(name);
