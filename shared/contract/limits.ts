/** Limits shared by client and server, so the tab can validate before sending. */
export const LIMITS = {
  /** Largest JSON body the REST API accepts, in bytes. */
  maxBodyBytes: 256 * 1024,
  classNameMax: 120,
  sessionTitleMax: 200,
  displayNameMax: 120,
  idMax: 256,
  pageSizeDefault: 50,
  pageSizeMax: 200,
  joinCodeLength: 8,
} as const;
