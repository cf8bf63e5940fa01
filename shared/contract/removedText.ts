/**
 * What stands where an erased person's own words were (a question, a peer answer, a muddiest point, a
 * comment in the notes): the item stays, so counts and votes stay right, but its text is gone. Shown as is.
 */
export const REMOVED_TEXT = '(removed)';
