/** Previous / next page of the grid, with "Page 2 of 3". */
import { useT } from '../i18n/index.ts';

export function PageControls({ page, pageCount, onPage }: { page: number; pageCount: number; onPage(page: number): void }) {
  const t = useT();
  return (
    <nav className="pages" aria-label={t('call.pages')}>
      <button className="btn btn--small" data-testid="page-prev" disabled={page === 0} onClick={() => onPage(page - 1)} aria-label={t('call.pagePrev')}>
        ‹
      </button>
      <span data-testid="page-label" aria-live="polite">
        {t('call.pageOf', { page: page + 1, count: pageCount })}
      </span>
      <button className="btn btn--small" data-testid="page-next" disabled={page >= pageCount - 1} onClick={() => onPage(page + 1)} aria-label={t('call.pageNext')}>
        ›
      </button>
    </nav>
  );
}
