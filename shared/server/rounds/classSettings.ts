import { ClassSettingsSchema, type ClassSettings } from '../../contract/classes';
import { parseSettings } from '../presenters';
import type { Stores } from '../storage/stores';

/**
 * Class settings for views the service publishes on its own (no request loaded the class). Kept briefly:
 * a tally is published several times a second, and a changed setting reaches the next views within the TTL.
 */
export class ClassSettingsCache {
  private readonly cache = new Map<string, { settings: ClassSettings; until: number }>();

  constructor(
    private readonly stores: Stores,
    private readonly ttlMs = 5000,
  ) {}

  async get(tenantId: string, classId: string): Promise<ClassSettings> {
    const hit = this.cache.get(classId);
    if (hit && hit.until > Date.now()) return hit.settings;
    const row = await this.stores.classes.findById(tenantId, classId);
    // A class deleted under a running round: the strictest settings.
    const settings = row ? parseSettings(row.settings) : ClassSettingsSchema.parse({ fullyAnonymous: true });
    this.put(classId, settings);
    return settings;
  }

  /** Records settings a request has just read, so publishing uses them at once. */
  put(classId: string, settings: ClassSettings): void {
    this.cache.set(classId, { settings, until: Date.now() + this.ttlMs });
    if (this.cache.size > 5000) this.cache.delete(this.cache.keys().next().value as string);
  }
}
