/** The team's rooms: the create form, then each room, newest first; focus goes to the heading when a room is deleted. */
import { useEffect, useRef } from 'react';
import type { CreateRoomRequest, DashboardRoom, UpdateRoomRequest } from '../../shared/dashboard-api.ts';
import { useT } from '../i18n/index.ts';
import { CreateRoomForm } from './CreateRoomForm.tsx';
import { roomTarget, type DashboardState } from './dashboard-store.ts';
import { RoomCard } from './RoomCard.tsx';

export interface RoomsSectionProps extends Pick<DashboardState, 'rooms' | 'total' | 'busy' | 'problem' | 'link' | 'said'> {
  now: number;
  createRoom(req: CreateRoomRequest): Promise<boolean>;
  updateRoom(name: string, change: UpdateRoomRequest): void;
  deleteRoom(name: string): void;
  copyRoomLink(name: string, owner: boolean): void;
  dismissLink(): void;
}

export function RoomsSection(props: RoomsSectionProps) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The deleted room's card (and the focused button in it) is gone: focus goes to the list's heading.
  useEffect(() => {
    if (props.said?.key === 'dashboard.said.deleted') headingRef.current?.focus();
  }, [props.said]);
  const problemFor = (target: string) => (props.problem?.target === target ? props.problem.problem : null);
  const card = (room: DashboardRoom) => {
    const target = roomTarget(room.name);
    return (
      <RoomCard
        key={room.name}
        room={room}
        busy={!!props.busy[target]}
        problem={problemFor(target)}
        link={props.link?.target === target ? props.link : null}
        now={props.now}
        update={(change) => props.updateRoom(room.name, change)}
        remove={() => props.deleteRoom(room.name)}
        copyLink={(owner) => props.copyRoomLink(room.name, owner)}
        dismissLink={props.dismissLink}
      />
    );
  };
  return (
    <section className="dash-section" aria-labelledby="dash-rooms-heading">
      <h2 id="dash-rooms-heading" tabIndex={-1} ref={headingRef}>
        {t('dashboard.rooms.heading', { count: props.total })}
      </h2>
      <CreateRoomForm busy={!!props.busy.create} problem={problemFor('create')} create={props.createRoom} />
      {props.rooms.length === 0 ? (
        <p className="muted" data-testid="no-rooms">
          {t('dashboard.rooms.none')}
        </p>
      ) : (
        <ul className="dash-rooms">{props.rooms.map(card)}</ul>
      )}
      {props.total > props.rooms.length && <p className="dash-hint">{t('dashboard.rooms.more', { shown: props.rooms.length, count: props.total })}</p>}
    </section>
  );
}
