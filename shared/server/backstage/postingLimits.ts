import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { BACKSTAGE_LIMITS } from '../../contract/backstage/schemas';
import { ServiceError } from '../errors';

/**
 * Per-student limits on posting in one class: questions and answers per minute. Kept per instance (the
 * service-wide per-user request limit already holds across instances through the load balancer's spread);
 * a student over the limit gets `rate_limited` with the seconds to wait.
 */
export class PostingLimits {
  private readonly asks = new RateLimiterMemory({ points: BACKSTAGE_LIMITS.asksPerMinute, duration: 60 });
  private readonly answers = new RateLimiterMemory({
    points: BACKSTAGE_LIMITS.answersPerMinute,
    duration: 60,
  });

  async take(kind: 'ask' | 'answer', classId: string, userId: string): Promise<void> {
    try {
      await (kind === 'ask' ? this.asks : this.answers).consume(`${classId}/${userId}`);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new ServiceError(
        'rate_limited',
        `You are posting a little fast. Wait ${seconds} s and try again.`,
        { retryAfterSeconds: seconds },
      );
    }
  }
}
