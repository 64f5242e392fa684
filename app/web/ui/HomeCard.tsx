/** The home page's card (`/`): what Foyer is for, and below it whatever the team part adds (app/web/team). */
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';

export function HomeCard({ children }: { children?: ReactNode }) {
  const t = useT();
  return (
    <main className="screen" data-testid="home">
      <div className="card">
        <h1>{t('app.home.title')}</h1>
        <p>{t('app.home.body')}</p>
        {children}
      </div>
    </main>
  );
}
