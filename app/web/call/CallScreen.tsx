/** The call: a grid of tiles, banners for reconnecting and blocked audio, and the controls. */
import { useCallStore } from './call-store.ts';
import { CallControls } from './CallControls.tsx';
import { useParticipantOrder, useParticipantsStore } from './participants-store.ts';
import { Tile } from './Tile.tsx';
import { KnockToast } from '../lobby/KnockToast.tsx';
import { useOwnerLobby } from '../lobby/use-owner-lobby.ts';
import { Chat } from '../chat/Chat.tsx';

export default function CallScreen() {
  const order = useParticipantOrder();
  const reconnecting = useParticipantsStore((s) => s.reconnecting);
  const audioBlocked = useParticipantsStore((s) => s.audioBlocked);
  const session = useCallStore((s) => s.session);
  const roomName = useCallStore((s) => s.roomName);
  const self = useCallStore((s) => s.self);
  // Only owners open the lobby channel; the server refuses anyone else.
  useOwnerLobby(roomName, self?.isOwner ? self.session : undefined);
  const columns = Math.ceil(Math.sqrt(Math.max(order.length, 1)));
  return (
    <main className="call" data-testid="call">
      <header className="call__header">
        <span className="call__room">{roomName}</span>
        <span className="muted" data-testid="participant-count">
          {order.length} {order.length === 1 ? 'person' : 'people'}
        </span>
      </header>
      {reconnecting && (
        <div className="banner" role="status" data-testid="reconnecting">
          Reconnecting…
        </div>
      )}
      {audioBlocked && (
        <div className="banner" role="status">
          Your browser paused the call's sound. <button className="btn" onClick={() => void session?.startAudio()}>Turn sound on</button>
        </div>
      )}
      <section className="grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
        {order.map((id) => (
          <Tile key={id} identity={id} />
        ))}
      </section>
      <CallControls />
      <Chat />
      {self?.isOwner && <KnockToast />}
    </main>
  );
}
