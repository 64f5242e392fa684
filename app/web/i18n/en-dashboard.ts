/**
 * English texts of the team dashboard (`dashboard.*`, the `/dashboard` page): the fourth part of the English
 * catalogue (see en.ts). Not in the entry chunk: it loads with the dashboard chunk (`loadDashboardTexts`,
 * awaited by app/web/dashboard/load-dashboard.ts). Other languages hold them in their one catalogue.
 */
export const enDashboard = {
  'dashboard.title': 'Team dashboard',
  'dashboard.loading': 'Loading the dashboard…',
  'dashboard.signedInAs': 'You’re signed in as {name}',
  'dashboard.home': 'Home page',
  'dashboard.stale': 'The list could not be refreshed: what you see may be out of date. It will try again in a few seconds.',
  'dashboard.cancel': 'Cancel',

  // --- signed out ---
  'dashboard.signedOut.title': 'Sign in to see the dashboard',
  'dashboard.signedOut.body': 'The dashboard is for members of the team. Sign in with your passkey on the home page, then come back here.',
  'dashboard.signedOut.link': 'Sign in on the home page',

  // --- rooms ---
  'dashboard.rooms.heading': { one: 'Rooms ({count})', other: 'Rooms ({count})' },
  'dashboard.rooms.none': 'The team has no rooms yet. Create one above.',
  'dashboard.rooms.more': 'Showing the {shown} newest of {count} rooms.',
  'dashboard.create.heading': 'New room',
  'dashboard.create.name': 'Name (optional)',
  'dashboard.create.nameHint': 'Letters, digits, - and _. Leave it empty for a name nobody can guess.',
  'dashboard.create.submit': 'Create the room',
  'dashboard.create.busy': 'Creating…',
  'dashboard.privacy.label': 'Who can join',
  'dashboard.privacy.public': 'Public',
  'dashboard.privacy.org': 'Team',
  'dashboard.privacy.private': 'Private',
  'dashboard.privacy.public.hint': 'Anyone with the room’s link joins.',
  'dashboard.privacy.org.hint': 'Team members who are signed in join as owners. Anyone else needs a guest link, or knocks if knocking is on.',
  'dashboard.privacy.private.hint': 'Only people with a guest or owner link join. Anyone else knocks if knocking is on.',
  'dashboard.knocking.label': 'Knocking: people who cannot join straight away can ask, and an owner in the call lets them in',
  'dashboard.room.nobody': 'Nobody is in the call.',
  'dashboard.room.inCall': { one: 'In the call ({count})', other: 'In the call ({count})' },
  'dashboard.room.noName': 'Someone without a name',
  'dashboard.room.owner': 'Owner',
  'dashboard.room.waiting': { one: '{count} person waiting to join', other: '{count} people waiting to join' },
  'dashboard.room.waitingTag': { one: '{count} waiting', other: '{count} waiting' },
  'dashboard.room.waitingFor': { one: 'for {count} min', other: 'for {count} min' },
  'dashboard.room.waitingJustNow': 'just now',
  'dashboard.room.waitingHint': 'An owner in the call lets them in or turns them away.',
  'dashboard.room.copyGuest': 'Copy guest link',
  'dashboard.room.copyOwner': 'Copy owner link',
  'dashboard.room.delete': 'Delete',
  'dashboard.room.deleteQuestion': 'Delete the room {name}? Its links stop working. This cannot be undone.',
  'dashboard.room.deleteQuestion.inCall': {
    one: 'Delete the room {name}? The person in the call is disconnected and its links stop working. This cannot be undone.',
    other: 'Delete the room {name}? The {count} people in the call are disconnected and its links stop working. This cannot be undone.',
  },
  'dashboard.room.deleteYes': 'Delete the room',

  // --- links handed out ---
  'dashboard.link.copied': 'Copied to the clipboard.',
  'dashboard.link.copyByHand': 'Your browser did not let the page copy it: the link is selected below, copy it yourself.',
  'dashboard.link.owner': 'Owner link',
  'dashboard.link.guest': 'Guest link',
  'dashboard.link.invite': 'Invite link',
  'dashboard.link.ownerWarning': {
    one: 'This link is an owner’s key to the room: whoever opens it joins as an owner, and can let people in or remove them. It expires in {count} hour (at {time}). Share it carefully.',
    other: 'This link is an owner’s key to the room: whoever opens it joins as an owner, and can let people in or remove them. It expires in {count} hours (at {time}). Share it carefully.',
  },
  'dashboard.link.guestExpires': { one: 'This guest link expires in {count} hour (at {time}).', other: 'This guest link expires in {count} hours (at {time}).' },
  'dashboard.link.done': 'Done',

  // --- the invite link ---
  'dashboard.invite.heading': 'Invite link',
  'dashboard.invite.explain': 'Anyone with this link can join the team as a member, with a passkey. Send it only to people you want in the team.',
  'dashboard.invite.copy': 'Copy the invite link',
  'dashboard.invite.rotate': 'New invite link',
  'dashboard.invite.rotateQuestion': 'Make a new invite link? The current one stops working at once: people who have it but have not joined yet will need the new one. Members stay members.',
  'dashboard.invite.rotateYes': 'Make a new link',

  // --- members ---
  'dashboard.members.heading': { one: 'Members ({count})', other: 'Members ({count})' },
  'dashboard.members.you': '(you)',
  'dashboard.members.remove': 'Remove',
  'dashboard.members.removeQuestion': 'Remove {name} from the team? They are signed out at once and their passkey stops working.',
  'dashboard.members.removeYes': 'Remove from the team',
  'dashboard.role.owner': 'Owner',
  'dashboard.role.member': 'Member',

  // --- what just happened ---
  'dashboard.said.created': 'Room {name} created.',
  'dashboard.said.updated': 'Room {name} updated.',
  'dashboard.said.deleted': 'Room {name} deleted.',
  'dashboard.said.removed': '{name} was removed from the team.',
  'dashboard.said.rotated': 'A new invite link was made; the old one no longer works.',

  // --- what went wrong (the server's words follow, see dashboard-problem.ts) ---
  'dashboard.problem.signedOut': 'You are no longer signed in.',
  'dashboard.problem.forbidden': 'Only an owner of the team can do this.',
  'dashboard.problem.gone': 'This no longer exists: someone may have deleted it. The list will catch up in a few seconds.',
  'dashboard.problem.refused': 'Foyer did not accept this.',
  'dashboard.problem.detail': '(The server said: “{info}”)',
} as const satisfies Record<string, string | { one: string; other: string }>;
