// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/I18nProvider';
import { Countdown } from './Countdown';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const NOW = Date.parse('2026-03-02T10:00:00Z');
const renderAt = (deadline: number | null, skewMs = 0) =>
  render(
    <I18nProvider language="en">
      <Countdown deadline={deadline} skewMs={skewMs} />
    </I18nProvider>,
  );

describe('the countdown', () => {
  it('counts down each second on the service clock, then says time is up', () => {
    vi.useFakeTimers({ now: NOW });
    renderAt(NOW + 65_000);
    expect(screen.getByRole('timer').textContent).toBe('1:05 left');
    void act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByRole('timer').textContent).toBe('1:00 left');
    void act(() => vi.advanceTimersByTime(61_000));
    expect(screen.getByRole('timer').textContent).toBe('Time is up');
  });

  it('corrects for a device clock that runs behind the service', () => {
    vi.useFakeTimers({ now: NOW });
    renderAt(NOW + 65_000, 60_000);
    expect(screen.getByRole('timer').textContent).toBe('0:05 left');
  });

  it('shows nothing for a phase without a deadline', () => {
    renderAt(null);
    expect(screen.queryByRole('timer')).toBeNull();
  });
});
