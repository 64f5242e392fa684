/**
 * Mic, camera, screen share, chat, participants, device settings and leave. State comes from the
 * local participant's view, so buttons show what others see. On narrow screens everything but mic,
 * camera and leave folds into a More menu (the same buttons, shown as a popup) whenever the bar is
 * phone-narrow: on a phone, or in a small window with a side panel open.
 */
import { useMemo, useState } from 'react';
import { useCallStore } from '../flow/call-store.ts';
import { useCallStatus } from './call-status-store.ts';
import { useLocalIdentity, useParticipant } from './participants-store.ts';
import { SHORTCUTS, useCallShortcuts } from './use-call-shortcuts.ts';
import { DeviceSettings } from './DeviceSettings.tsx';
import { ToggleButton } from '../ui/ToggleButton.tsx';
import { ChatButton } from '../chat/ChatButton.tsx';
import { selectOpen, selectUnread, useChatStore } from '../chat/chat-store.ts';
import { ParticipantsButton } from '../participants/ParticipantsButton.tsx';
import { EndForEveryone } from '../participants/EndForEveryone.tsx';
import { useT } from '../i18n/index.ts';

const canCaptureScreen = () => typeof navigator !== 'undefined' && !!navigator.mediaDevices && 'getDisplayMedia' in navigator.mediaDevices;

export function CallControls() {
  const t = useT();
  const session = useCallStore((s) => s.session);
  const local = useParticipant(useLocalIdentity() ?? '');
  const canPublish = useCallStatus((s) => s.canPublish);
  const canScreenShare = useCallStatus((s) => s.canScreenShare);
  const screenShareOffered = useCallStore((s) => s.self?.canScreenShare ?? false) || canScreenShare;
  const [moreOpen, setMoreOpen] = useState(false);
  // Folded into More on a phone, the chat's unread count shows on the More button instead.
  const unread = useChatStore((s) => (selectOpen(s) ? 0 : selectUnread(s)));
  const [settingsOpen, setSettingsOpen] = useState(false);
  const micOn = local?.micOn ?? false;
  const cameraOn = local?.cameraOn ?? false;
  const sharing = local?.screenSharing ?? false;
  const actions = useMemo(
    () => ({
      toggleMic: () => void session?.setMic(!micOn),
      toggleCamera: () => void session?.setCamera(!cameraOn),
    }),
    [session, micOn, cameraOn],
  );
  useCallShortcuts(actions);
  const onlyHosts = canPublish ? undefined : t('call.onlyHostsSend');
  return (
    <>
      {settingsOpen && <DeviceSettings onClose={() => setSettingsOpen(false)} />}
      {/* The bar is a size container: it folds into More when it is phone-narrow. */}
      <div className="controls-bar">
      <nav className="controls" aria-label={t('call.controls')} onKeyDown={(e) => e.key === 'Escape' && setMoreOpen(false)}>
        <ToggleButton
          on={micOn}
          testId="mic-toggle"
          label={micOn ? t('call.mute') : t('call.unmute')}
          disabled={!canPublish}
          title={onlyHosts ?? t('call.shortcut', { keys: 'Ctrl+D' })}
          keyShortcuts={SHORTCUTS.mic}
          onToggle={actions.toggleMic}
        />
        <ToggleButton
          on={cameraOn}
          testId="camera-toggle"
          label={cameraOn ? t('call.stopVideo') : t('call.startVideo')}
          disabled={!canPublish}
          title={onlyHosts ?? t('call.shortcut', { keys: 'Ctrl+E' })}
          keyShortcuts={SHORTCUTS.camera}
          onToggle={actions.toggleCamera}
        />
        <div
          id="more-controls"
          className={`controls__extra ${moreOpen ? 'controls__extra--open' : ''}`}
          // Choosing something from the folded menu closes it (a step that asks to confirm keeps it open).
          onClick={(e) => {
            const button = (e.target as HTMLElement).closest('button');
            if (button && !button.hasAttribute('data-keep-menu')) setMoreOpen(false);
          }}
        >
          {screenShareOffered && canCaptureScreen() && (
            <ToggleButton
              on={sharing}
              testId="screenshare-toggle"
              look="active"
              label={sharing ? t('call.stopShare') : t('call.share')}
              disabled={!canScreenShare && !sharing}
              title={canScreenShare ? undefined : onlyHosts}
              onToggle={() => void session?.setScreenShare(!sharing)}
            />
          )}
          <ChatButton />
          <ParticipantsButton />
          <button className="btn btn--round" data-testid="settings-toggle" aria-pressed={settingsOpen} onClick={() => setSettingsOpen(!settingsOpen)}>
            {t('call.settings.title')}
          </button>
          <EndForEveryone />
        </div>
        <button
          className="btn btn--round controls__more"
          data-testid="more-menu"
          aria-expanded={moreOpen}
          aria-controls="more-controls"
          onClick={() => setMoreOpen(!moreOpen)}
          aria-label={unread > 0 ? t('call.moreUnread', { count: unread }) : undefined}
        >
          {t('call.more')}
          {unread > 0 && (
            <span className="chat-unread" data-testid="more-unread" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </button>
        <button className="btn btn--danger" data-testid="leave-button" onClick={() => void session?.leave()}>
          {t('call.leave')}
        </button>
      </nav>
      </div>
    </>
  );
}
