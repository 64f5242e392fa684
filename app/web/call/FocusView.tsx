/**
 * One source large (a screen share, or whoever is pinned) and everyone else's camera in a strip
 * beside it (below it on narrow screens). Strip tiles are small, so adaptive stream asks for small layers.
 */
import { useRef } from 'react';
import { fitGrid } from './layout.ts';
import { useTrackOrder } from './tracks-store.ts';
import { useElementSize } from './use-element-size.ts';
import { Tile } from './Tile.tsx';

export function FocusView({ focus }: { focus: string }) {
  const keys = useTrackOrder();
  const stage = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(stage);
  const fit = fitGrid(1, width, height, { gap: 0 });
  const others = keys.filter((k) => k !== focus);
  return (
    <div className="focus-view" data-testid="focus-view">
      <div className="focus-view__stage" ref={stage} data-testid="stage">
        {width > 0 && <Tile trackKey={focus} size={{ width: Math.floor(fit.tileWidth), height: Math.floor(fit.tileHeight) }} />}
      </div>
      {others.length > 0 && (
        <div className="focus-view__strip" data-testid="strip">
          {others.map((key) => (
            <Tile key={key} trackKey={key} />
          ))}
        </div>
      )}
    </div>
  );
}
