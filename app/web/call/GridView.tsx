/**
 * Everyone's camera in a grid that uses the space: tiles as large as fit at 16:9, paginated past what
 * fits at a readable size, someone speaking on a later page brought onto the first.
 */
import { useMemo, useRef } from 'react';
import { fitGrid, pageCapacity, pageOf } from './layout.ts';
import { useLayoutStore } from './layout-store.ts';
import { useCallStatus } from './call-status-store.ts';
import { useTrackOrder } from './tracks-store.ts';
import { trackKey } from './track-ref.ts';
import { useElementSize } from './use-element-size.ts';
import { PageControls } from './PageControls.tsx';
import { Tile } from './Tile.tsx';

const GAP = 12;

export function GridView() {
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(box);
  const keys = useTrackOrder();
  const speakers = useCallStatus((s) => s.speakers);
  const page = useLayoutStore((s) => s.page);
  const setPage = useLayoutStore((s) => s.setPage);
  const speaking = useMemo(() => new Set(speakers.map((id) => trackKey(id, 'camera'))), [speakers]);
  // Room for the page controls is kept only when there is more than one page.
  const capacity = width > 0 ? pageCapacity(width, height, { gap: GAP }) : keys.length;
  const paged = keys.length > capacity;
  const usableHeight = paged ? Math.max(0, height - 44) : height;
  const current = pageOf(keys, paged ? pageCapacity(width, usableHeight, { gap: GAP }) : capacity, page, speaking);
  const fit = fitGrid(current.keys.length, width, usableHeight, { gap: GAP });
  const size = { width: Math.floor(fit.tileWidth), height: Math.floor(fit.tileHeight) };
  return (
    <div className="grid-view" ref={box} data-testid="grid" data-columns={fit.columns} data-page-size={current.keys.length}>
      <div className="grid" style={{ gridTemplateColumns: `repeat(${fit.columns}, ${size.width}px)`, gap: GAP }}>
        {width > 0 && current.keys.map((key) => <Tile key={key} trackKey={key} size={size} />)}
      </div>
      {current.pageCount > 1 && <PageControls page={current.page} pageCount={current.pageCount} onPage={setPage} />}
    </div>
  );
}
