import { z } from 'zod';
import { LIMITS } from './limits';

export const PageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).optional(),
    cursor: z.string().max(512).optional(),
  })
  .strict();
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** A page of items; `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const IsoDateSchema = z.iso.datetime();
