// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/I18nProvider';
import type { TeamsInfo } from '../teams/teamsHost';
import { ShareToStage, stageUrl } from './ShareToStage';

type Callback = (err: unknown, result: unknown) => void;
const meeting = vi.hoisted(() => ({
  getAppContentStageSharingCapabilities: vi.fn<(cb: Callback) => void>(),
  shareAppContentToStage: vi.fn<(cb: Callback, url: string) => void>(),
}));
vi.mock('@microsoft/teams-js', () => ({ meeting }));

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const teamsIn = (frameContext: string): TeamsInfo => ({
  theme: 'default',
  locale: 'en-us',
  frameContext,
  hostName: 'Teams',
  meetingId: 'meeting-1',
});

const renderShare = (teams: TeamsInfo | null) =>
  render(
    <I18nProvider language="en">
      <p>Round</p>
      <ShareToStage teams={teams} sessionId="ses_1" />
    </I18nProvider>,
  );

describe('share to the meeting stage', () => {
  it('shares the stage view of the session from a side panel whose app may share', async () => {
    meeting.getAppContentStageSharingCapabilities.mockImplementation((cb) =>
      cb(null, { doesAppHaveSharePermission: true }),
    );
    meeting.shareAppContentToStage.mockImplementation((cb) => cb(null, true));
    renderShare(teamsIn('sidePanel'));
    fireEvent.click(await screen.findByRole('button', { name: 'Share to stage' }));
    await screen.findByText('Shared to the meeting stage.');
    const url = meeting.shareAppContentToStage.mock.calls[0]?.[1];
    expect(url).toBe(stageUrl('ses_1'));
    expect(new URL(url ?? '').pathname + new URL(url ?? '').search).toBe('/tab/stage?sessionId=ses_1');
  });

  it('says so when Teams refuses to share', async () => {
    meeting.getAppContentStageSharingCapabilities.mockImplementation((cb) =>
      cb(null, { doesAppHaveSharePermission: true }),
    );
    meeting.shareAppContentToStage.mockImplementation((cb) => cb({ errorCode: 1000 }, null));
    renderShare(teamsIn('sidePanel'));
    fireEvent.click(await screen.findByRole('button', { name: 'Share to stage' }));
    await screen.findByText('Teams could not share to the stage.');
  });

  it('is hidden without the permission, outside the side panel, and outside Teams', async () => {
    meeting.getAppContentStageSharingCapabilities.mockImplementation((cb) =>
      cb(null, { doesAppHaveSharePermission: false }),
    );
    renderShare(teamsIn('sidePanel'));
    await waitFor(() => expect(meeting.getAppContentStageSharingCapabilities).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Share to stage' })).toBeNull();
    cleanup();

    meeting.getAppContentStageSharingCapabilities.mockClear();
    renderShare(teamsIn('content'));
    renderShare(null);
    await screen.findAllByText('Round');
    expect(screen.queryByRole('button', { name: 'Share to stage' })).toBeNull();
    expect(meeting.getAppContentStageSharingCapabilities).not.toHaveBeenCalled();
  });
});
