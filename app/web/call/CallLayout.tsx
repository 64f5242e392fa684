/** The grid, or one source large with the others in a strip when something is pinned or shared. */
import { focusKey } from './layout.ts';
import { useLayoutStore } from './layout-store.ts';
import { useScreenShareKeys, useTrackOrder } from './tracks-store.ts';
import { FocusView } from './FocusView.tsx';
import { GridView } from './GridView.tsx';

export function CallLayout() {
  const order = useTrackOrder();
  const screens = useScreenShareKeys();
  const pinned = useLayoutStore((s) => s.pinned);
  const focus = focusKey(order, screens, pinned);
  return focus ? <FocusView focus={focus} /> : <GridView />;
}
